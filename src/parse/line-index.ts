import { GrowableArray } from '../lib/growable-array'

const LF = 10
const CR = 13

/**
 * Called for each line as its break is found: the line is `bytes[start, end)` (a `\r` before
 * its `\n` included), or `start` is -1 when the line began in an earlier chunk.
 */
export type OnLineBytes = (bytes: Uint8Array, start: number, end: number) => void

/**
 * Records where every `step`-th line starts in the (decompressed) bytes, so a few lines can be
 * read back from the file later (an event's text, a pinned range of lines) without keeping any
 * text. It counts the line breaks in the bytes themselves, by the splitter's rule (`\n`
 * after any `\r`s, or a `\r` that no `\n` follows), so a byte the decoder replaced (Latin-1 in a UTF-8 log) or a line
 * too long to keep whole moves no offset. For UTF-8 text, where those bytes are only ever
 * breaks; UTF-16 sources are read back from their start.
 */
export class LineIndexer {
  private readonly lines = new GrowableArray(Float64Array, 256)
  private readonly offsets = new GrowableArray(Float64Array, 256)
  private line = 0
  /** Offset of the next chunk's first byte. */
  private base: number
  /** How many `\r`s ended the last chunk: a break each unless `\n` comes after them. */
  private pendingCrs = 0
  /** The last chunk ended inside a line. */
  private partial = false

  /** `startOffset`: bytes before the first line's text (a UTF-8 byte-order mark). */
  constructor(
    private readonly step: number,
    startOffset = 0,
    private readonly onLine?: OnLineBytes,
  ) {
    this.base = startOffset
    this.lines.push(0)
    this.offsets.push(startOffset)
  }

  /** The next bytes of the text: their line breaks are searched here. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return
    const onLine = this.onLine
    // Where the current line starts in this chunk; -1 when it started before.
    let start = this.partial ? -1 : 0
    if (this.pendingCrs > 0) {
      const run = crRunEnd(bytes, 0)
      if (run === bytes.length) {
        this.pendingCrs += run
        this.base += bytes.length
        return
      }
      if (bytes[run] !== LF) {
        // Each `\r` was a break: the line that began before ends at the first, and an empty
        // line at each after it, in the last chunk.
        onLine?.(bytes, -1, 0)
        for (let before = this.pendingCrs - 1; before > 0; before--) {
          this.lineStartsAt(-before)
          onLine?.(bytes, 0, 0)
        }
        this.lineStartsAt(0)
        start = 0
      }
      this.pendingCrs = 0
    }
    let lf = bytes.indexOf(LF)
    let cr = bytes.indexOf(CR)
    for (;;) {
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // `\r`s before `\n` are one break, found at the `\n`; a run that ends the chunk waits.
        const run = cr + 1 === lf ? lf : crRunEnd(bytes, cr + 1)
        if (run === lf) {
          cr = bytes.indexOf(CR, lf)
          continue
        }
        if (run === bytes.length) {
          this.pendingCrs = run - cr
          break
        }
        for (; cr < run; cr++) {
          onLine?.(bytes, start, cr)
          this.lineStartsAt(cr + 1)
          start = cr + 1
        }
        cr = bytes.indexOf(CR, run)
        continue
      }
      if (lf === -1) break
      onLine?.(bytes, start, lf)
      this.lineStartsAt(lf + 1)
      start = lf + 1
      lf = bytes.indexOf(LF, lf + 1)
    }
    this.partial = this.pendingCrs > 0 || start === -1 || start < bytes.length
    this.base += bytes.length
  }

  /** Bytes whose line starts were given by `lineStartsAt`, which now lie behind. */
  passed(bytes: Uint8Array): void {
    if (bytes.length === 0) return
    // What `push` would leave: `\r`s that end them wait, and a line not ended goes on.
    const run = bytes.length - crRunStart(bytes)
    this.pendingCrs = run === bytes.length ? this.pendingCrs + run : run
    this.partial = bytes[bytes.length - 1] !== LF
    this.base += bytes.length
  }

  /** Ends the text: a last line without a break is passed on. */
  end(): void {
    if (this.partial) this.onLine?.(new Uint8Array(0), -1, 0)
    // `\r`s that end the text were lone: an empty line ends at each after the first.
    for (let before = this.pendingCrs - 1; before > 0; before--) {
      this.lineStartsAt(-before)
      this.onLine?.(new Uint8Array(0), 0, 0)
    }
    this.partial = false
    this.pendingCrs = 0
  }

  /** [line numbers, byte offsets] of the index entries. */
  finish(): [Float64Array, Float64Array] {
    return [this.lines.finish(), this.offsets.finish()]
  }

  /**
   * For bytes whose lines the caller splits by the same rule (text decoded one character per
   * byte, split by `LineSplitter`): the line that starts at `at` of the bytes not yet
   * `passed`. Searching the breaks once instead of twice saves a pass over every chunk.
   */
  lineStartsAt(at: number): void {
    if (++this.line % this.step === 0) {
      this.lines.push(this.line)
      this.offsets.push(this.base + at)
    }
  }

  /** In how many lines from here the index records the next line's start (1: after the next). */
  linesToIndexed(): number {
    return this.step - (this.line % this.step)
  }

  /**
   * `lineStartsAt` for each of `count` lines taken together: the first ends at the break at
   * `end` of `text` (the bytes decoded one character per byte), each next at the next `\n`.
   * Only a run that reaches an indexed line looks for its breaks, up to that line, and from the
   * last of `marks` before it (`RangeTaken.marks`: the lines before a take, where it starts).
   */
  linesFollow(text: string, end: number, count: number, marks: readonly number[] = []): void {
    const step = this.step
    const first = this.line
    let toIndexed = step - (first % step)
    // Line `k` of the run ends at `at`.
    let k = 1
    let at = end
    let m = 0
    while (toIndexed <= count) {
      for (; m < marks.length && marks[m] < toIndexed; m += 2) {
        if (marks[m] >= k) {
          k = marks[m]
          at = marks[m + 1] - 1
        }
      }
      for (; k < toIndexed; k++) at = text.indexOf('\n', at + 1)
      this.line = first + toIndexed - 1
      this.lineStartsAt(at + 1)
      toIndexed += step
    }
    this.line = first + count
  }
}

/** Where the run of `\r`s from `from` ends in `bytes`: the first other byte, or their end. */
function crRunEnd(bytes: Uint8Array, from: number): number {
  let i = from
  while (i < bytes.length && bytes[i] === CR) i++
  return i
}

/** Where the run of `\r`s that ends `bytes` starts. */
function crRunStart(bytes: Uint8Array): number {
  let i = bytes.length
  while (i > 0 && bytes[i - 1] === CR) i--
  return i
}
