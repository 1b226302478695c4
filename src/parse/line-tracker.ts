import { LINE_INDEX_STEP } from '../model/builder'
import { LineIndexer } from './line-index'
import {
  UNKNOWN_CANDIDATES,
  UNKNOWN_MARKS,
  type FormatMask,
  type LineCandidates,
  type SniffHints,
} from './sniff-hints'
import { withoutTerminalEscapes } from './terminal-escapes'
import { LineSplitter, type EncodingGuess } from './text'

/** A line whose hints are not known from its bytes: every format may read it. */
const UNREAD_LINE: LineCandidates = {
  candidates: () => UNKNOWN_CANDIDATES,
  marks: () => UNKNOWN_MARKS,
  sourceBytes: () => null,
}

/**
 * What `OnRange` took: how many lines, and where the last one ends (its break); and for the line
 * index, where a take of lines holds a line the index records the next line's start of (see
 * `noteTake`), so that line's break is searched from there rather than from the range's start.
 */
export type RangeTaken = {
  lines: number
  lastBreak: number
  /** The next such line, counted in the range from 1; then every `markStep` lines. */
  markAt: number
  markStep: number
  /** (lines of the range before a take, where the take starts), one pair a take that holds one. */
  marks: number[]
}

/**
 * Notes a take of the range's lines `before + 1` to `through`, starting at `start`, in
 * `taken.marks` when it holds a line the index records the next line's start of.
 */
export function noteTake(taken: RangeTaken, before: number, start: number, through: number): void {
  if (through < taken.markAt) return
  taken.marks.push(before, start)
  do taken.markAt += taken.markStep
  while (through >= taken.markAt)
}

/**
 * A line `source[start, end)` of a chunk whose characters are its `bytes`, with the lines after
 * it that end with `\n` before `limit`: true when it took the line and maybe some of those,
 * as it says in `taken`.
 */
export type OnRange = (
  source: string,
  start: number,
  end: number,
  limit: number,
  bytes: Uint8Array,
  taken: RangeTaken,
) => boolean

/**
 * The line-tracking step of a parse: decoded text is split into lines for the scanner (a line
 * split across chunks is joined), and the raw bytes are indexed so lines can be read back
 * later (`LineIndexer`; UTF-8 sources only, UTF-16 ones are read back from their start).
 *
 * For UTF-8 the sniff hints of a line (`SniffHints`) are found in its bytes, in a loop over a
 * typed array rather than over the characters of a sliced string, when the scanner asks for
 * them: it asks only of lines it offers to the formats (outside a region, or in a plain log),
 * so the lines of a goroutine dump cost no scan. The index records each line's bytes as it
 * finds its break; both split by the same rule, so the n-th line of the bytes is the n-th line
 * of the text.
 */
export class LineTracker implements LineCandidates {
  private index: LineIndexer | null
  private readonly splitter: LineSplitter
  /**
   * The lines found in the bytes and not yet in the text, from `head` on: the bytes each was
   * found in (the text can lag one chunk behind, at a `\r` that ends it) and where it lies in
   * them, a start of -1 for a line begun in earlier bytes.
   */
  private readonly chunks: Uint8Array[] = []
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  private head = 0
  /** The range of the line being passed on, or -1. */
  private current = -1
  /**
   * The current bytes decoded to one character per byte: a line's place in the text is its
   * place in the bytes, and the index passes none of their lines. The line being passed on lies
   * at `[alignedStart, alignedEnd)` of `bytes`, or began in earlier bytes (`alignedStart` -1).
   */
  private aligned = false
  private bytes: Uint8Array = new Uint8Array(0)
  private alignedStart = -1
  private alignedEnd = 0
  /** The text being split, where a line not joined from several chunks lies. */
  private text = ''
  /** Whether lines may hold terminal escapes to take out (`readTerminalEscapes`). */
  private escapes = false
  private readonly taken: RangeTaken = {
    lines: 0,
    lastBreak: -1,
    markAt: 0,
    markStep: 1,
    marks: [],
  }

  /**
   * `onLine(line, length, candidates, source, start)`: `length` is the line's true length (see
   * `LineSplitter`); `candidates` gives the line's `SniffHints.candidates` while it is passed on;
   * `line` is `source.slice(start, start + line.length)`, `source` the decoded chunk (or the
   * line itself when it was joined from several).
   */
  constructor(
    onLine: (
      line: string,
      length: number,
      candidates: LineCandidates,
      source: string,
      start: number,
    ) => void,
    private readonly hints: SniffHints | null = null,
    /**
     * Offered first each line of a chunk decoded one character per byte that lies whole in
     * it, as `source[start, end)` with the chunk's `bytes`, and the lines after it up to
     * `limit` (see `LineSplitter`): true when it took some, which are then not sliced and not
     * passed to `onLine` (`Scanner.pushRange`).
     */
    onRange: OnRange | null = null,
    /** Every how many lines the index records a start. */
    private readonly indexStep = LINE_INDEX_STEP,
  ) {
    this.index = this.indexer(0)
    this.splitter = new LineSplitter(
      (line, next, length) => {
        // The break is one character before `next`; a line joined to earlier text starts before 0.
        const start = next > 0 ? next - 1 - line.length : -1
        if (this.aligned) {
          this.alignedStart = start
          this.alignedEnd = next - 1
          // Its breaks are the index's: counted here rather than searched for twice.
          this.index!.lineStartsAt(next)
        } else this.current = this.head < this.starts.length ? this.head++ : -1
        // The line the terminal showed, when it held escapes: its hints are read from its text.
        const shown = this.escapes ? withoutTerminalEscapes(line) : line
        if (shown !== line)
          onLine(shown, length - (line.length - shown.length), UNREAD_LINE, shown, 0)
        else if (start < 0) onLine(line, length, this, line, 0)
        else onLine(line, length, this, this.text, start)
      },
      onRange === null
        ? undefined
        : (source, start, end, limit) => {
            const taken = this.taken
            // Lines with escapes go one by one to `onLine`, which takes them out.
            if (!this.aligned || this.escapes) return -1
            const index = this.index!
            taken.markAt = index.linesToIndexed()
            taken.markStep = this.indexStep
            taken.marks.length = 0
            if (!onRange(source, start, end, limit, this.bytes, taken)) return -1
            index.linesFollow(source, end, taken.lines, taken.marks)
            return taken.lastBreak
          },
    )
  }

  /** The current line's candidates from its bytes, or `UNKNOWN_CANDIDATES`. */
  candidates(): FormatMask {
    if (this.hints === null) return UNKNOWN_CANDIDATES
    if (this.aligned)
      return this.alignedStart < 0
        ? UNKNOWN_CANDIDATES
        : this.hints.candidatesOfBytes(this.bytes, this.alignedStart, this.alignedEnd)
    const k = this.current
    if (k < 0 || this.starts[k] < 0) return UNKNOWN_CANDIDATES
    return this.hints.candidatesOfBytes(this.chunks[k], this.starts[k], this.ends[k])
  }

  /** The marks of the current line (`SourceBytes.marks`): those its candidates found. */
  marks(): number {
    if (this.hints === null) return UNKNOWN_MARKS
    if (this.aligned)
      return this.alignedStart < 0
        ? UNKNOWN_MARKS
        : this.hints.marksOf(this.bytes, this.alignedStart, this.alignedEnd)
    const k = this.current
    if (k < 0 || this.starts[k] < 0) return UNKNOWN_MARKS
    return this.hints.marksOf(this.chunks[k], this.starts[k], this.ends[k])
  }

  /** The bytes of the current line's `source` when they are its characters, one per byte. */
  sourceBytes(): Uint8Array | null {
    return this.aligned && this.alignedStart >= 0 ? this.bytes : null
  }

  /**
   * Takes terminal escape sequences out of every line from now on (see terminal-escapes.ts):
   * called when the input's first text holds one, so other inputs pay nothing a line.
   */
  readTerminalEscapes(): void {
    this.escapes = true
  }

  /** Once the byte-order mark is known: `skip` bytes of it come before the first line. */
  setEncoding(guess: Pick<EncodingGuess, 'encoding' | 'skip'>): void {
    this.index = guess.encoding === 'utf-8' ? this.indexer(guess.skip) : null
  }

  /** The next bytes and the text decoded from them; `aligned`, one character per byte. */
  push(bytes: Uint8Array, text: string, aligned = false): void {
    // Lines of earlier bytes still waiting for their text come only after a chunk that was not
    // aligned (a character cut between chunks), so an aligned chunk starts the queue afresh.
    if (this.head === this.starts.length || aligned) {
      this.chunks.length = this.starts.length = this.ends.length = 0
      this.head = 0
    }
    this.bytes = bytes
    this.text = text
    const index = this.index
    this.aligned = aligned && index !== null
    if (this.aligned) {
      // Where a line lies in the text is where it lies in the bytes: the splitter's lines
      // are the index's (see `LineIndexer.lineStartsAt`).
      this.splitter.push(text)
      index!.passed(bytes)
    } else {
      index?.push(bytes)
      this.splitter.push(text)
    }
  }

  /** Ends the input: `text` is what the decoder still held. */
  end(text: string): void {
    this.aligned = false
    this.index?.end()
    this.text = text
    this.splitter.push(text)
    this.splitter.finish()
  }

  /** [line numbers, byte offsets] of the index entries (`SourceInfo.lineIndexLines/lineOffsets`). */
  lineIndex(): [Float64Array, Float64Array] {
    return this.index ? this.index.finish() : [new Float64Array([0]), new Float64Array([0])]
  }

  private indexer(skip: number): LineIndexer {
    const { chunks, starts, ends } = this
    return new LineIndexer(
      this.indexStep,
      skip,
      this.hints === null
        ? undefined
        : (bytes, start, end) => {
            chunks.push(bytes)
            starts.push(start)
            ends.push(end)
          },
    )
  }
}
