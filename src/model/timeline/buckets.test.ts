import { describe, expect, it } from 'vitest'
import { bucketWindow } from './buckets'

const SECOND = 1000

/** The bucket index an event at `t` falls in, as the histogram counts it. */
const bucketOf = (w: { start: number; width: number }, t: number) =>
  Math.floor((t - w.start) / w.width)

describe('bucketWindow', () => {
  // A lone kernel segfault (seed 001) or one error line and a crash at the same second
  // (seed 002): one bucket, which the chart drew zero pixels wide beside "1 event".
  it('widens a lone instant to enough one-second buckets, with the event in the middle', () => {
    const t = 4_838_261_071.917
    const w = bucketWindow(t, t, 120, 24)
    expect(w.width).toBe(SECOND)
    expect(w.count).toBe(24)
    const b = bucketOf(w, t)
    expect(b).toBeGreaterThanOrEqual(11)
    expect(b).toBeLessThanOrEqual(12)
  })

  it('widens a narrow range around its events and keeps the width the range asks for', () => {
    const min = 1_700_000_000_000
    const w = bucketWindow(min, min + 5, 120, 24)
    expect(w.width).toBe(1)
    expect(w.count).toBe(24)
    expect(w.start % w.width).toBe(0)
    expect(bucketOf(w, min)).toBeGreaterThanOrEqual(0)
    expect(bucketOf(w, min + 5)).toBeLessThan(w.count)
    // Centred: as many empty buckets before the first event as after the last, within one.
    const before = bucketOf(w, min)
    const after = w.count - 1 - bucketOf(w, min + 5)
    expect(Math.abs(before - after)).toBeLessThanOrEqual(1)
  })

  it('covers a wide range from a bucket edge, with the last event in its own bucket', () => {
    const min = Date.UTC(2026, 10, 22, 8, 0, 29)
    const max = Date.UTC(2026, 10, 22, 16, 0, 0)
    const w = bucketWindow(min, max, 120, 24)
    expect(w.width).toBe(5 * 60 * SECOND)
    expect(w.start).toBe(Date.UTC(2026, 10, 22, 8, 0, 0))
    expect(bucketOf(w, min)).toBe(0)
    // 16:00:00 falls on an edge: its bucket is 16:00-16:05, the last one drawn.
    expect(bucketOf(w, max)).toBe(w.count - 1)
    expect(w.start + (w.count - 1) * w.width).toBe(max)
  })
})
