import type { EventTable } from '../types'

/**
 * Whether a log's events can be read by index instead of by scanning: most inputs are one
 * log whose lines are all dated, in time order. Then the events within a time range are one
 * run of indices, found by binary search, and the first and the last are the earliest and
 * the latest. One pass decides it, once per time column.
 */

const orderOf = new WeakMap<
  Float64Array,
  { relative: Uint8Array; clock: 'absolute' | 'relative' | null }
>()

/**
 * The clock every event is on when all are dated (no NaN) and in time order (ties allowed),
 * else null. An empty table is in no order.
 */
export function eventClockInOrder(events: EventTable): 'absolute' | 'relative' | null {
  const { time, relative, length } = events
  const known = orderOf.get(time)
  if (known && known.relative === relative) return known.clock
  let clock: 'absolute' | 'relative' | null = null
  if (length > 0) {
    const want = relative[0]
    let ordered = true
    let last = -Infinity
    for (let i = 0; i < length; i++) {
      const t = time[i]
      // NaN fails `t >= last` too.
      if (relative[i] !== want || !(t >= last)) {
        ordered = false
        break
      }
      last = t
    }
    if (ordered) clock = want === 1 ? 'relative' : 'absolute'
  }
  orderOf.set(time, { relative, clock })
  return clock
}

/** Whether `time[0..length)` are all numbers in ascending order (ties allowed). */
export function isAscending(time: Float64Array, length = time.length): boolean {
  let last = -Infinity
  for (let i = 0; i < length; i++) {
    const t = time[i]
    if (!(t >= last)) return false
    last = t
  }
  return true
}

/** The first index in [lo, hi) whose time is at least `t` (hi when none): times ascending. */
export function firstAtOrAfter(time: Float64Array, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (time[mid] < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first index in [lo, hi) whose time is after `t` (hi when none): times ascending. */
export function firstAfter(time: Float64Array, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (time[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The first index in [lo, hi) whose bucket (`bucketOf`, non-decreasing in time) is after
 * `bucket` (hi when none): times ascending. Buckets are found with the counting code's own
 * formula, so an event at a bucket's edge lands where it always did.
 */
export function firstPastBucket(
  time: Float64Array,
  bucketOf: (t: number) => number,
  bucket: number,
  lo: number,
  hi: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (bucketOf(time[mid]) <= bucket) lo = mid + 1
    else hi = mid
  }
  return lo
}
