import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../builder'
import { EventKind } from '../types'
import type { Incident } from '../types'
import { applySourceClocks } from './source-clocks'

const T0 = Date.UTC(2024, 2, 5, 14, 0, 0)
const HOUR = 3_600_000

/** Two sources: `app.log` with wall-clock events and a metric, `dmesg.txt` counting from boot. */
function twoSources(): Incident {
  const b = new IncidentBuilder()
  b.beginSource('app.log', 10, 'fp-app')
  b.addEvent({ time: T0, kind: EventKind.log, line: 0 })
  b.addEvent({ time: T0 + 1000, kind: EventKind.log, line: 1 })
  b.addSeriesPoint('goroutines', T0, 10)
  b.addSeriesPoint('goroutines', T0 + 1000, 20)
  b.addSnapshot({ label: 's1', time: T0, bytes: 1, allocations: 1, line: 0 })
  b.addCrash({
    format: 'go',
    kind: 'panic',
    message: 'boom',
    record: -1,
    line: 1,
    time: T0 + 1000,
    details: [],
  })
  b.beginSource('dmesg.txt', 10, 'fp-dmesg')
  b.addEvent({ time: 5000, relative: true, kind: EventKind.segfault, line: 0 })
  b.addEvent({ time: 7000, relative: true, kind: EventKind.segfault, line: 1 })
  b.addSeriesPoint('temp', 5000, 40)
  b.addCrash({ format: 'kernel', kind: 'segfault', message: 'x', record: -1, line: 0, details: [] })
  return b.build()
}

describe('applySourceClocks', () => {
  it('gives the same incident back when no clock moves anything', () => {
    const incident = twoSources()
    expect(applySourceClocks(incident, [])).toBe(incident)
    expect(applySourceClocks(incident, [{ offsetMs: 0 }, undefined])).toBe(incident)
  })

  it("moves one source's events, series, snapshots and crashes by its offset", () => {
    const incident = twoSources()
    const out = applySourceClocks(incident, [{ offsetMs: 2 * HOUR }])
    expect([...out.events.time]).toEqual([T0 + 2 * HOUR, T0 + 1000 + 2 * HOUR, 5000, 7000])
    expect([...out.series[0].time]).toEqual([T0 + 2 * HOUR, T0 + 1000 + 2 * HOUR])
    expect(out.snapshots[0].time).toBe(T0 + 2 * HOUR)
    expect(out.crashes[0].time).toBe(T0 + 1000 + 2 * HOUR)
    // The input is not changed.
    expect(incident.events.time[0]).toBe(T0)
    expect(incident.series[0].time[0]).toBe(T0)
    expect(incident.crashes[0].time).toBe(T0 + 1000)
  })

  it('shares every column and item no clock touches', () => {
    const incident = twoSources()
    const out = applySourceClocks(incident, [{ offsetMs: -90_000 }])
    const e = incident.events
    expect(out.events.relative).toBe(e.relative)
    expect(out.events.source).toBe(e.source)
    expect(out.events.line).toBe(e.line)
    expect(out.events.kind).toBe(e.kind)
    expect(out.events.label).toBe(e.label)
    expect(out.records).toBe(incident.records)
    expect(out.strings).toBe(incident.strings)
    expect(out.sources).toBe(incident.sources)
    // dmesg.txt's series and crash are the same objects.
    expect(out.series[1]).toBe(incident.series[1])
    expect(out.crashes[1]).toBe(incident.crashes[1])
  })

  it('copies nothing for a clock on a source without events', () => {
    const b = new IncidentBuilder()
    b.beginSource('a.log', 1, 'a')
    b.addEvent({ time: T0, kind: EventKind.log, line: 0 })
    b.beginSource('dump.txt', 1, 'd')
    const incident = b.build()
    const out = applySourceClocks(incident, [undefined, { offsetMs: 1000 }])
    expect(out.events.time).toBe(incident.events.time)
  })

  it('anchors since-boot times at the boot time and makes them wall-clock', () => {
    const incident = twoSources()
    const boot = T0 - 60_000
    const out = applySourceClocks(incident, [undefined, { offsetMs: 0, bootTimeMs: boot }])
    expect([...out.events.time]).toEqual([T0, T0 + 1000, boot + 5000, boot + 7000])
    expect([...out.events.relative]).toEqual([0, 0, 0, 0])
    expect(incident.events.relative[2]).toBe(1)
    // The series of a source that only counts from boot is anchored too.
    expect([...out.series[1].time]).toEqual([boot + 5000])
    expect(out.series[0]).toBe(incident.series[0])
    // A crash without a time stays without one.
    expect(out.crashes[1].time).toBeUndefined()
  })

  it('adds the offset after the boot anchor, and to unanchored since-boot times', () => {
    const incident = twoSources()
    const boot = T0
    const anchored = applySourceClocks(incident, [undefined, { offsetMs: 500, bootTimeMs: boot }])
    expect([...anchored.events.time].slice(2)).toEqual([boot + 5500, boot + 7500])
    const unanchored = applySourceClocks(incident, [undefined, { offsetMs: 500 }])
    expect([...unanchored.events.time].slice(2)).toEqual([5500, 7500])
    expect(unanchored.events.relative).toBe(incident.events.relative)
  })

  it('leaves wall-clock events of an anchored source alone', () => {
    const b = new IncidentBuilder()
    b.beginSource('syslog', 1, 's')
    b.addEvent({ time: T0, kind: EventKind.log, line: 0 })
    b.addEvent({ time: 3000, relative: true, kind: EventKind.log, line: 1 })
    b.addSeriesPoint('load', T0, 1)
    const incident = b.build()
    const out = applySourceClocks(incident, [{ offsetMs: 0, bootTimeMs: T0 }])
    expect([...out.events.time]).toEqual([T0, T0 + 3000])
    // A mixed source's series is taken as wall-clock.
    expect(out.series[0]).toBe(incident.series[0])
  })

  it('keeps unknown (NaN) times unknown', () => {
    const b = new IncidentBuilder()
    b.beginSource('a', 1, 'a')
    b.addEvent({ time: NaN, kind: EventKind.log, line: 0 })
    const out = applySourceClocks(b.build(), [{ offsetMs: 1000 }])
    expect(out.events.time[0]).toBeNaN()
  })

  it('moves a million events in well under a second', () => {
    const b = new IncidentBuilder()
    b.beginSource('big.log', 1, 'big')
    for (let i = 0; i < 1_000_000; i++) b.addEvent({ time: T0 + i, kind: EventKind.log, line: i })
    const incident = b.build()
    const started = performance.now()
    const out = applySourceClocks(incident, [{ offsetMs: 1000 }])
    const ms = performance.now() - started
    expect(out.events.time[999_999]).toBe(T0 + 999_999 + 1000)
    // Tens of ms on a laptop; the bound leaves room for a loaded CI machine.
    expect(ms).toBeLessThan(500)
  })

  it('moves a source whose dates print no year to the year the team set, Dec -> Jan included', () => {
    const b = new IncidentBuilder()
    b.beginSource('messages', 10, 'fp-syslog')
    // Read as 2026-12-31 and 2027-01-01: the parser assumed 2026 for the first date.
    const dec = Date.UTC(2026, 11, 31, 23, 0)
    const jan = Date.UTC(2027, 0, 1, 1, 0)
    b.addEvent({ time: dec, kind: EventKind.log, line: 0 })
    b.addEvent({ time: jan, kind: EventKind.log, line: 1 })
    b.addSeriesPoint('goroutines', jan, 9)
    b.addCrash({
      format: 'kernel',
      kind: 'segfault',
      message: 'x',
      record: -1,
      line: 1,
      time: jan,
      details: [],
    })
    b.beginSource('app.log', 10, 'fp-app')
    b.addEvent({ time: T0, kind: EventKind.log, line: 0 })
    const incident = b.build()
    incident.sources[0].assumedYear = { first: 2026, last: 2027, from: 'today' }
    const out = applySourceClocks(incident, [
      { offsetMs: HOUR, year: 2023 },
      { offsetMs: 0, year: 2000 },
    ])
    const iso = (t: number) => new Date(t).toISOString()
    expect([...out.events.time].map(iso)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T02:00:00.000Z',
      // A source with no assumed year has no year to move.
      iso(T0),
    ])
    expect(iso(out.series[0].time[0])).toBe('2024-01-01T02:00:00.000Z')
    expect(iso(out.crashes[0].time!)).toBe('2024-01-01T02:00:00.000Z')
  })
})
