import { describe, expect, it } from 'vitest'
import type { Series } from '../types'
import { decimateMinMax, metricRows } from './metric-rows'

const series = (name: string, points: [number, number][]): Series => ({
  name,
  source: 0,
  time: Float64Array.from(points, (p) => p[0]),
  value: Float64Array.from(points, (p) => p[1]),
})

describe('decimateMinMax', () => {
  it('keeps a short series whole, in time order, within the range', () => {
    const time = Float64Array.of(30, 10, 20, 40)
    const value = Float64Array.of(3, 1, 2, 4)
    const out = decimateMinMax(time, value, 10, 30, 100)
    expect([...out.time]).toEqual([10, 20, 30])
    expect([...out.value]).toEqual([1, 2, 3])
  })

  it('keeps at most two points a bucket, and every spike', () => {
    const n = 1_000_000
    const time = Float64Array.from({ length: n }, (_, i) => i)
    const value = Float64Array.from({ length: n }, (_, i) => i % 7)
    value[123_456] = 1e9 // one spike
    value[654_321] = -5 // one dip
    const out = decimateMinMax(time, value, 0, n - 1, 500)
    expect(out.time.length).toBeLessThanOrEqual(1000)
    expect(out.time.length).toBeGreaterThan(900)
    expect(Math.max(...out.value)).toBe(1e9)
    expect(Math.min(...out.value)).toBe(-5)
    expect([...out.time].every((t, i) => i === 0 || t >= out.time[i - 1])).toBe(true)
  })

  it('drops NaN values and times', () => {
    const out = decimateMinMax(Float64Array.of(1, NaN, 3), Float64Array.of(1, 2, NaN), 0, 10, 10)
    expect([...out.time]).toEqual([1])
  })
})

describe('metricRows', () => {
  const a = series('goroutines', [
    [0, 9],
    [10, 250],
    [20, 400],
  ])
  const b = series('alloc', [
    [10, 7],
    [15, 8],
  ])
  const id = (s: Series) => s.name

  it('puts the series on one time axis, a key each', () => {
    expect(metricRows([a, b], id, null, 100)).toEqual([
      { t: 0, goroutines: 9 },
      { t: 10, goroutines: 250, alloc: 7 },
      { t: 15, alloc: 8 },
      { t: 20, goroutines: 400 },
    ])
  })

  it('keeps only the brushed range', () => {
    expect(metricRows([a, b], id, [12, 20], 100)).toEqual([
      { t: 15, alloc: 8 },
      { t: 20, goroutines: 400 },
    ])
  })

  it('is empty without points', () => {
    expect(metricRows([], id, null, 100)).toEqual([])
  })
})

describe('metricRows with two readings at one time', () => {
  const id = (s: Series) => s.name

  it('draws both, in the order read, where one row would keep only the last', () => {
    const s = series('queue', [
      [0, 1],
      [10, 5],
      [10, 900],
      [20, 2],
    ])
    const other = series('rss', [[10, 7]])
    const rows = metricRows([s, other], id, null, 100)
    expect(rows).toEqual([
      { t: 0, queue: 1 },
      { t: 10, queue: 5, rss: 7 },
      { t: 10, queue: 900 },
      { t: 20, queue: 2 },
    ])
  })

  it("keeps a bucket's minimum and maximum when both fall in the same millisecond", () => {
    // 3,000 readings over 0..2999 ms, two buckets; the second bucket's extremes share t=2000.
    const points: [number, number][] = []
    for (let t = 0; t < 3000; t++) points.push([t, 50])
    points.push([2000, -1], [2000, 1e6])
    const rows = metricRows([series('latency', points)], id, null, 2)
    const values = rows.map((r) => r.latency)
    expect(values).toContain(-1)
    expect(values).toContain(1e6)
  })
})
