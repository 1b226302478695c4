import { describe, expect, it } from 'vitest'
import { incidentWithEvents } from '../../test/timeline-events'
import { EventKind, Level } from '../types'
import { chooseBucketWidth, formatBucketWidth } from './buckets'
import { computeHistogram, computeTimeAxis } from './histogram'

const MIN = 60_000

describe('chooseBucketWidth', () => {
  it.each([
    [60 * MIN, 60, MIN, '1 min'],
    [60 * MIN, 10, 10 * MIN, '10 min'],
    [1000, 100, 10, '10 ms'],
    [3 * 24 * 60 * MIN, 100, 60 * MIN, '1 h'],
  ])('%d ms over %d buckets -> %d', (range, buckets, width, label) => {
    expect(chooseBucketWidth(range, buckets)).toBe(width)
    expect(formatBucketWidth(width)).toBe(label)
  })
})

describe('computeHistogram', () => {
  it('stacks events by level and counts crashes per bucket', () => {
    const t0 = Date.UTC(2024, 0, 1)
    const incident = incidentWithEvents([
      { t: t0, level: Level.info },
      { t: t0 + 30_000, level: Level.error, kind: EventKind.segfault },
      { t: t0 + 5 * MIN, level: Level.warn },
      { t: t0 + 5 * MIN + 1, level: Level.error, kind: EventKind.segfault },
      { t: 12, relative: true },
    ])
    const axis = computeTimeAxis(incident)
    expect(axis).toEqual({ clock: 'absolute', min: t0, max: t0 + 5 * MIN + 1 })
    const h = computeHistogram(incident, 'absolute', t0, t0 + 10 * MIN, 5 * MIN)
    expect([...h.counts[2]]).toEqual([1, 0])
    expect([...h.counts[3]]).toEqual([0, 1])
    expect([...h.counts[4]]).toEqual([1, 1])
    expect([...h.crashes]).toEqual([1, 1])
  })

  it('falls back to the since-boot clock when nothing has a wall-clock time', () => {
    expect(
      computeTimeAxis(
        incidentWithEvents([
          { t: 5000, relative: true },
          { t: 9000, relative: true },
        ]),
      ),
    ).toEqual({
      clock: 'relative',
      min: 5000,
      max: 9000,
    })
    expect(computeTimeAxis(incidentWithEvents([{ t: NaN }]))).toBeNull()
  })
})
