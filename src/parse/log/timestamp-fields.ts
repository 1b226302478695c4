import type { Milliseconds } from '../../model/types'

/**
 * What a timestamp pattern is, and the fields patterns are built from: digits at fixed
 * columns, month names, a fraction of seconds, a zone, and the year of dates printed without
 * one. Helpers read with `charCodeAt` and write what they found into the `ReadState` they are
 * given, so a line without a timestamp allocates nothing.
 */

/** What a pattern reads with and writes to: one source's dates and the match being read.
 *  A `TimestampReader` is one (one per source being parsed). */
export interface ReadState {
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
  /** What the match being read noted as the source's year (`noteYear`): `year * 12 + month0`,
   *  or -1. */
  noted: number

  // The match being read (see `TimestampMatch`).
  time: Milliseconds
  relative: boolean
  start: number
  end: number
  pattern: string

  /** What `fraction()` read: milliseconds, and the column after it. */
  fracMs: Milliseconds
  fracEnd: number
  /** What `zone()` read: minutes east of UTC, and the column after it. */
  zoneMinutes: number
  zoneEnd: number

  /** The last date turned into milliseconds by `utcTime` (lines of a log share their date). */
  utcYear: number
  utcMonth: number
  utcDate: number
  utcDay: Milliseconds
}

export const DAY = 86_400_000

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

export function digit(line: string, i: number): number {
  const c = line.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** Two digits at i, or -1. */
export function d2(line: string, i: number): number {
  const a = digit(line, i)
  const b = digit(line, i + 1)
  return a < 0 || b < 0 ? -1 : a * 10 + b
}

/** Four digits at i, or -1. */
export function d4(line: string, i: number): number {
  const a = d2(line, i)
  const b = d2(line, i + 2)
  return a < 0 || b < 0 ? -1 : a * 100 + b
}

/** Month index of the three letters at i (any case), or -1. */
export function month3(line: string, i: number): number {
  const c = line.charCodeAt(i)
  // Fast reject: month names start with a letter from "ADFJMNOS".
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return -1
  const s = line.slice(i, i + 3).toLowerCase()
  return MONTHS.indexOf(s)
}

/** Month index of a full month name (any case), or -1. */
export function fullMonth(name: string): number {
  return FULL_MONTHS.indexOf(name.toLowerCase())
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

export function validTime(h: number, mi: number, s: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60
}

export function validDate(mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31
}

/** Reads `.ddd` or `,ddd` (up to 9 digits used) at i into `r.fracMs`/`r.fracEnd`; 0 when
 *  absent. */
export function fraction(r: ReadState, line: string, i: number): void {
  r.fracMs = 0
  r.fracEnd = i
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
  r.fracMs = (value / POW10[n]) * 1000
  r.fracEnd = j
}

/** Reads `Z`, `+hh:mm`, `+hhmm`, `+hh` or ` UTC`/` PDT`... at i into `r.zoneMinutes`/
 *  `r.zoneEnd`; none means UTC. */
export function zone(r: ReadState, line: string, i: number): void {
  r.zoneMinutes = 0
  r.zoneEnd = i
  const c = line.charCodeAt(i)
  if (c === 90) {
    // 'Z'
    r.zoneEnd = i + 1
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
    r.zoneMinutes = (c === 45 ? -1 : 1) * (h * 60 + m)
    r.zoneEnd = j
    return
  }
  if (c === 32 && isLetter(line.charCodeAt(i + 1))) {
    let j = i + 1
    while (j < i + 6 && isLetter(line.charCodeAt(j))) j++
    if (isLetter(line.charCodeAt(j))) return
    const offset = ZONES[line.slice(i + 1, j)]
    if (offset === undefined) return
    r.zoneMinutes = offset * 60
    r.zoneEnd = j
  }
}

/**
 * `Date.UTC(year, month0, date, h, mi, s)`: the date's midnight is kept from the last call,
 * since the lines of a log share their date, and the time of day added to it (the same sum
 * `Date.UTC` makes, years 0-99 included).
 */
export function utcTime(
  r: ReadState,
  year: number,
  month0: number,
  date: number,
  h: number,
  mi: number,
  s: number,
): Milliseconds {
  if (date !== r.utcDate || month0 !== r.utcMonth || year !== r.utcYear) {
    r.utcYear = year
    r.utcMonth = month0
    r.utcDate = date
    r.utcDay = Date.UTC(year, month0, date)
  }
  return r.utcDay + ((h * 60 + mi) * 60 + s) * 1000
}

/** The year for a timestamp without one: steps forward when the month goes Dec -> Jan. */
export function inferYear(r: ReadState, month0: number): number {
  // A large step backwards (Dec -> Jan, Nov -> Feb) is a new year; a small one is a reordering.
  if (r.lastMonth >= 0 && month0 + 6 < r.lastMonth) r.year++
  r.lastMonth = month0
  if (!r.inferred) {
    r.inferred = true
    r.firstInferredYear = r.year
  }
  return r.year
}

/** A timestamp with a year of its own: later year-less ones take it. */
export function noteYear(r: ReadState, year: number, month0: number): void {
  r.noted = year * 12 + month0
  r.dated = true
  r.year = year
  r.lastMonth = month0
}

export function epochToMs(v: number): Milliseconds {
  // By magnitude: seconds until the year 5138, then ms, us, ns.
  if (v < 1e11) return v * 1000
  if (v < 1e14) return v
  if (v < 1e17) return v / 1e3
  return v / 1e6
}

/** A line a pattern reads, and what it must read from it. */
export type TimestampSample = {
  line: string
  /** The time the line states: an ISO 8601 UTC string for a wall-clock time (formats without
   *  a year read as of `SAMPLE_YEAR`), or milliseconds since boot/start for a relative one. */
  time: string | number
  /** The timestamp's text, from the match's start to its end. */
  text?: string
  /** The match's name when it is not the pattern's (`cri` from `iso`). */
  as?: string
}

/** The year samples of formats without one are read with. */
export const SAMPLE_YEAR = 2026

export type TimestampPattern = {
  name: string
  /** Looks inside the line rather than at fixed columns (skipped in the `start` scope). */
  searches: boolean
  /** Its time depends on what the reader read before it (a year or a date inferred), not on
   *  the line alone. */
  inferred: boolean
  /** Reads a timestamp into `r`'s match fields (name included); false when the line has
   *  none, and then `r`'s dates are as they were. Whether it finds one depends on the line
   *  alone. */
  read(line: string, r: ReadState): boolean
  samples: readonly TimestampSample[]
}
