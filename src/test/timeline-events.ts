import { IncidentBuilder } from '../model/builder'
import { EventKind, Level } from '../model/types'

/** An event of a test log: its time, and its level and kind when not an info log line. */
export type TestEvent = { t: number; level?: number; kind?: number; relative?: boolean }

/** An incident of one log whose n-th event is its line n. */
export function incidentWithEvents(events: readonly TestEvent[]) {
  const b = new IncidentBuilder()
  b.beginSource('log.txt', 0, '')
  events.forEach((e, line) =>
    b.addEvent({
      time: e.t,
      level: (e.level ?? Level.info) as never,
      kind: (e.kind ?? EventKind.log) as never,
      relative: e.relative,
      line,
    }),
  )
  return b.build()
}
