import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../../model/builder'
import { EventKind, Level } from '../../model/types'
import { getEventsInRange } from './event-order'

function incidentOf(times: number[]) {
  const b = new IncidentBuilder()
  b.beginSource('log.txt', 0, '')
  times.forEach((time, line) =>
    b.addEvent({ time, level: Level.info as never, kind: EventKind.log as never, line }),
  )
  return b.build()
}

// Events in time order are read as one run of indices; an undated event appended takes them
// out of order, so the same question is answered by a look at each event, to compare.
describe('getEventsInRange over events in time order', () => {
  let t = Date.UTC(2026, 2, 14)
  // Runs of equal times, so range edges fall on ties.
  const times = Array.from({ length: 20_000 }, (_, i) => (t += i % 3 === 0 ? 0 : (i * 37) % 500))
  const ordered = incidentOf(times)
  const scanned = incidentOf([...times, NaN])
  const last = times[times.length - 1]

  it.each([
    [null],
    [[times[3000], times[15_000]]],
    [[times[3000] + 1, times[3000] + 1]],
    [[last + 1, last + 2]],
    [[times[9000], times[8000]]],
  ] as ([number, number] | null)[][])('lists the same events in range %j', (range) => {
    const byIndex = [...getEventsInRange(ordered, 'absolute', range)]
    expect(byIndex).toEqual([...getEventsInRange(scanned, 'absolute', range)])
  })

  it('lists none on the other clock', () => {
    expect(getEventsInRange(ordered, 'relative', null).length).toBe(0)
  })
})
