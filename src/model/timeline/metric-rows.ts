import type { Milliseconds, Series } from '../types'
import { firstAfter, firstAtOrAfter, firstPastBucket, isAscending } from './time-order'

/**
 * The rows a metrics chart draws: at most two points per series per time bucket, the lowest
 * and the highest, so a chart of a million request durations costs a few hundred points and
 * still shows every spike (min/max decimation, as in Grafana and uPlot). A brushed range is
 * cut before bucketing, so zooming in brings the detail back.
 */

/** One chart row: the time `t` and a value per series id that has a point at that time. */
export type MetricRow = Record<string, number> & { t: number }

export type DecimatedSeries = { time: Float64Array; value: Float64Array }

/**
 * The points of one series within [start, end], at most two per bucket: its minimum and
 * maximum, in time order. Series with few points come back whole (within the range).
 * NaN times and values are dropped.
 */
export function decimateMinMax(
  time: Float64Array,
  value: Float64Array,
  start: Milliseconds,
  end: Milliseconds,
  buckets: number,
): DecimatedSeries {
  const n = Math.max(1, Math.floor(buckets))
  const width = end > start ? (end - start) / n : 1
  const minAt = new Int32Array(n).fill(-1)
  const maxAt = new Int32Array(n).fill(-1)
  const inOrder = isAscendingOnce(time)
  const inRange = inOrder
    ? pickExtremesInOrder(time, value, start, end, width, minAt, maxAt)
    : pickExtremes(time, value, start, end, width, minAt, maxAt)
  const picked: number[] = []
  if (inRange <= 2 * n) {
    // In time order, the points within the range are one run of indices.
    const first = inOrder ? firstAtOrAfter(time, start, 0, time.length) : 0
    const last = inOrder ? firstAfter(time, end, first, time.length) : time.length
    for (let i = first; i < last; i++) {
      const t = time[i]
      if (t >= start && t <= end && !Number.isNaN(value[i])) picked.push(i)
    }
  } else {
    for (let b = 0; b < n; b++) {
      const lo = minAt[b]
      const hi = maxAt[b]
      if (lo < 0) continue
      if (lo === hi) picked.push(lo)
      else if (time[lo] <= time[hi]) picked.push(lo, hi)
      else picked.push(hi, lo)
    }
  }
  picked.sort((a, b) => time[a] - time[b] || a - b)
  return {
    time: Float64Array.from(picked, (i) => time[i]),
    value: Float64Array.from(picked, (i) => value[i]),
  }
}

/**
 * Fills each bucket's index of its minimum and of its maximum (the first of equals), and
 * returns how many points lie within [start, end] with a value.
 */
function pickExtremes(
  time: Float64Array,
  value: Float64Array,
  start: Milliseconds,
  end: Milliseconds,
  width: number,
  minAt: Int32Array,
  maxAt: Int32Array,
): number {
  const n = minAt.length
  let inRange = 0
  for (let i = 0; i < time.length; i++) {
    const t = time[i]
    const v = value[i]
    if (!(t >= start && t <= end) || Number.isNaN(v)) continue
    inRange++
    const b = Math.min(n - 1, Math.floor((t - start) / width))
    if (minAt[b] < 0 || v < value[minAt[b]]) minAt[b] = i
    if (maxAt[b] < 0 || v > value[maxAt[b]]) maxAt[b] = i
  }
  return inRange
}

/**
 * `pickExtremes` over times in ascending order: each bucket's points are one run of indices,
 * its edges found by binary search with the same bucket formula, scanned for their extremes
 * without a division each.
 */
function pickExtremesInOrder(
  time: Float64Array,
  value: Float64Array,
  start: Milliseconds,
  end: Milliseconds,
  width: number,
  minAt: Int32Array,
  maxAt: Int32Array,
): number {
  const n = minAt.length
  const bucketOf = (t: number) => Math.min(n - 1, Math.floor((t - start) / width))
  const last = firstAfter(time, end, 0, time.length)
  let inRange = 0
  let i = firstAtOrAfter(time, start, 0, last)
  while (i < last) {
    const b = bucketOf(time[i])
    const next = firstPastBucket(time, bucketOf, b, i + 1, last)
    let lo = -1
    let hi = -1
    let min = Infinity
    let max = -Infinity
    for (let j = i; j < next; j++) {
      const v = value[j]
      if (v !== v) continue
      inRange++
      if (lo < 0 || v < min) {
        lo = j
        min = v
      }
      if (hi < 0 || v > max) {
        hi = j
        max = v
      }
    }
    minAt[b] = lo
    maxAt[b] = hi
    i = next
  }
  return inRange
}

/** Whether a series' times ascend, decided once per time column. */
const ascending = new WeakMap<Float64Array, boolean>()
function isAscendingOnce(time: Float64Array): boolean {
  let known = ascending.get(time)
  if (known === undefined) ascending.set(time, (known = isAscending(time)))
  return known
}

/**
 * Rows for a chart of several series on one time axis (recharts' shape: one object per
 * time, a key per series), each series decimated to `buckets` over `range` or over the time
 * all of them span. Two readings of one series at the same time (two lines in the same
 * millisecond, or a bucket's minimum and maximum) take a row each, the second after the
 * first, so the chart draws both where one row would keep only the last.
 */
export function metricRows(
  series: readonly Series[],
  idOf: (s: Series) => string,
  range: readonly [Milliseconds, Milliseconds] | null,
  buckets: number,
): MetricRow[] {
  let [start, end] = range ?? [Infinity, -Infinity]
  if (!range) {
    for (const s of series) {
      // In time order: the first and the last are the extremes.
      if (s.time.length && isAscendingOnce(s.time)) {
        start = Math.min(start, s.time[0])
        end = Math.max(end, s.time[s.time.length - 1])
        continue
      }
      for (let i = 0; i < s.time.length; i++) {
        const t = s.time[i]
        if (t < start) start = t
        if (t > end) end = t
      }
    }
  }
  if (!(start <= end)) return []
  // The rows at each time, in the order of the readings there.
  const rowsAt = new Map<number, MetricRow[]>()
  for (const s of series) {
    const id = idOf(s)
    const { time, value } = decimateMinMax(s.time, s.value, start, end, buckets)
    let nth = 0
    for (let i = 0; i < time.length; i++) {
      const t = time[i]
      nth = i > 0 && time[i - 1] === t ? nth + 1 : 0
      let rows = rowsAt.get(t)
      if (!rows) rowsAt.set(t, (rows = []))
      while (rows.length <= nth) rows.push({ t } as MetricRow)
      rows[nth][id] = value[i]
    }
  }
  return [...rowsAt.keys()].sort((a, b) => a - b).flatMap((t) => rowsAt.get(t)!)
}
