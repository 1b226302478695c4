import { LINE_INDEX_STEP } from '../model/builder'
import { LineIndexer } from './line-index'
import { UNKNOWN_CANDIDATES, type FormatMask, type SniffHints } from './sniff-hints'
import { LineSplitter, type EncodingGuess } from './text'

/**
 * The line-tracking step of a parse: decoded text is split into lines for the scanner (a line
 * split across chunks is joined), and the raw bytes are indexed so lines can be read back
 * later (`LineIndexer`; UTF-8 sources only, UTF-16 ones are read back from their start).
 *
 * For UTF-8 the sniff hints of each line (`SniffHints`) are found in its bytes as the index
 * finds its break, in a loop over a typed array rather than over the characters of a sliced
 * string, and handed to the scanner with the line. Both split by the same rule, so the n-th
 * line of the bytes is the n-th line of the text.
 */
export class LineTracker {
  private index: LineIndexer | null
  private readonly splitter: LineSplitter
  /** Candidates of the lines found in the bytes and not yet in the text, from `head` on. */
  private readonly queue: FormatMask[] = []
  private head = 0

  /**
   * `onLine(line, length, candidates)`: `length` is the line's true length (see
   * `LineSplitter`); `candidates`, the line's `SniffHints.candidates` or `UNKNOWN_CANDIDATES`.
   */
  constructor(
    onLine: (line: string, length: number, candidates: FormatMask) => void,
    private readonly hints: SniffHints | null = null,
  ) {
    this.index = this.indexer(0)
    this.splitter = new LineSplitter((line, _next, length) =>
      onLine(
        line,
        length,
        this.head < this.queue.length ? this.queue[this.head++] : UNKNOWN_CANDIDATES,
      ),
    )
  }

  /** Once the byte-order mark is known: `skip` bytes of it come before the first line. */
  setEncoding(guess: Pick<EncodingGuess, 'encoding' | 'skip'>): void {
    this.index = guess.encoding === 'utf-8' ? this.indexer(guess.skip) : null
  }

  /** The next bytes and the text decoded from them; `aligned`, one character per byte. */
  push(bytes: Uint8Array, text: string, aligned = false): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0
      this.head = 0
    }
    this.index?.push(bytes, aligned ? text : undefined)
    this.splitter.push(text)
  }

  /** Ends the input: `text` is what the decoder still held. */
  end(text: string): void {
    this.index?.end()
    this.splitter.push(text)
    this.splitter.finish()
  }

  /** [line numbers, byte offsets] of the index entries (`SourceInfo.lineIndexLines/lineOffsets`). */
  lineIndex(): [Float64Array, Float64Array] {
    return this.index ? this.index.finish() : [new Float64Array([0]), new Float64Array([0])]
  }

  private indexer(skip: number): LineIndexer {
    const hints = this.hints
    const queue = this.queue
    return new LineIndexer(
      LINE_INDEX_STEP,
      skip,
      hints === null
        ? undefined
        : (bytes, start, end) =>
            queue.push(start < 0 ? UNKNOWN_CANDIDATES : hints.candidatesOfBytes(bytes, start, end)),
    )
  }
}
