import type { IncidentBuilder } from '../model/builder'
import type { LineNumber, Milliseconds } from '../model/types'
import type { TimestampMatch, TimestampReader } from './log/timestamps'

/**
 * The contract between the scanner and a format's parser.
 *
 * A file often mixes formats (application logs with a Go panic in the middle, syslog with
 * kernel segfault lines, a gdb session with its prompts), so parsers do not own a whole file:
 * the scanner offers each line not yet claimed to every format's `sniff`, opens a region with
 * the first that accepts, and then feeds that region's reader until it refuses a line.
 */
export type RegionFormat = {
  /** Stable id reported in `regions[].format`: `go`, `gdb`, `kernel`, `memleak` ... */
  readonly format: string
  /**
   * Whether a region of this format starts on this line. Returns the column where the
   * format's own text starts (its anchor; 0 when the line has no prefix), or -1. Called on
   * every line no region claimed, so it must be cheap: test a fixed substring first.
   */
  sniff(line: string): number
  /**
   * Fixed texts (case-sensitive) of which every line `sniff` accepts contains at least one.
   * The scanner looks for every format's hints in one pass and skips the sniffers of a line
   * that has none of theirs, so a hint missing here hides real regions: list every anchor's
   * fixed text (sniff-hints.test.ts checks the corpus). Omit it when an anchor has none.
   */
  readonly hints?: readonly string[]
  /**
   * Fixed texts (ASCII, case-sensitive) that the format's reader searches lines for: the sniff
   * prefilter finds them in the same pass as the hints, and a reader skips the searches a line
   * cannot match (`SourceBytes.marks`).
   */
  readonly marks?: readonly string[]
  /**
   * A weak format (plain log lines) yields: while its region is open, every line is still
   * offered to the other formats first, so a Go panic in the middle of a log is found.
   */
  readonly weak?: boolean
  /**
   * Lines too plain to open a region alone that may start one (a folded stack of one frame,
   * `main 2`, which sorted folded output puts before `main;work 5`). When a region opens with
   * no prefix right after such lines that no region claimed, they are pushed to it first.
   */
  leadIn?(line: string): boolean
  /** Opens a reader; the line that sniffed is then `push`ed to it first. */
  open(builder: IncidentBuilder, context: RegionContext): RegionReader
}

/** What the scanner knows when it opens a region. */
export type RegionContext = {
  /** The text before the anchor on the opening line (a log prefix), '' when none. */
  prefix: string
  /** The year of dates printed without one (from the file's modification time). */
  referenceYear?: number
}

/** One line as a reader receives it: the region's prefix already removed. */
export type RegionLine = {
  /** The line without its prefix and without a trailing `\r`. */
  text: string
  /** 0-based line number in the source. */
  lineNo: LineNumber
  /** The prefix that was peeled off (may carry a timestamp), '' when none. */
  prefix: string
  /** The time found in the prefix or on the line before, when the scanner knows it. */
  time?: Milliseconds
  /**
   * What the scanner's `TimestampReader.read` found in `text` (anywhere in it), null for no
   * timestamp; unset when it did not read `text`. A log reader takes its own read from it
   * (`TimestampReader.follow`) instead of parsing the timestamp again.
   */
  stamp?: TimestampMatch | null
  /**
   * The decoded chunk `text` was cut from, and where: `text` is `source.slice(start, start +
   * text.length)`. A reader that hashes many lines reads their characters there, where V8
   * reads each one about twice as fast as in a slice. Unset by readers that build lines
   * themselves.
   */
  source?: string
  start?: number
  /**
   * The bytes `source` was decoded from, when it has one character per byte (an ASCII chunk):
   * `text` is then `bytes[start, start + text.length)`, followed by its line break. A reader
   * that reads many characters of each line reads them there, faster than in any string.
   */
  bytes?: SourceBytes
}

/** The bytes of a line's `source` (`RegionLine.bytes`), or null when it has none. */
export type SourceBytes = {
  sourceBytes(): Uint8Array | null
  /**
   * Which of its format's `marks` the line may hold: bit k clear when it holds no k-th mark.
   * Every bit is set when the prefilter did not read the line (`SniffHints.marksOf`).
   */
  marks(): number
}

export type RegionReader = {
  /**
   * Feeds one line. Returns true when the line belongs to the region (including lines the
   * reader tolerates and skips), false when it does not: the region then ends before this
   * line, `close` is called, and the line is offered to the other formats.
   */
  push(line: RegionLine): boolean
  /**
   * Optional, a faster `push` for most lines of a long region: the line is `source[start,
   * end)`, whole in its decoded chunk, with no prefix, no line ending and no time to read
   * (the scanner offers only such lines); `bytes`, the chunk's bytes when they are its
   * characters, else null. Returns true when it read the line as `push` would have; false
   * leaves the line to `push`, so it may take only the lines it reads without a slice of its
   * own (most lines of a goroutine dump repeat those of the goroutine before).
   */
  pushRange?(
    source: string,
    start: number,
    end: number,
    lineNo: LineNumber,
    bytes: Uint8Array | null,
  ): boolean
  /**
   * Optional, a faster `push` for the lines of a weak region (plain logs), which the other
   * formats sniff first: the scanner offers it only lines of an aligned chunk (`bytes[start,
   * end)`, one byte per character) with no prefix and no line ending, that hold no other
   * format's hints and start with a time the scanner's clock read in their bytes (`stamp`,
   * `TimestampReader.readLeadingIso`); `marks`, the line's marks (`SourceBytes.marks`). Returns
   * true when it read the line as `push` would have; false leaves the line to `push`, so it may
   * take only the lines it reads without a string.
   */
  pushStamped?(
    bytes: Uint8Array,
    start: number,
    end: number,
    lineNo: LineNumber,
    stamp: TimestampReader,
    marks: number,
  ): boolean
  /**
   * Optional, `pushRange` for each line after one it took, found by the reader itself: the
   * line starts at `start` and ends at the first `\n` after it, which must come before
   * `limit` (no line before `limit` holds a `\r`), and the reader takes no line longer than
   * MAX_LINE_LENGTH; `bytes`, the chunk's bytes, which are its characters. Returns where that
   * `\n` is when it read the line as `push` would have, else -1. A reader that knows a line by
   * comparing it with one seen before knows where it ends without a search for its break. It
   * may take the lines after it too, none starting with a time (a digit, a capital, `[`, `{`,
   * `<`), and returns where the last ends: then `nextLines` says how many it took.
   */
  pushNext?(
    source: string,
    start: number,
    limit: number,
    lineNo: LineNumber,
    bytes: Uint8Array,
  ): number
  /** How many lines the last `pushNext` took (1 when it took the line alone). */
  readonly nextLines?: number
  /** Ends the region: flush a pending record, add warnings for truncation. */
  close(): void
  /**
   * Optional, asked after `close`: the last lines `push` took that turned out not to be the
   * format's, oldest first (the lines after `panic: boom` that no blank line or goroutine
   * confirmed as the panic's message were the log's next lines). The scanner offers them
   * again, as if the region had ended before them. Never the region's first line.
   */
  unclaimed?(): readonly RegionLine[]
}
