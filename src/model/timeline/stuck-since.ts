import type { Group } from '../group'
import type { Incident, Milliseconds } from '../types'

export type StuckSince = {
  /** Largest wait seen, in minutes: the axis runs from -maxMinutes to 0 (the crash). */
  maxMinutes: number
  /** Per group (same order as given): how many members got stuck N minutes before the crash. */
  perGroup: { group: Group; byMinute: Float64Array }[]
  /** When the dump was taken, if the input says (a crash time or the last timestamped line). */
  crashTime: Milliseconds | null
}

/**
 * When goroutines got stuck. The Go runtime prints `[semacquire, 27 minutes]`: blocked 27
 * minutes before the dump. Counting members per wait minute shows when a leak began, as
 * "crash − N minutes", or as clock time when the crash time is known.
 */
export function computeStuckSince(
  incident: Incident,
  groups: readonly Group[],
  maxGroups = 6,
): StuckSince | null {
  const waiting = groups.filter((g) => g.waitMinutes !== null).slice(0, maxGroups)
  if (waiting.length === 0) return null
  const maxMinutes = Math.max(...waiting.map((g) => g.waitMinutes![1]))
  const perGroup = waiting.map((group) => {
    const byMinute = new Float64Array(maxMinutes + 1)
    const { waitMinutes, count } = incident.records
    for (let k = 0; k < group.records.length; k++) {
      const r = group.records[k]
      const w = waitMinutes[r]
      if (w >= 0) byMinute[Math.min(maxMinutes, Math.round(w))] += count[r]
    }
    return { group, byMinute }
  })
  return { maxMinutes, perGroup, crashTime: getCrashTime(incident) }
}

/** The crash's own time, else the last wall-clock event (a dump is printed as the process dies). */
export function getCrashTime(incident: Incident): Milliseconds | null {
  for (const c of incident.crashes) if (c.time !== undefined && !Number.isNaN(c.time)) return c.time
  const { time, relative, length } = incident.events
  let last = -Infinity
  for (let i = 0; i < length; i++) if (relative[i] === 0 && time[i] > last) last = time[i]
  return Number.isFinite(last) ? last : null
}
