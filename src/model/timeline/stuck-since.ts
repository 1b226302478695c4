import type { Group } from '../group'
import type { Incident, Milliseconds } from '../types'
import { eventClockInOrder } from './time-order'

export type StuckSince = {
  /** Largest wait seen, in minutes: the axis runs from -maxMinutes to 0 (the crash). */
  maxMinutes: number
  /**
   * Per group (same order as given, the first `maxGroups` that wait): how many members got
   * stuck N minutes before the crash, and how many say how long they waited (`waiting`; Go
   * prints no minutes under one, so a group's count may be more).
   */
  perGroup: (StuckBand & { group: Group })[]
  /**
   * The waiting goroutines of the groups after those: one band, so that the chart's height is
   * every goroutine that says how long it waited, not those of the largest groups alone.
   */
  rest: (StuckBand & { groups: number }) | null
  /** When the dump was taken, if the input says (a crash time or the last timestamped line). */
  crashTime: Milliseconds | null
  /** `crashTime` is the last dated line before the dump, not the dump's own time. */
  approx: boolean
  /** No line dates this dump: `crashTime` is the last dated line of all the inputs. */
  assumed: boolean
  /** `crashTime` is the time the team set for the dump ("dump taken at"). */
  set: boolean
}

/** Members per wait minute (index: minutes before the dump), and how many in all. */
export type StuckBand = { byMinute: Float64Array; waiting: number }

/** When one dump was taken, as well as the input (or the team) tells. */
export type DumpAnchor = { time: Milliseconds; approx: boolean; assumed: boolean; set?: boolean }

/**
 * When goroutines got stuck. The Go runtime prints `[semacquire, 27 minutes]`: blocked 27
 * minutes before the dump. Counting members per wait minute shows when a leak began, as
 * "crash − N minutes", or as clock time when the crash time is known.
 */
export function computeStuckSince(
  incident: Incident,
  groups: readonly Group[],
  maxGroups = 6,
  anchor: DumpAnchor | null = getDumpAnchor(incident, null),
): StuckSince | null {
  const waiting = groups.filter((g) => g.waitMinutes !== null)
  if (waiting.length === 0) return null
  let maxMinutes = 0
  for (const g of waiting) maxMinutes = Math.max(maxMinutes, g.waitMinutes![1])
  const { waitMinutes, count } = incident.records
  const addTo = (band: StuckBand, group: Group) => {
    for (let k = 0; k < group.records.length; k++) {
      const r = group.records[k]
      const w = waitMinutes[r]
      if (w < 0) continue
      band.byMinute[Math.min(maxMinutes, Math.round(w))] += count[r]
      band.waiting += count[r]
    }
  }
  const band = (): StuckBand => ({ byMinute: new Float64Array(maxMinutes + 1), waiting: 0 })
  const perGroup = waiting.slice(0, maxGroups).map((group) => {
    const b = { ...band(), group }
    addTo(b, group)
    return b
  })
  const others = waiting.slice(maxGroups)
  const rest = others.length > 0 ? { ...band(), groups: others.length } : null
  if (rest) for (const group of others) addTo(rest, group)
  return {
    maxMinutes,
    perGroup,
    rest,
    crashTime: anchor?.time ?? null,
    approx: anchor?.approx ?? false,
    assumed: anchor?.assumed ?? false,
    set: anchor?.set ?? false,
  }
}

/**
 * The moment a dump's waits count back from: the dump's own time (its crash's), so three dumps
 * taken at 12:47, 16:31 and 19:58 are each placed at their own time; else the time the team
 * set (`takenAt`, "dump taken at"); else the dated line just before the dump (approximate).
 * `dump` is the snapshot shown; with none of these, the last dated line of the inputs stands
 * in, marked assumed.
 */
export function getDumpAnchor(
  incident: Incident,
  dump: number | null,
  takenAt?: Milliseconds,
): DumpAnchor | null {
  const snapshot = dump === null ? undefined : incident.snapshots[dump]
  if (snapshot?.kind === 'dump') {
    const dated = snapshot.time !== undefined && Number.isFinite(snapshot.time)
    if (dated && snapshot.timeApprox !== true)
      return { time: snapshot.time!, approx: false, assumed: false }
    if (takenAt !== undefined && Number.isFinite(takenAt))
      return { time: takenAt, approx: false, assumed: false, set: true }
    if (dated) return { time: snapshot.time!, approx: true, assumed: false }
  } else {
    for (const c of incident.crashes)
      if (c.time !== undefined && Number.isFinite(c.time))
        return { time: c.time, approx: false, assumed: false }
  }
  const last = getCrashTime(incident)
  return last === null ? null : { time: last, approx: true, assumed: true }
}

/** The crash's own time, else the last wall-clock event (a dump is printed as the process dies). */
export function getCrashTime(incident: Incident): Milliseconds | null {
  for (const c of incident.crashes) if (c.time !== undefined && !Number.isNaN(c.time)) return c.time
  const { time, relative, length } = incident.events
  const inOrder = eventClockInOrder(incident.events)
  // In time order, the last event is the latest.
  if (inOrder)
    return inOrder === 'absolute' && Number.isFinite(time[length - 1]) ? time[length - 1] : null
  let last = -Infinity
  for (let i = 0; i < length; i++) if (relative[i] === 0 && time[i] > last) last = time[i]
  return Number.isFinite(last) ? last : null
}
