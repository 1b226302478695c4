import type { Milliseconds } from '../types'

/**
 * Moving times by whole calendar years, for dates printed without a year (BSD syslog
 * `May  3 08:00:29`, klog `I0503 08:00:29`): the parser has to guess the year, and when the
 * guess is wrong, every time of that input moves to the same month, day and time of day of
 * another year. Not a fixed number of milliseconds: a leap day lies between some years.
 */

const DAY = 86_400_000
/** Zones run up to UTC+14: a local time read as UTC can be this far after the true instant. */
const MAX_ZONE_AHEAD_MS = 14 * 3_600_000

/** `t` moved by `years` calendar years; 29 February of a common year becomes 1 March. */
export function shiftYears(t: Milliseconds, years: number): Milliseconds {
  if (years === 0 || !Number.isFinite(t)) return t
  const d = new Date(t)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.getTime()
}

/**
 * `shiftYears` for many times: one `Date` per UTC day rather than per time, since a whole
 * day moves by the same amount (events come mostly in order, so the day rarely changes).
 */
export function makeYearShifter(years: number): (t: Milliseconds) => Milliseconds {
  let day = NaN
  let delta = 0
  return (t) => {
    const d = Math.floor(t / DAY) * DAY
    if (d !== day) {
      day = d
      delta = shiftYears(d, years) - d
    }
    return t + delta
  }
}

/**
 * How many years to move a file's year-less dates so that its last one falls at or before
 * the file's modification time, as late as possible: a log is written up to the moment it
 * was last modified. `lastDated` is the last year-less date as first read (in any year).
 * Local times are read as UTC, so the last line may seem up to 14 hours after the mtime.
 */
export function yearsToModified(lastDated: Milliseconds, modified: Milliseconds): number {
  if (!Number.isFinite(lastDated) || !Number.isFinite(modified)) return 0
  const limit = modified + MAX_ZONE_AHEAD_MS
  let k = new Date(modified).getUTCFullYear() - new Date(lastDated).getUTCFullYear() + 1
  // At most a few steps: 29 February may need to go back to the leap year before.
  for (let tries = 0; tries < 10 && shiftYears(lastDated, k) > limit; tries++) k--
  return k
}
