import type { Milliseconds } from '../types'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Bucket widths a reader can name ("5 minutes"), smallest first. */
const NICE_STEPS: Milliseconds[] = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  30 * DAY,
  365 * DAY,
]

/** The smallest nice bucket width that shows `range` in at most `maxBuckets` bars. */
export function chooseBucketWidth(range: Milliseconds, maxBuckets: number): Milliseconds {
  const wanted = range / Math.max(1, maxBuckets)
  for (const step of NICE_STEPS) if (step >= wanted) return step
  return Math.ceil(wanted / (365 * DAY)) * 365 * DAY
}

/** "5 min", "1 h", "200 ms": the label of a bucket width. */
export function formatBucketWidth(width: Milliseconds): string {
  if (width < SECOND) return `${width} ms`
  if (width < MINUTE) return `${width / SECOND} s`
  if (width < HOUR) return `${width / MINUTE} min`
  if (width < DAY) return `${width / HOUR} h`
  return `${width / DAY} d`
}

/** The bars a histogram draws: `count` buckets of `width` from `start`. */
export type BucketWindow = { start: Milliseconds; width: Milliseconds; count: number }

/**
 * The buckets of a histogram of times within [min, max]: a nice width that fits the range in
 * `maxBuckets`, starting on a multiple of it. A narrow range is widened, centred, to at least
 * `minBuckets`, or a lone event would be one bucket that the chart draws zero pixels wide.
 * With no spread at all there is no scale to follow: a second is what a reader expects.
 */
export function bucketWindow(
  min: Milliseconds,
  max: Milliseconds,
  maxBuckets: number,
  minBuckets: number,
): BucketWindow {
  const width = max > min ? chooseBucketWidth(max - min, maxBuckets) : SECOND
  let start = Math.floor(min / width) * width
  // The bucket of `max` itself, also when `max` falls on a bucket's edge.
  let count = Math.floor((max - start) / width) + 1
  if (count < minBuckets) {
    start -= Math.floor((minBuckets - count) / 2) * width
    count = minBuckets
  }
  return { start, width, count }
}
