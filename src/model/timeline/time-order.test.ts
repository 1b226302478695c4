import { describe, expect, it } from 'vitest'
import { incidentWithEvents, type TestEvent as Ev } from '../../test/timeline-events'
import { computeHistogram, computeTimeAxis } from './histogram'
import { decimateMinMax } from './metric-rows'
import { getCrashTime } from './stuck-since'
import { eventClockInOrder } from './time-order'

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
}

/** A log in time order: many events on one millisecond, many on the edges of whole seconds. */
function orderedLog(n: number, seed: number): Ev[] {
  const next = random(seed)
  let t = Date.UTC(2026, 2, 14)
  return Array.from({ length: n }, () => {
    const r = next()
    t += r < 0.3 ? 0 : r < 0.5 ? 1000 - (t % 1000) : Math.floor(next() * 700)
    return { t, level: Math.floor(next() * 7), kind: Math.floor(next() * 7) }
  })
}

describe('eventClockInOrder', () => {
  it('names the clock of dated events in time order, ties allowed', () => {
    expect(eventClockInOrder(incidentWithEvents([{ t: 1 }, { t: 1 }, { t: 5 }]).events)).toBe(
      'absolute',
    )
    const boot = [
      { t: 1, relative: true },
      { t: 2, relative: true },
    ]
    expect(eventClockInOrder(incidentWithEvents(boot).events)).toBe('relative')
  })

  it('is null for an undated event, a step back in time, two clocks or no events', () => {
    expect(
      eventClockInOrder(incidentWithEvents([{ t: 1 }, { t: NaN }, { t: 5 }]).events),
    ).toBeNull()
    expect(eventClockInOrder(incidentWithEvents([{ t: 1 }, { t: 5 }, { t: 4 }]).events)).toBeNull()
    const mixed = [{ t: 1 }, { t: 2, relative: true }]
    expect(eventClockInOrder(incidentWithEvents(mixed).events)).toBeNull()
    expect(eventClockInOrder(incidentWithEvents([]).events)).toBeNull()
  })
})

// An undated event at the end takes the events out of order, not out of any count: each
// reading below is compared with the same reading of the events scanned one by one.
describe('events in time order read by index, as scanned', () => {
  const log = orderedLog(20_000, 7)
  const ordered = incidentWithEvents(log)
  const scanned = incidentWithEvents([...log, { t: NaN }])
  const first = log[0].t
  const last = log[log.length - 1].t

  it('takes them in order, and the other one not', () => {
    expect(eventClockInOrder(ordered.events)).toBe('absolute')
    expect(eventClockInOrder(scanned.events)).toBeNull()
  })

  it('has the same time axis and latest time', () => {
    expect(computeTimeAxis(ordered)).toEqual(computeTimeAxis(scanned))
    expect(getCrashTime(ordered)).toBe(getCrashTime(scanned))
  })

  it.each([
    [first, last + 1, 1000],
    [first - 5000, last + 5000, 7000],
    // Cut inside, on edges where events lie.
    [log[3000].t, log[15_000].t, 1000],
    [log[5000].t + 1, log[5100].t, 250],
  ])('counts the same histogram over [%d, %d) by %d ms', (start, end, width) => {
    const byIndex = computeHistogram(ordered, 'absolute', start, end, width)
    const byScan = computeHistogram(ordered, 'absolute', start, end, width, () => true)
    expect(byIndex).toEqual(byScan)
    expect(byIndex.counts.some((row) => row.some((c) => c > 0))).toBe(true)
  })

  it('counts nothing on the other clock', () => {
    const h = computeHistogram(ordered, 'relative', first, last, 1000)
    expect(h.counts.every((row) => row.every((c) => c === 0))).toBe(true)
  })
})

describe('a series in time order read by index, as scanned', () => {
  const next = random(11)
  const n = 50_000
  let t = 0
  const time = Float64Array.from(
    { length: n },
    () => (t += next() < 0.4 ? 0 : Math.floor(next() * 9)),
  )
  const value = Float64Array.from({ length: n }, (_, i) =>
    i % 97 === 0 ? NaN : Math.floor(next() * 20),
  )
  // A point with no time at the end: dropped, and the times are no longer in order.
  const scannedTime = Float64Array.of(...time, NaN)
  const scannedValue = Float64Array.of(...value, 3)

  it.each([
    [time[0], time[n - 1], 600],
    [time[1000], time[30_000], 100],
    [time[1000], time[1100], 600],
    [time[n - 1] + 1, time[n - 1] + 9, 10],
  ])('keeps the same points of [%d, %d] in %d buckets', (start, end, buckets) => {
    expect(decimateMinMax(time, value, start, end, buckets)).toEqual(
      decimateMinMax(scannedTime, scannedValue, start, end, buckets),
    )
  })
})
