import type { Milliseconds, Series } from '../types'

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
  const picked: number[] = []
  if (inRange <= 2 * n) {
    for (let i = 0; i < time.length; i++) {
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
