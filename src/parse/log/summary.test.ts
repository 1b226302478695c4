import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../../model/builder'
import { EventKind } from '../../model/types'
import { computeTimeRange, getSeriesNames } from './summary'

function incident(build: (b: IncidentBuilder) => void) {
  const b = new IncidentBuilder()
  b.beginSource('a.log', 0, '')
  build(b)
  return b.build()
}

describe('computeTimeRange', () => {
  it('spans the earliest and latest wall-clock events, in any order', () => {
    const i = incident((b) => {
      b.addEvent({ time: Date.UTC(2015, 2, 14, 8, 23, 33), kind: EventKind.log, line: 0 })
      b.addEvent({ time: Date.UTC(2015, 2, 14, 8, 0, 0), kind: EventKind.log, line: 1 })
      b.addEvent({ time: 4838261071, relative: true, kind: EventKind.segfault, line: 2 })
      b.addEvent({ time: NaN, kind: EventKind.crash, line: 3 })
    })
    expect(computeTimeRange(i)).toEqual(['2015-03-14T08:00:00.000Z', '2015-03-14T08:23:33.000Z'])
  })

  it.each([
    ['no events', () => {}],
    [
      'only relative events',
      (b: IncidentBuilder) => b.addEvent({ time: 5, relative: true, kind: EventKind.log, line: 0 }),
    ],
    [
      'only unknown times',
      (b: IncidentBuilder) => b.addEvent({ time: NaN, kind: EventKind.crash, line: 0 }),
    ],
    [
      'an out-of-range time',
      (b: IncidentBuilder) => b.addEvent({ time: 1e300, kind: EventKind.log, line: 0 }),
    ],
  ])('is null with %s', (_name, build) => {
    expect(computeTimeRange(incident(build))).toBeNull()
  })
})

describe('getSeriesNames', () => {
  it('names the series worth a chart, each once', () => {
    const i = incident((b) => {
      b.addSeriesPoint('goroutines', 1, 9)
      b.addSeriesPoint('goroutines', 2, 250)
      b.addSeriesPoint('noise', 3, 1)
    })
    expect(getSeriesNames(i)).toEqual(['goroutines'])
  })
})
