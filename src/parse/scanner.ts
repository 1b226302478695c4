import { flatString } from '../lib/flat-string'
import type { IncidentBuilder } from '../model/builder'
import type { Region } from '../model/types'
import { LineClock } from './line-clock'
import { TimestampReader, type TimestampMatch, type YearInference } from './log/timestamps'
import { makePrefixPeeler, type PrefixPeeler } from './prefix'
import { noteTake, type RangeTaken } from './line-tracker'
import type { RegionFormat, RegionLine, RegionReader } from './region'
import {
  UNKNOWN_CANDIDATES,
  sniffHintsFor,
  type LineCandidates,
  type SniffHints,
} from './sniff-hints'
import { withoutTrailingCrs } from './text'

/** Lines longer than this are counted and skipped: no format prints them, and a 10 MB line
 *  offered to every sniffer would only cost time. */
export const MAX_LINE_LENGTH = 64 * 1024
/** How many unrecognised lines a source keeps to explain an empty result. */
const PREAMBLE_LINES = 12
const PREAMBLE_LINE_LENGTH = 200
/** How many unclaimed lead-in lines (`RegionFormat.leadIn`) are kept for a region to adopt. */
const MAX_LEAD_IN_LINES = 256

const MAX_LEAD_IN_LENGTH = 4096

/** An unclaimed line that a region opening right after it may adopt. */
type LeadIn = { line: string; lineNo: number; inPreamble: boolean }

const NO_LINES: readonly RegionLine[] = []

type OpenRegion = {
  format: RegionFormat
  reader: RegionReader
  peel: PrefixPeeler
  hasPrefix: boolean
  firstLine: number
  lastLine: number
}

/**
 * Routes each line of one source to a region parser.
 *
 * States (per line):
 * - no region open: offer the line to every format's `sniff` in order; the first that
 *   answers opens a region (to: in region), else the line is unrecognised (stay).
 * - in region: peel the region's prefix and push the line; a refused line closes the region
 *   (to: no region) and is offered again. A weak region (plain logs) first lets the other
 *   formats sniff the line, and closes when one does; it resumes when the region that
 *   closed it gives back every line it took (see `closeRegion`).
 */
export class Scanner {
  private lineNo = 0
  private open: OpenRegion | null = null
  // The weak region closed last and the region it added, while nothing else was added since.
  private closedWeak: { region: OpenRegion; added: Region } | null = null
  // The time of each pushed line (RegionLine.time): its own wall-clock timestamp, found in the
  // peeled prefix or at the start of the line, else the last one seen in this source.
  private readonly clock: TimestampReader
  // NaN until a line is dated: a field always holding a number is written in place, where one
  // that may hold `undefined` boxes each new time (one allocation a dated line).
  private lastTime = NaN
  // What `timeOf` read in the text of the line (RegionLine.stamp).
  private stamp: TimestampMatch | null | undefined = undefined
  // The dated lines, for the time of a crash that no line dates.
  private readonly lineClock = new LineClock()
  /** The formats' sniff hints, for the line tracker to find them in each line's bytes. */
  readonly hints: SniffHints
  private readonly leadInFormats: readonly RegionFormat[]
  // The unclaimed lines just before this one that some format may adopt, oldest first.
  private leadIns: LeadIn[] = []

  /** `referenceYear`: the year of dates printed without one, until a line gives a year. */
  constructor(
    private readonly builder: IncidentBuilder,
    private readonly formats: readonly RegionFormat[],
    private readonly referenceYear?: number,
  ) {
    this.hints = sniffHintsFor(formats)
    this.leadInFormats = formats.filter((f) => f.leadIn)
    this.clock = new TimestampReader({ referenceYear })
  }

  /** How the source's dates got their years: read after `finish`. */
  get dates(): Readonly<YearInference> {
    return this.clock
  }

  /**
   * Feeds one line, without its line ending; `length`, the line's true length when the
   * splitter kept only part of an enormous one; `candidates`, the line's `hints.candidates`
   * from its bytes, asked only when the line is sniffed; `source` and `start`, where `raw` lies
   * in its decoded chunk (`RegionLine.source`).
   */
  pushLine(
    raw: string,
    length = raw.length,
    candidates?: LineCandidates,
    source = raw,
    start = 0,
  ): void {
    const lineNo = this.lineNo++
    const line = withoutTrailingCrs(raw)
    if (line.length > MAX_LINE_LENGTH) {
      this.closeRegion()
      this.builder.warn(
        `Line ${lineNo + 1} is ${formatLength(Math.max(line.length, length))} long; skipped.`,
      )
      this.unrecognized(line, lineNo)
      return
    }
    this.route(line, lineNo, candidates, source, start)
  }

  /** Offers line `lineNo` to the open region, else to every format's sniffer. */
  private route(
    line: string,
    lineNo: number,
    candidates: LineCandidates | undefined,
    source: string,
    start: number,
    skip: RegionFormat | null = null,
  ): void {
    const open = this.open
    if (open) {
      if (open.format.weak) {
        const stronger = this.sniff(line, open.format, candidates, skip)
        if (stronger) {
          this.closeRegion()
          if (this.open !== null) return this.route(line, lineNo, candidates, source, start)
          this.openRegion(stronger.format, stronger.anchor, line, lineNo)
          return
        }
      }
      // Most regions have no prefix: skip the peeler's object for them.
      const peeled = open.hasPrefix ? open.peel(line) : null
      const text = peeled ? peeled.text : line
      const prefix = peeled ? peeled.prefix : ''
      // The peeled text ends the line.
      const at = start + (line.length - text.length)
      const time = this.timeOf(prefix, text, lineNo, open.format.weak === true)
      const stamp = this.stamp
      if (
        open.reader.push({
          text,
          prefix,
          lineNo,
          time,
          stamp,
          source,
          start: at,
          bytes: candidates,
        })
      ) {
        open.lastLine = lineNo
        if (this.leadIns.length > 0) this.leadIns = []
        return
      }
      this.closeRegion()
      // Lines the region gave back opened another: it is offered this line first.
      if (this.open !== null) return this.route(line, lineNo, candidates, source, start)
    }
    const found = this.sniff(line, skip, candidates)
    if (found) this.openRegion(found.format, found.anchor, line, lineNo)
    else this.unrecognized(line, lineNo)
  }

  /**
   * Feeds the line `source[start, end)` to the open region's `pushRange` when it is one the
   * full `pushLine` would pass on as it is, without a slice, and so the lines after it that end
   * with `\n` before `limit`, until one is not taken; `bytes`, the chunk's bytes when they are
   * its characters. One call takes most lines of a goroutine dump. False when the first line
   * was not taken: then it goes to `pushLine`; else `taken` says how many were.
   */
  pushRange(
    source: string,
    start: number,
    end: number,
    limit: number,
    bytes: Uint8Array | null,
    taken: RangeTaken,
  ): boolean {
    const open = this.open
    if (open === null || open.hasPrefix) return false
    if (open.format.weak)
      return this.pushStampedRange(open, source, start, end, limit, bytes, taken)
    const reader = open.reader
    if (reader.pushRange === undefined) return false
    // A reader that finds where its lines end (RegionReader.pushNext) is given the first alone.
    const findsEnds = reader.pushNext !== undefined && bytes !== null
    const first = this.lineNo
    let lineNo = first
    let lastBreak = -1
    for (;;) {
      if (end - start > MAX_LINE_LENGTH) break
      if (end > start) {
        const c = source.charCodeAt(start)
        // A line that may start with a time goes to pushLine, which reads it (see timeOf), and
        // so does one with a `\r` to drop.
        if (mayStartWithTime(c) || source.charCodeAt(end - 1) === 13) break
      }
      if (!reader.pushRange(source, start, end, lineNo, bytes)) break
      noteTake(taken, lineNo - first, start, ++lineNo - first)
      lastBreak = end
      start = end + 1
      if (findsEnds) break
      end = source.indexOf('\n', start)
      if (end === -1 || end >= limit) break
    }
    if (lastBreak === -1) return false
    if (findsEnds) {
      // No line here holds a `\r` (see `limit`); the reader takes none longer than MAX_LINE_LENGTH.
      while (start < limit && !mayStartWithTime(source.charCodeAt(start))) {
        const next = reader.pushNext!(source, start, limit, lineNo, bytes!)
        if (next === -1) break
        const before = lineNo - first
        lineNo += reader.nextLines ?? 1
        noteTake(taken, before, start, lineNo - first)
        lastBreak = next
        start = next + 1
      }
    }
    return this.tookRange(open, lineNo, lastBreak, taken)
  }

  /**
   * `pushRange` for a weak region (plain logs): passes on each line that `pushLine` would read
   * with no other format sniffing it and no prefix, whose time the clock reads in its bytes
   * (`TimestampReader.readLeadingIso`), to the reader's `pushStamped`, until one is not taken.
   */
  private pushStampedRange(
    open: OpenRegion,
    source: string,
    start: number,
    end: number,
    limit: number,
    bytes: Uint8Array | null,
    taken: RangeTaken,
  ): boolean {
    const reader = open.reader
    if (bytes === null || reader.pushStamped === undefined) return false
    // Formats past bit 30 are not masked (`SniffHints.admits`): their lines go to pushLine.
    if (this.formats.length > 31) return false
    const others = ~(1 << this.formats.indexOf(open.format))
    const clock = this.clock
    const hints = this.hints
    const first = this.lineNo
    let lineNo = first
    let lastBreak = -1
    for (;;) {
      if (end - start > MAX_LINE_LENGTH || bytes[end - 1] === 13) break
      if (!clock.readLeadingIso(bytes, start, end)) break
      // A line that holds another format's hints may open its region: pushLine sniffs it.
      if ((hints.candidatesAfterIsoStamp(bytes, start, start + clock.end, end) & others) !== 0)
        break
      if (!reader.pushStamped(bytes, start, end, lineNo, clock, hints.marksOf(bytes, start, end)))
        break
      this.lastTime = clock.time
      this.lineClock.note(lineNo, clock.time)
      noteTake(taken, lineNo - first, start, ++lineNo - first)
      lastBreak = end
      start = end + 1
      end = source.indexOf('\n', start)
      if (end === -1 || end >= limit) break
    }
    if (lastBreak === -1) return false
    return this.tookRange(open, lineNo, lastBreak, taken)
  }

  /** Notes the lines a range read took, up to `lineNo` and the break at `lastBreak`. */
  private tookRange(
    open: OpenRegion,
    lineNo: number,
    lastBreak: number,
    taken: RangeTaken,
  ): boolean {
    taken.lines = lineNo - this.lineNo
    taken.lastBreak = lastBreak
    this.lineNo = lineNo
    open.lastLine = lineNo - 1
    if (this.leadIns.length > 0) this.leadIns = []
    return true
  }

  /** Ends the source: closes the open region and records the line count. */
  finish(): void {
    // Lines a closed region gives back may open another.
    while (this.open !== null) this.closeRegion()
    this.builder.settleCrashes((line) => this.lineClock.timeAt(line))
    this.builder.source.lines = this.lineNo
  }

  private sniff(
    line: string,
    skip: RegionFormat | null,
    known: LineCandidates | undefined,
    alsoSkip: RegionFormat | null = null,
  ): { format: RegionFormat; anchor: number } | null {
    // Only the formats whose fixed texts the line holds (most log lines: none but the log's).
    const fromBytes = known ? known.candidates() : UNKNOWN_CANDIDATES
    const candidates = fromBytes === UNKNOWN_CANDIDATES ? this.hints.candidates(line) : fromBytes
    const formats = this.formats
    if (formats.length <= 31) {
      // Only the admitted formats, lowest bit (earliest format) first: most log lines admit
      // none but the log's own, which a weak region skips.
      for (let bits = candidates; bits !== 0; bits &= bits - 1) {
        const i = 31 - Math.clz32(bits & -bits)
        const format = formats[i]
        if (format === skip || format === alsoSkip) continue
        const anchor = format.sniff(line)
        if (anchor >= 0) return { format, anchor }
      }
      return null
    }
    for (let i = 0; i < formats.length; i++) {
      const format = formats[i]
      if (format === skip || format === alsoSkip || !this.hints.admits(candidates, i)) continue
      const anchor = format.sniff(line)
      if (anchor >= 0) return { format, anchor }
    }
    return null
  }

  private openRegion(format: RegionFormat, anchor: number, line: string, lineNo: number): void {
    const prefix = line.slice(0, anchor)
    const reader = format.open(this.builder, { prefix, referenceYear: this.referenceYear })
    const peel = makePrefixPeeler(prefix)
    const adopted = anchor === 0 ? this.adoptLeadIns(format, reader, lineNo) : null
    this.leadIns = []
    const text = line.slice(anchor)
    const time = this.timeOf(prefix, text, lineNo, format.weak === true)
    const opening = { text, prefix, lineNo, time, stamp: this.stamp, source: text, start: 0 }
    const pushed = reader.push(opening)
    if (!pushed && adopted === null) {
      // The sniffer was too eager; the format does not really start here.
      reader.close()
      this.unrecognized(line, lineNo)
      return
    }
    this.open = {
      format,
      reader,
      peel,
      hasPrefix: prefix !== '',
      firstLine: adopted ?? lineNo,
      lastLine: pushed ? lineNo : lineNo - 1,
    }
    if (!pushed) {
      // Only the adopted lines were the format's: the region ends before this line.
      this.closeRegion()
      this.unrecognized(line, lineNo)
    }
  }

  /**
   * Pushes to a new region the unclaimed lines just before it that its format adopts
   * (`RegionFormat.leadIn`), and takes them off the unrecognised count. Returns the first
   * adopted line's number, or null when none was.
   */
  private adoptLeadIns(format: RegionFormat, reader: RegionReader, lineNo: number): number | null {
    const lines = this.leadIns
    if (!format.leadIn || lines.length === 0) return null
    // Only a run that ends right before the opening line, every line of it the format's.
    if (lines[lines.length - 1].lineNo !== lineNo - 1) return null
    let first = lines.length
    while (first > 0 && format.leadIn(lines[first - 1].line)) first--
    const source = this.builder.source
    let adopted: number | null = null
    for (let i = first; i < lines.length; i++) {
      const { line, lineNo } = lines[i]
      const time = this.knownTime()
      if (!reader.push({ text: line, prefix: '', lineNo, time, source: line, start: 0 })) break
      adopted ??= lineNo
      source.unrecognizedLines--
      if (lines[i].inPreamble) source.preamble.pop()
    }
    return adopted
  }

  /**
   * Wall-clock time of a line: in its prefix, in its text, or inherited. A log line (`logLine`)
   * is read as the log reader reads it, wherever its time is (a JSON key, after a logger's
   * prefix); other lines only at their start. Times since boot (`[4838261.07]`) are left to
   * the formats that print them.
   */
  private timeOf(
    prefix: string,
    text: string,
    lineNo: number,
    logLine: boolean,
  ): number | undefined {
    let m = prefix !== '' ? this.clock.read(prefix) : null
    this.stamp = undefined
    if (m === null) {
      if (logLine) m = this.stamp = this.clock.read(text)
      else if (mayStartWithTime(text.charCodeAt(0))) m = this.clock.read(text, 'start')
    }
    if (m !== null && !m.relative) {
      this.lastTime = m.time
      this.lineClock.note(lineNo, m.time)
    }
    return this.knownTime()
  }

  /** The last wall-clock time read, undefined before any. */
  private knownTime(): number | undefined {
    const time = this.lastTime
    return Number.isNaN(time) ? undefined : time
  }

  /** Ends the open region, then offers again the lines its reader gave back (`unclaimed`). */
  private closeRegion(): void {
    const open = this.open
    if (!open) return
    this.open = null
    open.reader.close()
    const returned = givenBack(open.reader.unclaimed?.() ?? NO_LINES, open.lastLine)
    const lastLine = returned.length > 0 ? returned[0].lineNo - 1 : open.lastLine
    // A region that gave back all its lines was never there: its format is not offered its
    // first line again.
    if (lastLine >= open.firstLine) {
      const added = { format: open.format.format, firstLine: open.firstLine, lastLine }
      this.builder.addRegion(added)
      this.closedWeak = open.format.weak ? { region: open, added } : null
    }
    const skip = lastLine < open.firstLine ? open.format : null
    if (skip !== null) this.resumeWeak(open.firstLine)
    for (let i = 0; i < returned.length; i++) {
      const { prefix, text, lineNo } = returned[i]
      const line = prefix + text
      this.route(line, lineNo, undefined, line, 0, i === 0 ? skip : null)
    }
  }

  /**
   * Reopens the weak region that a region starting at `firstLine` closed, when that region
   * was never there: a log line's lone `panic: boom` or exception header opened a region that
   * found nothing after it and gave the line back, and the log's next lines are the log's
   * again, the given-back line among them as its continuation, as if no region had opened.
   */
  private resumeWeak(firstLine: number): void {
    const weak = this.closedWeak
    this.closedWeak = null
    const regions = this.builder.source.regions
    if (weak === null || weak.region.lastLine !== firstLine - 1 || regions.at(-1) !== weak.added)
      return
    regions.pop()
    this.open = weak.region
  }

  private unrecognized(line: string, lineNo: number): void {
    const source = this.builder.source
    source.unrecognizedLines++
    const inPreamble = source.preamble.length < PREAMBLE_LINES && line.trim() !== ''
    if (inPreamble) source.preamble.push(flatString(line.slice(0, PREAMBLE_LINE_LENGTH)))
    this.noteLeadIn(line, lineNo, inPreamble)
  }

  /** Keeps an unclaimed line a format may adopt, or forgets the run when it is not one. */
  private noteLeadIn(line: string, lineNo: number, inPreamble: boolean): void {
    if (this.leadInFormats.length === 0) return
    const leadIn =
      line.length <= MAX_LEAD_IN_LENGTH && this.leadInFormats.some((f) => f.leadIn!(line))
    if (!leadIn) {
      if (this.leadIns.length > 0) this.leadIns = []
      return
    }
    // A run longer than this keeps its last lines: the ones right before a region.
    if (this.leadIns.length === MAX_LEAD_IN_LINES) this.leadIns.shift()
    this.leadIns.push({ line: flatString(line), lineNo, inPreamble })
  }
}

/**
 * The lines a region gives back (`RegionReader.unclaimed`) that the scanner offers again: the
 * run of them that ends with the region's last line, one line after another. The scanner
 * cannot offer a line again out of order.
 */
function givenBack(lines: readonly RegionLine[], lastLine: number): readonly RegionLine[] {
  let first = lines.length - 1
  if (first < 0 || lines[first].lineNo !== lastLine) return NO_LINES
  while (first > 0 && lines[first - 1].lineNo === lines[first].lineNo - 1) first--
  return first === 0 ? lines : lines.slice(first)
}

/**
 * Whether a line starting with `c` may start with a timestamp: a digit, `[`, `{`, `<` or a
 * capital (month, weekday, klog level). Stack frames and report bodies do not, and are most
 * lines of a dump.
 */
function mayStartWithTime(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 91) || c === 123 || c === 60
}

function formatLength(chars: number): string {
  return chars >= 1 << 20
    ? `${(chars / (1 << 20)).toFixed(1)} MB`
    : `${Math.round(chars / 1024)} KB`
}
