import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from './builder'
import { LOG_EVENT_BATCH } from './log-event-batch'
import { EventKind, Level } from './types'

/** The event table built by `add` for each of `count` lines, as plain rows. */
function eventsOf(count: number, add: (b: IncidentBuilder, i: number) => void) {
  const b = new IncidentBuilder()
  b.beginSource('a.log', 0, '')
  for (let i = 0; i < count; i++) {
    // A second source half way, and events added alone among the batched ones.
    if (i === count >> 1) b.beginSource('b.log', 0, '')
    if (i % 700 === 5) b.addEvent({ time: i, kind: EventKind.restart, level: Level.warn, line: i })
    add(b, i)
    if (i % 900 === 7) expect(b.eventCount).toBe(i + 1 + Math.floor((i + 695) / 700))
  }
  const e = b.build().events
  return Array.from({ length: e.length }, (_, i) =>
    [e.time[i], e.relative[i], e.kind[i], e.level[i], e.source[i], e.line[i], e.label[i]].join(),
  )
}

describe('IncidentBuilder.addLogEvent', () => {
  it.each([0, 1, LOG_EVENT_BATCH - 1, LOG_EVENT_BATCH, 3 * LOG_EVENT_BATCH + 5])(
    'builds the events of %i lines as addEvent does, in their order',
    (count) => {
      const level = (i: number) => [Level.info, Level.debug, Level.error][i % 3]
      const time = (i: number) => 1.7e12 + i * 3.5
      const alone = eventsOf(count, (b, i) =>
        b.addEvent({ time: time(i), kind: EventKind.log, level: level(i), line: i }),
      )
      expect(eventsOf(count, (b, i) => b.addLogEvent(time(i), level(i), i))).toEqual(alone)
    },
  )
})
