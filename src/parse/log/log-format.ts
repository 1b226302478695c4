import type { IncidentBuilder } from '../../model/builder'
import { EventKind, Level } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { UNKNOWN_MARKS } from '../sniff-hints'
import { FIELD_KEYS, detectLevel } from './levels'
import { KEY_SLOTS } from './metric-keys'
import { extractMetrics, extractMetricsOfBytes } from './metrics'
import { KERNEL_TAG, readSinceBootAfter, holdsKernelTagAfter } from './boot-clock'
import { detectLevelOfBytes } from './level-of-bytes'
import { TimestampReader } from './timestamps'
import { MetricHistory, isDurationUnit } from './metric-history'
import { MetricPoints } from './metric-points'

/**
 * Plain log lines: every line with its own timestamp becomes a log event with its level, and
 * its `key: value` / `key=value` / JSON numbers become metric series points. Lines without a
 * timestamp (a wrapped message, an indented stack trace, a blank line) belong to the region
 * and share the time of the line before. A metric that resets after growing, or a
 * "starting" line after a fatal error, becomes a restart event (seed 003: a server that
 * quietly restarted, seen only as goroutine counts falling back to 9).
 *
 * The format is weak and registered last: while its region is open, every line is offered
 * to the other formats first, so a Go panic or a kernel segfault in the middle of a log is
 * read by its own parser.
 */

/** Sources smaller than this let their event columns grow as lines come. */
const RESERVE_FROM_BYTES = 1 << 20
/** The shortest line length a source's line count is estimated by (a short first line is
 *  rarely the log's usual line). */
const MIN_ESTIMATED_LINE = 48
/** The most events made room for at once. */
const MAX_RESERVED_EVENTS = 1 << 25

/**
 * Makes room in the event columns for about as many events as the source has lines, estimated
 * from its size and its first log line's length: a log gives most lines an event, and columns
 * that doubled as they filled copied each value once or twice more. Room past the last event
 * costs address space, not memory (`GrowableArray.finish`).
 */
function reserveEvents(builder: IncidentBuilder, lineLength: number): void {
  const bytes = builder.source.bytes
  if (!(bytes >= RESERVE_FROM_BYTES)) return
  const lines = Math.ceil(bytes / Math.max(lineLength + 1, MIN_ESTIMATED_LINE))
  builder.reserveEvents(Math.min(lines, MAX_RESERVED_EVENTS))
}

/** Consecutive unindented lines without a timestamp kept as continuations; past this the
 *  region ends (prose after a pasted log line is not part of it). */
const MAX_PLAIN_CONTINUATION = 20
/** Consecutive indented or blank lines kept (a Java or Python stack trace under a line). */
const MAX_INDENTED_CONTINUATION = 2000
/** One metric of a source: its series, and its history since it was first seen or reset. */
type Metric = {
  name: string
  /** Its points, in its series once the region closes. */
  points: MetricPoints
  history: MetricHistory | undefined
}

/** What the log regions of one source share: year inference, metric histories, crashes. */
type SourceState = {
  source: number
  clock: TimestampReader
  metrics: Map<string, Metric>
  /** The metric last seen with each key slot (`MetricSink`): a metric found without a lookup
   *  by name, which cost more than the rest of adding its point. */
  bySlot: (Metric | undefined)[]
  /** A fatal error was seen and no restart followed yet. */
  fatalSeen: boolean
  /** A fatal error was seen in this source at all. */
  anyFatal: boolean
  /** The builder's event count when the last log region closed. */
  eventsAtClose: number
  /** Room for the source's events was made (`reserveEvents`). */
  reserved: boolean
}

const sourceStates = new WeakMap<IncidentBuilder, SourceState>()

function getSourceState(builder: IncidentBuilder, referenceYear?: number): SourceState {
  let s = sourceStates.get(builder)
  if (!s || s.source !== builder.currentSource) {
    s = {
      source: builder.currentSource,
      clock: new TimestampReader({ referenceYear }),
      metrics: new Map(),
      bySlot: new Array<Metric | undefined>(KEY_SLOTS).fill(undefined),
      fatalSeen: false,
      anyFatal: false,
      eventsAtClose: builder.eventCount,
      reserved: false,
    }
    sourceStates.set(builder, s)
  }
  return s
}

// Restart words after a fatal error: "Starting server", "started", "restarting".
const START_WORD = /\b(?:re)?start(?:ing|ed)\b/i
// Whether a line holds any text the checks below look for, in one search: most lines hold
// none, and one regular expression reads a line faster than three substring searches.
const FATAL_OR_START = /fatal error|panic: |tart/
const FATAL_OR_START_TEXTS = ['fatal error', 'panic: ', 'tart']

// The line's marks (`logFormat.marks`, `SourceBytes.marks`): which texts it may hold.
const FIELD_KEY_MARKS = (1 << FIELD_KEYS.length) - 1
const FATAL_OR_START_MARKS = ((1 << FATAL_OR_START_TEXTS.length) - 1) << FIELD_KEYS.length
const START_MARK = 1 << (FIELD_KEYS.length + FATAL_OR_START_TEXTS.indexOf('tart'))
// The marks of the lines `pushStamped` leaves to `push`: a level field, a fatal or start word.
const STRING_MARKS = FIELD_KEY_MARKS | FATAL_OR_START_MARKS
// A kernel line forwarded by syslog may hold a time since boot: most lines hold no tag, and
// are told so without looking for it after the host.
const KERNEL_TAG_MARK = 1 << (FIELD_KEYS.length + FATAL_OR_START_TEXTS.length)

// Whether a line has a timestamp does not depend on the lines before it; sniffing keeps one
// reader only so that its pattern lock saves trying the table on every line.
const sniffClock = new TimestampReader()

export const logFormat: RegionFormat = {
  format: 'log',
  weak: true,
  marks: [...FIELD_KEYS, ...FATAL_OR_START_TEXTS, KERNEL_TAG],
  sniff(line: string): number {
    return sniffClock.read(line) === null ? -1 : 0
  },
  open(builder: IncidentBuilder, context: RegionContext): RegionReader {
    return new LogReader(builder, getSourceState(builder, context.referenceYear))
  },
}

/**
 * States:
 * - event: the last line had its own timestamp (from: open, any state on a timestamped
 *   line; to: continuation on a line without one).
 * - continuation: lines without a timestamp (from: event; to: event on a timestamped line,
 *   closed when too many unindented lines follow).
 */
class LogReader implements RegionReader {
  private plain = 0
  private indented = 0
  private started = false
  private afterBlank = false

  constructor(
    private readonly builder: IncidentBuilder,
    private readonly state: SourceState,
  ) {
    // Another format added events (a crash, a signal) since our last region: a "starting"
    // line now is a restart.
    if (builder.eventCount > state.eventsAtClose) state.fatalSeen = state.anyFatal = true
  }

  push(line: RegionLine): boolean {
    const text = line.text
    if (!this.state.reserved) {
      this.state.reserved = true
      reserveEvents(this.builder, line.prefix.length + text.length)
    }
    const clock = this.state.clock
    const m = line.stamp === undefined ? clock.read(text) : clock.follow(text, line.stamp)
    if (m === null) return this.started && this.continuation(text)
    this.started = true
    this.afterBlank = false
    this.plain = 0
    this.indented = 0
    // JSON and logfmt carry the timestamp among the fields: read every field.
    const from = m.pattern === 'json' || m.pattern === 'logfmt' ? 0 : m.end
    // What the prefilter found in the line's bytes spares two searches of most lines.
    const marks = line.bytes?.marks() ?? UNKNOWN_MARKS
    const level = detectLevel(text, from, (marks & FIELD_KEY_MARKS) !== 0)
    this.builder.addEvent({
      time: m.time,
      relative: m.relative,
      kind: EventKind.log,
      level,
      line: line.lineNo,
    })
    if (m.pattern === 'syslog' || m.pattern === 'iso') {
      const sinceBoot = readSinceBootAfter(text, m.end)
      if (sinceBoot === sinceBoot) this.builder.noteBootClock(m.time, sinceBoot, line.lineNo)
    }
    // Read in the bytes of the line where it has them (see `RegionLine.bytes`).
    const bytes = line.bytes?.sourceBytes() ?? null
    if (bytes !== null && line.start !== undefined) {
      const start = line.start
      this.metrics(bytes, start + from, start + text.length, '', m.time, m.relative, line.lineNo)
    } else this.metrics(null, from, 0, text, m.time, m.relative, line.lineNo)
    this.restartAfterFatal(text, level, marks, m.time, m.relative, line.lineNo)
    return true
  }

  /**
   * `push` of a line held in bytes whose time the scanner read (`RegionReader.pushStamped`):
   * its event and metrics, with no string made. Lines whose marks say they may hold what only
   * `push` reads (a level field, a fatal or start word) are left to it, and so are fatal lines
   * and kernel lines with a time since boot; the others need no restart check
   * (`restartAfterFatal` does nothing).
   */
  pushStamped(
    bytes: Uint8Array,
    start: number,
    end: number,
    lineNo: number,
    stamp: TimestampReader,
    marks: number,
  ): boolean {
    if ((marks & STRING_MARKS) !== 0) return false
    const level = detectLevelOfBytes(bytes, start, stamp.end, end)
    if (level === -1 || level === Level.fatal) return false
    if ((marks & KERNEL_TAG_MARK) !== 0 && holdsKernelTagAfter(bytes, start + stamp.end, end))
      return false
    const clock = this.state.clock
    if (!clock.followLeadingIso(stamp)) return false
    this.started = true
    this.afterBlank = false
    this.plain = 0
    this.indented = 0
    const time = clock.time
    this.builder.addLogEvent(time, level, lineNo)
    this.metrics(bytes, start + clock.end, end, '', time, false, lineNo)
    return true
  }

  // The line whose metrics `addMetric` receives: its time, and the first reset it showed.
  private metricTime = 0
  private reset = ''

  /** One metric of the line being read; made once per region, not once per line. */
  private readonly addMetric = (
    name: string,
    value: number,
    unit: string | undefined,
    slot: number,
  ): void => {
    let metric = this.state.bySlot[slot]
    if (metric === undefined || metric.name !== name) {
      metric = this.state.metrics.get(name)
      if (metric === undefined) {
        const series = this.builder.seriesPoints(name, unit)
        metric = { name, points: new MetricPoints(series), history: undefined }
        this.state.metrics.set(name, metric)
      }
      this.state.bySlot[slot] = metric
    }
    metric.points.add(this.metricTime, value)
    const history = metric.history
    if (history === undefined) {
      metric.history = new MetricHistory(value, isDurationUnit(unit))
      return
    }
    const before = history.next(value)
    if (this.reset === '' && !Number.isNaN(before)) this.reset = `${name} ${before} -> ${value}`
  }

  close(): void {
    this.state.eventsAtClose = this.builder.eventCount
    // The series are complete whenever no log region is open: another format may add points
    // to one, and the model is taken once the last region closed.
    for (const metric of this.state.metrics.values()) metric.points.flush()
  }

  private continuation(text: string): boolean {
    const c = text.charCodeAt(0)
    if (text.length === 0 || c === 32 || c === 9) {
      this.afterBlank = text.trim() === ''
      return ++this.indented <= MAX_INDENTED_CONTINUATION
    }
    // Unindented text after a blank line is a new paragraph (prose around a pasted log
    // line), not a wrapped message.
    if (this.afterBlank) return false
    return ++this.plain <= MAX_PLAIN_CONTINUATION
  }

  /**
   * The metrics of a line from column `from`: of `bytes[from, end)` when it has bytes, else of
   * `text`.
   */
  private metrics(
    bytes: Uint8Array | null,
    from: number,
    end: number,
    text: string,
    time: number,
    relative: boolean,
    lineNo: number,
  ) {
    this.metricTime = time
    this.reset = ''
    if (bytes !== null) extractMetricsOfBytes(bytes, from, end, this.addMetric)
    else extractMetrics(text, from, this.addMetric)
    const reset = this.reset
    if (reset !== '') {
      this.builder.addEvent({
        time,
        relative,
        kind: EventKind.restart,
        level: Level.warn,
        line: lineNo,
        label: `restart: ${reset}`,
      })
      this.state.fatalSeen = false
    }
  }

  private restartAfterFatal(
    text: string,
    level: Level,
    marks: number,
    time: number,
    relative: boolean,
    lineNo: number,
  ): void {
    if (this.state.fatalSeen) {
      if ((marks & START_MARK) !== 0 && text.indexOf('tart') >= 0 && START_WORD.test(text)) {
        this.state.fatalSeen = false
        // The new process's metrics start afresh: their fall is this restart, not another.
        for (const metric of this.state.metrics.values()) metric.history = undefined
        this.builder.addEvent({
          time,
          relative,
          kind: EventKind.restart,
          level: Level.warn,
          line: lineNo,
          label: 'restart after a fatal error',
        })
      }
      return
    }
    if (
      level !== Level.fatal &&
      ((marks & FATAL_OR_START_MARKS) === 0 || !FATAL_OR_START.test(text))
    )
      return
    if (level === Level.fatal || text.includes('fatal error') || text.includes('panic: ')) {
      this.state.fatalSeen = this.state.anyFatal = true
    } else if (!this.state.anyFatal && text.indexOf('tart') >= 0 && START_WORD.test(text)) {
      // A restart if this is a part of a file whose fatal error came before the cut.
      this.builder.source.restartWordBeforeFatal = true
    }
  }
}
