import type { Milliseconds } from '../../model/types'
import { DAY, noteYear, type ReadState } from './timestamp-fields'
import { readIsoOfBytes } from './timestamp-bytes'
import { TIMESTAMP_PATTERNS } from './timestamp-patterns'

// The pattern most long logs are locked on, which `readLeadingIso` reads in bytes.
const ISO = TIMESTAMP_PATTERNS.findIndex((p) => p.name === 'iso')

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
  /** The pattern's index in `TIMESTAMP_PATTERNS`. */
  index: number
  /** The year and month (`year * 12 + month0`) the timestamp gave its reader as the source's
   *  (`noteYear`), or -1. */
  noted: number
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
  noted = -1

  /** Index of the pattern that matched last, tried first; -1 before any match. */
  private locked = -1

  constructor(options: TimestampOptions = {}) {
    this.year = options.referenceYear ?? new Date().getUTCFullYear()
  }

  /** The timestamp of a line, or null when it has none. */
  read(line: string, scope: TimestampScope = 'anywhere'): TimestampMatch | null {
    this.noted = -1
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

  /**
   * `read(line)` of a line held as ASCII bytes, `bytes[start, end)`, when this reader is locked
   * on ISO timestamps and the line starts with one it reads there (`readIsoOfBytes`): true, and
   * the match in this reader's fields (`time`, `end` ...), as `read` leaves them. False when it
   * cannot tell, having changed nothing `read` would not: the line is then for `read`.
   */
  readLeadingIso(bytes: Uint8Array, start: number, end: number): boolean {
    if (this.locked !== ISO) return false
    this.noted = -1
    const stampEnd = readIsoOfBytes(bytes, start, end, this)
    if (stampEnd < 0) return false
    this.relative = false
    this.start = 0
    this.end = stampEnd
    this.pattern = 'iso'
    this.day = Math.floor(this.time / DAY) * DAY
    return true
  }

  /**
   * `follow` of a line whose match another reader holds in its fields (`readLeadingIso`):
   * false, changing nothing, when this reader would have to read the line itself.
   */
  followLeadingIso(seen: TimestampReader): boolean {
    if (this.locked !== ISO || seen.locked !== ISO) return false
    const noted = seen.noted
    this.noted = noted
    if (noted >= 0) noteYear(this, Math.floor(noted / 12), noted % 12)
    this.time = seen.time
    this.relative = false
    this.start = seen.start
    this.end = seen.end
    this.pattern = seen.pattern
    this.day = seen.day
    return true
  }

  /**
   * `read(line)`, where `seen` is what another reader's `read(line)` just answered (the
   * scanner reads each line's time before the line's log region reads it): the same answer,
   * and this reader left as that read would leave it, without reading the line again when the
   * answer can be taken from `seen`. It can when no pattern matched (whether a pattern matches
   * depends on the line alone), or when `seen`'s pattern is the one this reader tries first and
   * its time does not depend on what the reader read before (`TimestampPattern.inferred`).
   */
  follow(line: string, seen: TimestampMatch | null): TimestampMatch | null {
    if (seen === null) return null
    const index = seen.index
    if (index !== this.locked || TIMESTAMP_PATTERNS[index].inferred) return this.read(line)
    const noted = seen.noted
    this.noted = noted
    if (noted >= 0) noteYear(this, Math.floor(noted / 12), noted % 12)
    this.time = seen.time
    this.relative = seen.relative
    this.start = seen.start
    this.end = seen.end
    this.pattern = seen.pattern
    if (!seen.relative) this.day = Math.floor(seen.time / DAY) * DAY
    return seen
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
      index,
      noted: this.noted,
    }
  }
}
