import type { Milliseconds } from '../../model/types'

/**
 * Timestamps at the start of (or inside) log lines, lnav-style.
 *
 * An ordered table of patterns; the pattern that matched the previous line is tried first
 * (a file nearly always uses one), then the table in order. Every pattern checks a few
 * character positions before reading anything, so lines without a timestamp (a Go dump's
 * frames, prose) cost a handful of `charCodeAt` calls. Times are computed with `Date.UTC`
 * from the parsed fields, never `Date.parse` on free text (slow and locale-dependent).
 * A time without a zone is read as UTC; fields a format omits are inferred from
 * `TimestampState` (the year of BSD syslog and klog, the date of a bare `[HH:MM:SS]`).
 *
 * Pattern sources (lnav's `src/formats/*.json` and the corpus notes, read 2026-11):
 * RFC 3339 / ISO 8601, RFC 5424 and RFC 3164 (BSD syslog), `dmesg` / `dmesg -T`,
 * journald `short-iso` / `short-precise` / `json`, Go `log` (`log.LstdFlags`), klog
 * (`k8s.io/klog/v2` header `Lmmdd hh:mm:ss.uuuuuu`), logfmt, Apache/nginx `%t`,
 * bcc `memleak` `[%H:%M:%S]`, Kubernetes CRI log prefixes, Kibana's default date format and
 * valgrind `--time-stamp=yes`.
 */

/** One timestamp found on a line. */
export type TimestampMatch = {
  /** Milliseconds since the epoch, or since boot/start when `relative`. */
  time: Milliseconds
  /** The time counts from boot or process start (kernel `[4838261.07]`, valgrind elapsed). */
  relative: boolean
  /** Column where the timestamp text starts. */
  start: number
  /** Column just after the timestamp (and after a prefix it belongs to, e.g. CRI `stderr F `). */
  end: number
  /** The pattern's name: `iso`, `syslog`, `kernel`, `json` ... */
  pattern: string
}

/** What detection remembers from line to line within one source. */
export type TimestampState = {
  /** Index of the pattern that matched last, tried first; -1 before any match. */
  locked: number
  /** The year given to timestamps without one; advances on a Dec -> Jan step. */
  year: number
  /** Month (0-11) of the last dated timestamp, -1 before any. */
  lastMonth: number
  /** UTC midnight of the last absolute timestamp, NaN before any: the date of `[HH:MM:SS]`. */
  day: Milliseconds
  /** Time of day of the last `[HH:MM:SS]`, to step over midnight. */
  lastClock: Milliseconds
  /** A timestamp was read with an inferred year (BSD syslog, klog). */
  inferred: boolean
  /** The year of the first of them, NaN before any. */
  firstInferredYear: number
  /** The time of the last of them, NaN before any: the line the file's mtime dates. */
  lastInferred: Milliseconds
  /** A timestamp with a year of its own was read: later year-less ones follow it. */
  dated: boolean
}

export type TimestampOptions = {
  /** The year for formats that print none (BSD syslog, klog) until a line gives one;
   *  defaults to the current year. */
  referenceYear?: number
}

export function createTimestampState(options: TimestampOptions = {}): TimestampState {
  return {
    locked: -1,
    year: options.referenceYear ?? new Date().getUTCFullYear(),
    lastMonth: -1,
    day: NaN,
    lastClock: 0,
    inferred: false,
    firstInferredYear: NaN,
    lastInferred: NaN,
    dated: false,
  }
}

/** Where to look: `start` skips the patterns that search inside the line (JSON keys,
 *  logfmt `ts=`, Apache `[..]`, `name | ` prefixes); the scanner uses it on every line. */
export type TimestampScope = 'anywhere' | 'start'

/**
 * Finds the timestamp of a line: the pattern of the previous line first, then the table.
 * Returns null when the line has none.
 */
export function detectTimestamp(
  line: string,
  state: TimestampState,
  scope: TimestampScope = 'anywhere',
): TimestampMatch | null {
  const locked = state.locked
  if (locked >= 0 && (scope === 'anywhere' || !PATTERNS[locked].searches)) {
    if (locked === memoIndex && line === memoLine) return replay(state)
    noted = false
    if (PATTERNS[locked].read(line, state)) {
      if (PATTERNS[locked].pure) remember(line, locked)
      return result(state, locked)
    }
  }
  for (let i = 0; i < PATTERNS.length; i++) {
    if (i === locked) continue
    const p = PATTERNS[i]
    if (scope === 'start' && p.searches) continue
    if (p.read(line, state)) return result(state, i)
  }
  return null
}

/** Names of every pattern, in the order they are tried. */
export function getTimestampPatternNames(): string[] {
  return PATTERNS.map((p) => p.name)
}

// The last match's fields: pattern readers write here so a miss allocates nothing.
let mTime = 0
let mRelative = false
let mStart = 0
let mEnd = 0
let mName = ''

// The last line a pattern of the line alone (`pure`) read, and what it read: the scanner and
// the log reader each detect the time of every log line, and the second reads it from here.
let memoLine: string | null = null
let memoIndex = -1
let memoTime = 0
let memoRelative = false
let memoName = ''
let memoStart = 0
let memoEnd = 0
let memoNoted = false
let memoYear = 0
let memoMonth = 0

function remember(line: string, index: number): void {
  memoLine = line
  memoIndex = index
  memoTime = mTime
  memoRelative = mRelative
  memoName = mName
  memoStart = mStart
  memoEnd = mEnd
  memoNoted = noted
  memoYear = notedYear
  memoMonth = notedMonth
}

/** The remembered read again, with its one effect on the state (`noteYear`). */
function replay(state: TimestampState): TimestampMatch {
  if (memoNoted) noteYear(state, memoYear, memoMonth)
  mTime = memoTime
  mRelative = memoRelative
  mStart = memoStart
  mEnd = memoEnd
  mName = memoName
  return result(state, memoIndex)
}

function result(state: TimestampState, index: number): TimestampMatch {
  state.locked = index
  if (!mRelative) state.day = Math.floor(mTime / DAY) * DAY
  return { time: mTime, relative: mRelative, start: mStart, end: mEnd, pattern: mName }
}

type Pattern = {
  name: string
  /** Looks inside the line rather than at fixed columns. */
  searches: boolean
  /** What it reads depends on the line alone, and its only effect on the state is
   *  `noteYear`: a line it read can be replayed (see `remember`). */
  pure?: boolean
  /** Reads a timestamp into the m* fields; false when the line has none. */
  read(line: string, state: TimestampState): boolean
}

const DAY = 86_400_000
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
// Zone abbreviations seen in real logs (postgres `log_timezone`, syslog); others are not zones.
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  PST: -8,
  PDT: -7,
  MST: -7,
  MDT: -6,
  CST: -6,
  CDT: -5,
  EST: -5,
  EDT: -4,
  CET: 1,
  CEST: 2,
  BST: 1,
  EET: 2,
  EEST: 3,
  IST: 5.5,
  JST: 9,
}
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

// ---- character helpers --------------------------------------------------------------------

function digit(line: string, i: number): number {
  const c = line.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** Two digits at i, or -1. */
function d2(line: string, i: number): number {
  const a = digit(line, i)
  const b = digit(line, i + 1)
  return a < 0 || b < 0 ? -1 : a * 10 + b
}

/** Four digits at i, or -1. */
function d4(line: string, i: number): number {
  const a = d2(line, i)
  const b = d2(line, i + 2)
  return a < 0 || b < 0 ? -1 : a * 100 + b
}

/** Month index of the three letters at i (any case), or -1. */
function month3(line: string, i: number): number {
  const c = line.charCodeAt(i)
  // Fast reject: month names start with a letter from "ADFJMNOS".
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return -1
  const s = line.slice(i, i + 3).toLowerCase()
  return MONTHS.indexOf(s)
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function validTime(h: number, mi: number, s: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60
}

function validDate(mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31
}

// The fraction read by `fraction()`: milliseconds, and the column after it.
let fracMs = 0
let fracEnd = 0

/** Reads `.ddd` or `,ddd` (up to 9 digits used) at i; leaves fracMs 0 when absent. */
function fraction(line: string, i: number): void {
  fracMs = 0
  fracEnd = i
  const c = line.charCodeAt(i)
  if (c !== 46 && c !== 44) return // '.' ','
  let j = i + 1
  let value = 0
  let n = 0
  for (;;) {
    const dg = digit(line, j)
    if (dg < 0) break
    if (n < 9) {
      value = value * 10 + dg
      n++
    }
    j++
  }
  if (n === 0) return
  fracMs = (value / POW10[n]) * 1000
  fracEnd = j
}

// The zone read by `zone()`: offset in minutes east of UTC, and the column after it.
let zoneMinutes = 0
let zoneEnd = 0

/** Reads `Z`, `+hh:mm`, `+hhmm`, `+hh` or ` UTC`/` PDT`... at i; none means UTC. */
function zone(line: string, i: number): void {
  zoneMinutes = 0
  zoneEnd = i
  const c = line.charCodeAt(i)
  if (c === 90) {
    // 'Z'
    zoneEnd = i + 1
    return
  }
  if (c === 43 || c === 45) {
    // '+' '-'
    const h = d2(line, i + 1)
    if (h < 0 || h > 14) return
    let j = i + 3
    let m = 0
    if (line.charCodeAt(j) === 58) j++ // ':'
    const mm = d2(line, j)
    if (mm >= 0) {
      m = mm
      j += 2
    } else if (j !== i + 3) return
    zoneMinutes = (c === 45 ? -1 : 1) * (h * 60 + m)
    zoneEnd = j
    return
  }
  if (c === 32 && isLetter(line.charCodeAt(i + 1))) {
    let j = i + 1
    while (j < i + 6 && isLetter(line.charCodeAt(j))) j++
    if (isLetter(line.charCodeAt(j))) return
    const offset = ZONES[line.slice(i + 1, j)]
    if (offset === undefined) return
    zoneMinutes = offset * 60
    zoneEnd = j
  }
}

/** The year for a timestamp without one: steps forward when the month goes Dec -> Jan. */
function inferYear(state: TimestampState, month0: number): number {
  // A large step backwards (Dec -> Jan, Nov -> Feb) is a new year; a small one is a reordering.
  if (state.lastMonth >= 0 && month0 + 6 < state.lastMonth) state.year++
  state.lastMonth = month0
  if (!state.inferred) {
    state.inferred = true
    state.firstInferredYear = state.year
  }
  return state.year
}

// Whether, and with what, the last read called noteYear.
let noted = false
let notedYear = 0
let notedMonth = 0

function noteYear(state: TimestampState, year: number, month0: number): void {
  state.dated = true
  state.year = year
  state.lastMonth = month0
  noted = true
  notedYear = year
  notedMonth = month0
}

function epochToMs(v: number): Milliseconds {
  // By magnitude: seconds until the year 5138, then ms, us, ns.
  if (v < 1e11) return v * 1000
  if (v < 1e14) return v
  if (v < 1e17) return v / 1e3
  return v / 1e6
}

// ---- ISO 8601 / RFC 3339 ------------------------------------------------------------------

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS][.frac|,frac][Z|+hh:mm|+hhmm| UTC]` at column p. Writes mTime
 * and returns the end column, or -1. Seen as: RFC 3339 (`2024-08-20T17:38:27.488639+00:00`),
 * Python logging (`2012-07-02 10:22:40,672`), `dmesg --time-format=iso` (comma fraction),
 * the Datadog agent (`2015-03-14 08:23:33 UTC | ERROR |`), postgres (`... 01:45:01.123 PDT`).
 */
function readIso(line: string, p: number, state: TimestampState, dateSep: number): number {
  if (line.charCodeAt(p + 4) !== dateSep || line.charCodeAt(p + 7) !== dateSep) return -1
  const sep = line.charCodeAt(p + 10)
  if (sep !== 84 && sep !== 32) return -1 // 'T' ' '
  if (line.charCodeAt(p + 13) !== 58) return -1 // ':'
  const y = d4(line, p)
  const mo = d2(line, p + 5)
  const d = d2(line, p + 8)
  const h = d2(line, p + 11)
  const mi = d2(line, p + 14)
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || !validDate(mo, d)) return -1
  let s = 0
  let i = p + 16
  if (line.charCodeAt(i) === 58) {
    s = d2(line, i + 1)
    if (s < 0) return -1
    i += 3
  }
  if (!validTime(h, mi, s)) return -1
  fraction(line, i)
  i = fracEnd
  const ms = fracMs
  zone(line, i)
  noteYear(state, y, mo - 1)
  mTime = Date.UTC(y, mo - 1, d, h, mi, s) + ms - zoneMinutes * 60_000
  return zoneEnd
}

/** ISO at column 0, or inside `[..]` (`[2023-03-03 10:55:38.405][ERROR]`). */
function readIsoLine(line: string, state: TimestampState): boolean {
  const p = line.charCodeAt(0) === 91 ? 1 : 0 // '['
  const end = readIso(line, p, state, 45)
  if (end < 0) return false
  mRelative = false
  mStart = p
  mEnd = p === 1 && line.charCodeAt(end) === 93 ? end + 1 : end
  mName = 'iso'
  // Kubernetes CRI: `2023-05-15T00:29:00.060915154Z stderr F ` (stream, then F(ull)/P(artial)).
  if (p === 0 && line.charCodeAt(end) === 32 && line.charCodeAt(end + 7) === 32) {
    const stream = line.slice(end + 1, end + 7)
    const tag = line.charCodeAt(end + 8)
    if ((stream === 'stdout' || stream === 'stderr') && (tag === 70 || tag === 80)) {
      if (line.charCodeAt(end + 9) === 32 || end + 9 === line.length) {
        mEnd = Math.min(line.length, end + 10)
        mName = 'cri'
      }
    }
  }
  return true
}

/** Go `log` with `log.LstdFlags` (`2014/06/24 19:50:53`), `Lmicroseconds` adds `.123456`. */
function readGoLog(line: string, state: TimestampState): boolean {
  const end = readIso(line, 0, state, 47) // '/'
  if (end < 0) return false
  mRelative = false
  mStart = 0
  mEnd = end
  mName = 'go-log'
  return true
}

/** RFC 5424 (`<34>1 2003-10-11T22:14:15.003Z host app - - msg`) and a priority before
 *  BSD syslog (`<3>Nov 22 18:35:01`). */
function readPriority(line: string, state: TimestampState): boolean {
  if (line.charCodeAt(0) !== 60) return false // '<'
  let i = 1
  while (i < 5 && digit(line, i) >= 0) i++
  if (i === 1 || line.charCodeAt(i) !== 62) return false // '>'
  i++
  if (line.charCodeAt(i) === 49 && line.charCodeAt(i + 1) === 32) {
    const end = readIso(line, i + 2, state, 45)
    if (end < 0) return false
    mRelative = false
    mStart = i + 2
    mEnd = end
    mName = 'rfc5424'
    return true
  }
  if (!readSyslogAt(line, i, state)) return false
  mName = 'syslog'
  return true
}

// ---- BSD syslog and friends -----------------------------------------------------------------

/** `Nov 22 18:35:01` / `May  2 14:51:13` (RFC 3164), `.123456` from journald short-precise. */
function readSyslogAt(line: string, p: number, state: TimestampState): boolean {
  if (line.charCodeAt(p + 3) !== 32) return false
  const mo = month3(line, p)
  if (mo < 0) return false
  let i = p + 4
  if (line.charCodeAt(i) === 32) i++
  let d = digit(line, i)
  if (d < 0) return false
  i++
  const d1 = digit(line, i)
  if (d1 >= 0) {
    d = d * 10 + d1
    i++
  }
  if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 3) !== 58 || line.charCodeAt(i + 6) !== 58)
    return false
  const h = d2(line, i + 1)
  const mi = d2(line, i + 4)
  const s = d2(line, i + 7)
  if (h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s) || d < 1 || d > 31) return false
  fraction(line, i + 9)
  const year = inferYear(state, mo)
  mTime = Date.UTC(year, mo, d, h, mi, s) + fracMs
  state.lastInferred = mTime
  mRelative = false
  mStart = p
  mEnd = fracEnd
  return true
}

function readSyslog(line: string, state: TimestampState): boolean {
  if (!readSyslogAt(line, 0, state)) return false
  mName = 'syslog'
  return true
}

/** Kernel ring buffer `[4838261.071917]` / `[    4.591020]`: seconds since boot. */
function readKernel(line: string, _state: TimestampState): boolean {
  if (line.charCodeAt(0) !== 91) return false
  let i = 1
  while (line.charCodeAt(i) === 32) i++
  const first = i
  let sec = 0
  for (;;) {
    const dg = digit(line, i)
    if (dg < 0) break
    sec = sec * 10 + dg
    i++
  }
  if (i === first || i - first > 10 || line.charCodeAt(i) !== 46) return false
  fraction(line, i)
  if (fracEnd === i || line.charCodeAt(fracEnd) !== 93) return false
  mTime = sec * 1000 + fracMs
  mRelative = true
  mStart = 0
  mEnd = fracEnd + 1
  mName = 'kernel'
  return true
}

/** `dmesg -T`: `[Sun Nov 22 19:25:45 2026]` (strftime `%a %b %e %H:%M:%S %Y`). */
function readDmesgT(line: string, _state: TimestampState): boolean {
  if (line.charCodeAt(0) !== 91 || line.charCodeAt(4) !== 32 || line.charCodeAt(8) !== 32)
    return false
  const mo = month3(line, 5)
  if (mo < 0) return false
  let i = 9
  if (line.charCodeAt(i) === 32) i++
  let d = digit(line, i)
  if (d < 0) return false
  i++
  if (digit(line, i) >= 0) d = d * 10 + digit(line, i++)
  if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 3) !== 58) return false
  const h = d2(line, i + 1)
  const mi = d2(line, i + 4)
  const s = d2(line, i + 7)
  const y = d4(line, i + 10)
  if (h < 0 || mi < 0 || s < 0 || y < 0 || line.charCodeAt(i + 14) !== 93) return false
  if (!validTime(h, mi, s)) return false
  mTime = Date.UTC(y, mo, d, h, mi, s)
  mRelative = false
  mStart = 0
  mEnd = i + 15
  mName = 'dmesg-T'
  return true
}

/** klog/glog: `E1122 18:35:01.123456 12345 file.go:12]` (level letter, mmdd, no year). */
function readKlog(line: string, state: TimestampState): boolean {
  const c = line.charCodeAt(0)
  if (c !== 73 && c !== 87 && c !== 69 && c !== 70) return false // I W E F
  if (line.charCodeAt(5) !== 32 || line.charCodeAt(8) !== 58 || line.charCodeAt(11) !== 58)
    return false
  const mo = d2(line, 1)
  const d = d2(line, 3)
  const h = d2(line, 6)
  const mi = d2(line, 9)
  const s = d2(line, 12)
  if (mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return false
  if (!validDate(mo, d) || !validTime(h, mi, s)) return false
  fraction(line, 14)
  const year = inferYear(state, mo - 1)
  mTime = Date.UTC(year, mo - 1, d, h, mi, s) + fracMs
  state.lastInferred = mTime
  mRelative = false
  mStart = 0
  mEnd = fracEnd
  mName = 'klog'
  return true
}

/** bcc memleak `[17:34:55] Top 10 stacks ...`: a time of day, dated by the last absolute
 *  timestamp when there is one, else relative to midnight. */
function readClock(line: string, state: TimestampState): boolean {
  if (line.charCodeAt(0) !== 91 || line.charCodeAt(3) !== 58 || line.charCodeAt(6) !== 58)
    return false
  if (line.charCodeAt(9) !== 93) return false
  const h = d2(line, 1)
  const mi = d2(line, 4)
  const s = d2(line, 7)
  if (h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s)) return false
  const tod = ((h * 60 + mi) * 60 + s) * 1000
  if (tod + DAY / 2 < state.lastClock && !Number.isNaN(state.day)) state.day += DAY
  state.lastClock = tod
  mRelative = Number.isNaN(state.day)
  mTime = mRelative ? tod : state.day + tod
  mStart = 0
  mEnd = 10
  mName = 'clock'
  return true
}

/** Kibana's default `MMMM Do YYYY, HH:mm:ss.SSS`: `August 3rd 2017, 19:28:27.000`. */
function readKibana(line: string, _state: TimestampState): boolean {
  const c = line.charCodeAt(0)
  if (c < 65 || c > 90) return false
  let i = 1
  while (i < 10 && isLetter(line.charCodeAt(i))) i++
  if (line.charCodeAt(i) !== 32 || i < 3) return false
  const mo = FULL_MONTHS.indexOf(line.slice(0, i).toLowerCase())
  if (mo < 0) return false
  i++
  let d = digit(line, i)
  if (d < 0) return false
  i++
  if (digit(line, i) >= 0) d = d * 10 + digit(line, i++)
  if (isLetter(line.charCodeAt(i))) i += 2 // st nd rd th
  if (line.charCodeAt(i) !== 32) return false
  const y = d4(line, i + 1)
  if (y < 0 || line.charCodeAt(i + 5) !== 44 || line.charCodeAt(i + 6) !== 32) return false
  i += 7
  if (line.charCodeAt(i + 2) !== 58 || line.charCodeAt(i + 5) !== 58) return false
  const h = d2(line, i)
  const mi = d2(line, i + 3)
  const s = d2(line, i + 6)
  if (h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s) || d < 1 || d > 31) return false
  fraction(line, i + 8)
  mTime = Date.UTC(y, mo, d, h, mi, s) + fracMs
  mRelative = false
  mStart = 0
  mEnd = fracEnd
  mName = 'kibana'
  return true
}

/** valgrind `--time-stamp=yes`: `==12345== 00:00:00:01.234 ` (days:h:m:s.ms since start). */
function readValgrind(line: string, _state: TimestampState): boolean {
  if (line.charCodeAt(0) !== 61 || line.charCodeAt(1) !== 61) return false
  let i = 2
  while (i < 12 && digit(line, i) >= 0) i++
  if (line.charCodeAt(i) !== 61 || line.charCodeAt(i + 1) !== 61 || line.charCodeAt(i + 2) !== 32)
    return false
  const p = i + 3
  if (line.charCodeAt(p + 2) !== 58 || line.charCodeAt(p + 5) !== 58) return false
  if (line.charCodeAt(p + 8) !== 58 || line.charCodeAt(p + 11) !== 46) return false
  const dd = d2(line, p)
  const h = d2(line, p + 3)
  const mi = d2(line, p + 6)
  const s = d2(line, p + 9)
  const ms = d2(line, p + 12) * 10 + digit(line, p + 14)
  if (dd < 0 || h < 0 || mi < 0 || s < 0 || ms < 0) return false
  mTime = (((dd * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms
  mRelative = true
  mStart = p
  mEnd = p + 15
  mName = 'valgrind'
  return true
}

/**
 * A line that starts with epoch milliseconds: `1428634687123 Hello` (lnav's `epoch` test log,
 * JavaScript `Date.now()` prefixes). Thirteen digits, then a space or a tab: 2001 to 2286.
 */
function readEpochMs(line: string, _state: TimestampState): boolean {
  const c = line.charCodeAt(13)
  if (c !== 32 && c !== 9) return false
  let v = 0
  for (let i = 0; i < 13; i++) {
    const dg = digit(line, i)
    if (dg < 0) return false
    v = v * 10 + dg
  }
  if (v < 1e12) return false
  mTime = v
  mRelative = false
  mStart = 0
  mEnd = 13
  mName = 'epoch-ms'
  return true
}

// ---- patterns that search inside the line ---------------------------------------------------

/** A timestamp value at column i: an ISO string or an epoch number (s/ms/us/ns). */
function readValue(line: string, i: number, state: TimestampState): number {
  const iso = readIso(line, i, state, 45)
  if (iso >= 0) return iso
  let j = i
  let v = 0
  while (j - i < 20) {
    const dg = digit(line, j)
    if (dg < 0) break
    v = v * 10 + dg
    j++
  }
  if (j - i < 9) return -1 // shorter than 1973 in seconds: a count, not a time
  fraction(line, j)
  // A fraction of seconds (zap's default `1761019822.3152757`) or of milliseconds (zap's
  // EpochMillisTimeEncoder `1761019822315.2757`); `epochToMs` scales by magnitude.
  if (fracEnd !== j && j - i <= 13) v += fracMs / 1000
  else if (fracEnd !== j) return -1
  const next = line.charCodeAt(fracEnd)
  if (isLetter(next) || next === 58 || next === 46) return -1 // 123abc, a clock, a version
  mTime = epochToMs(v)
  return fracEnd
}

const JSON_KEYS = ['"@timestamp"', '"timestamp"', '"time"', '"ts"', '"__REALTIME_TIMESTAMP"', '"t"']

/** JSON lines: bunyan/pino `time`, zap `ts`, ECS `@timestamp`, journald `json`
 *  `__REALTIME_TIMESTAMP` (microseconds as a string), MongoDB `"t":{"$date":".."}`. */
function readJson(line: string, state: TimestampState): boolean {
  let p = 0
  while (line.charCodeAt(p) === 32) p++
  return readJsonAt(line, p, state)
}

/** A JSON object starting at column p (at its `{`). */
function readJsonAt(line: string, p: number, state: TimestampState): boolean {
  if (line.charCodeAt(p) !== 123) return false // '{'
  for (const key of JSON_KEYS) {
    let at = line.indexOf(key, p)
    while (at >= 0) {
      let i = at + key.length
      while (line.charCodeAt(i) === 32) i++
      if (line.charCodeAt(i) === 58) {
        i++
        while (line.charCodeAt(i) === 32) i++
        if (line.charCodeAt(i) === 123) {
          // {"$date":"2026-03-10T20:58:09.401+00:00"} or {"$date":{"$numberLong":"..."}}
          const date = line.indexOf('"$date"', i)
          if (date < 0 || date > i + 4) break
          i = date + 8
          while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 58) i++
        }
        const quoted = line.charCodeAt(i) === 34
        const v = quoted ? i + 1 : i
        const end = readValue(line, v, state)
        if (end >= 0) {
          mRelative = false
          mStart = v
          mEnd = end
          mName = 'json'
          return true
        }
        break
      }
      at = line.indexOf(key, at + 1)
    }
  }
  return false
}

const LOGFMT_KEYS = ['ts=', 'time=', 't=', 'timestamp=']

/** logfmt (`ts=2024-...`, logrus `time="..."`, Grafana `t=...`, go-kit `ts=1700000000.1`). */
function readLogfmt(line: string, state: TimestampState): boolean {
  for (const key of LOGFMT_KEYS) {
    let at = line.indexOf(key)
    while (at >= 0) {
      if (at === 0 || line.charCodeAt(at - 1) === 32) {
        let i = at + key.length
        if (line.charCodeAt(i) === 34) i++
        const end = readValue(line, i, state)
        if (end >= 0) {
          mRelative = false
          mStart = i
          mEnd = end
          mName = 'logfmt'
          return true
        }
      }
      at = line.indexOf(key, at + 1)
    }
  }
  return false
}

/** Apache/nginx `%t`: `10.0.0.1 - - [22/Nov/2024:18:35:01 +0000] "GET / ..."`. */
function readApache(line: string, _state: TimestampState): boolean {
  const b = line.indexOf('[')
  if (b < 0 || b > 128) return false
  if (line.charCodeAt(b + 3) !== 47 || line.charCodeAt(b + 7) !== 47) return false
  if (line.charCodeAt(b + 12) !== 58) return false
  const d = d2(line, b + 1)
  const mo = month3(line, b + 4)
  const y = d4(line, b + 8)
  const h = d2(line, b + 13)
  const mi = d2(line, b + 16)
  const s = d2(line, b + 19)
  if (d < 0 || mo < 0 || y < 0 || h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s)) return false
  fraction(line, b + 21)
  zone(line, fracEnd)
  let end = zoneEnd
  if (line.charCodeAt(end) === 32) zone(line, end + 1)
  end = zoneEnd
  if (line.charCodeAt(end) !== 93) return false
  mTime = Date.UTC(y, mo, d, h, mi, s) + fracMs - zoneMinutes * 60_000
  mRelative = false
  mStart = b + 1
  mEnd = end + 1
  mName = 'apache'
  return true
}

/**
 * docker compose `web-1  | 2024-04-25T05:32:35.584725130Z ...` (service name, bar, ISO; the
 * ISO time is compose's own with `--timestamps`), or the service's own JSON line after the
 * bar: Caddy's zap output `caddy  | {"level":"info","ts":1761019822.3152757,...}`.
 */
function readCompose(line: string, state: TimestampState): boolean {
  const bar = line.indexOf('| ')
  if (bar < 1 || bar > 64) return false
  const p = bar + 2
  if (line.charCodeAt(p) === 123) {
    if (!readJsonAt(line, p, state)) return false
    mName = 'compose'
    return true
  }
  const end = readIso(line, p, state, 45)
  if (end < 0) return false
  mRelative = false
  mStart = p
  mEnd = end
  mName = 'compose'
  return true
}

/** The table, most common first. Locking makes the order matter only for the first line. */
const PATTERNS: readonly Pattern[] = [
  { name: 'iso', searches: false, read: readIsoLine, pure: true },
  { name: 'syslog', searches: false, read: readSyslog },
  { name: 'kernel', searches: false, read: readKernel, pure: true },
  { name: 'go-log', searches: false, read: readGoLog, pure: true },
  { name: 'klog', searches: false, read: readKlog },
  { name: 'priority', searches: false, read: readPriority },
  { name: 'dmesg-T', searches: false, read: readDmesgT, pure: true },
  { name: 'clock', searches: false, read: readClock },
  { name: 'kibana', searches: false, read: readKibana, pure: true },
  { name: 'valgrind', searches: false, read: readValgrind, pure: true },
  { name: 'epoch-ms', searches: false, read: readEpochMs, pure: true },
  { name: 'json', searches: true, read: readJson },
  { name: 'logfmt', searches: true, read: readLogfmt },
  { name: 'apache', searches: true, read: readApache },
  { name: 'compose', searches: true, read: readCompose },
]
