import type { Incident } from '../../model/types'
import { selectMetricSeries } from './metrics'

/**
 * What `npm run parse -- FILE --json` reports about the timeline: the wall-clock span of the
 * events and the metric series worth a chart.
 */

/**
 * The first and last wall-clock event times as ISO 8601 UTC strings, or null when no event
 * has one. Events timed since boot or start (`relative`) and unknown times (NaN) are left
 * out: they cannot be placed on a calendar.
 */
export function computeTimeRange(incident: Incident): [string, string] | null {
  const { time, relative, length } = incident.events
  let first = Infinity
  let last = -Infinity
  for (let i = 0; i < length; i++) {
    if (relative[i] === 1) continue
    const t = time[i]
    // Beyond ±8.64e15 ms a Date is invalid (and no log was written then).
    if (!(Math.abs(t) <= 8.64e15)) continue
    if (t < first) first = t
    if (t > last) last = t
  }
  if (first === Infinity) return null
  return [new Date(first).toISOString(), new Date(last).toISOString()]
}

/** Names of the metric series worth a chart (see `selectMetricSeries`), each once, in order. */
export function getSeriesNames(incident: Incident): string[] {
  return [...new Set(selectMetricSeries(incident).map((s) => s.name))]
}
