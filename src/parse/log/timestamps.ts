import type { Milliseconds } from '../../model/types'
import { DAY, type ReadState } from './timestamp-fields'
import { TIMESTAMP_PATTERNS } from './timestamp-patterns'

/**
 * Timestamps at the start of (or inside) log lines, lnav-style: a `TimestampReader` per
 * source tries the pattern that matched its previous line first (a file nearly always uses
 * one), then the table of `timestamp-patterns.ts` in order. Fields a format omits are
 * inferred from what the reader read before: the year of BSD syslog and klog, the date of a
 * bare `[HH:MM:SS]`.
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

export type TimestampOptions = {
  /** The year for formats that print none (BSD syslog, klog) until a line gives one;
   *  defaults to the current year. */
  referenceYear?: number
}

/** Where to look: `start` skips the patterns that search inside the line (JSON keys,
 *  logfmt `ts=`, Apache `[..]`, `name | ` prefixes); the scanner uses it on every line. */
export type TimestampScope = 'anywhere' | 'start'

/** How a source's dates got their years, read after the source (see `assumed-year.ts`). */
export type YearInference = Pick<
  TimestampReader,
  'inferred' | 'dated' | 'firstInferredYear' | 'lastInferred'
>

/**
 * Reads the timestamps of one source's lines, in order. Its fields are the source's dates
 * (what later lines are read with) and the match being read, which patterns write in place so
 * a line without a timestamp allocates nothing.
 */
export class TimestampReader implements ReadState {
  // The source's dates: documented on `ReadState`.
  year: number
  lastMonth = -1
  day: Milliseconds = NaN
  lastClock: Milliseconds = 0
  inferred = false
  firstInferredYear = NaN
  lastInferred: Milliseconds = NaN
  dated = false

  // The match being read, and the fields it is read from.
  time: Milliseconds = 0
  relative = false
  start = 0
  end = 0
  pattern = ''
  fracMs: Milliseconds = 0
  fracEnd = 0
  zoneMinutes = 0
  zoneEnd = 0
  utcYear = -1
  utcMonth = -1
  utcDate = -1
  utcDay: Milliseconds = 0

  /** Index of the pattern that matched last, tried first; -1 before any match. */
  private locked = -1

  constructor(options: TimestampOptions = {}) {
    this.year = options.referenceYear ?? new Date().getUTCFullYear()
  }

  /** The timestamp of a line, or null when it has none. */
  read(line: string, scope: TimestampScope = 'anywhere'): TimestampMatch | null {
    const locked = this.locked
    if (locked >= 0) {
      const p = TIMESTAMP_PATTERNS[locked]
      if ((scope === 'anywhere' || !p.searches) && p.read(line, this)) return this.matched(locked)
    }
    for (let i = 0; i < TIMESTAMP_PATTERNS.length; i++) {
      if (i === locked) continue
      const p = TIMESTAMP_PATTERNS[i]
      if (scope === 'start' && p.searches) continue
      if (p.read(line, this)) return this.matched(i)
    }
    return null
  }

  /** The name of the pattern tried first, the one that matched last; null before any. */
  get lockedPattern(): string | null {
    return this.locked < 0 ? null : TIMESTAMP_PATTERNS[this.locked].name
  }

  private matched(index: number): TimestampMatch {
    this.locked = index
    if (!this.relative) this.day = Math.floor(this.time / DAY) * DAY
    return {
      time: this.time,
      relative: this.relative,
      start: this.start,
      end: this.end,
      pattern: this.pattern,
    }
  }
}
