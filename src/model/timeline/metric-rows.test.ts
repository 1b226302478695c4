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
