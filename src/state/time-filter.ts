import type { SourceClockSetting } from '../model/notes/types'
import { computeTimeAxis } from '../model/timeline/histogram'
import {
  computeRecordTimes,
  filterRecordsByTime,
  type TimeFilter,
} from '../model/timeline/time-filter'
import type { Incident } from '../model/types'
import { getClockedIncident } from './selectors'

/** The brush's effect on the records, and the clock its range is on. */
export type BrushedRecords = TimeFilter & { clock: 'absolute' | 'relative' }

// The records' times on the timeline's clock, recomputed only when the clocks change.
let timesFor: Incident | null = null
let times: { times: Float64Array; clock: 'absolute' | 'relative' } = {
  times: new Float64Array(0),
  clock: 'absolute',
}

function getRecordTimes(clocked: Incident): typeof times {
  if (clocked !== timesFor) {
    const axis = computeTimeAxis(clocked)
    times = axis
      ? { times: computeRecordTimes(clocked, axis.clock), clock: axis.clock }
      : { times: new Float64Array(clocked.records.length).fill(NaN), clock: 'absolute' }
    timesFor = clocked
  }
  return times
}

let last: {
  incident: Incident
  clocks: unknown
  range: unknown
  result: BrushedRecords | null
} | null = null

/**
 * The timeline's brushed range applied to the records that Stacks and Flame show, or null
 * when no range is brushed. The same object while the inputs are the same, so the views'
 * memos (groups, flame trees) hold. Times are read through the sources' clock settings, as
 * the timeline draws them.
 */
export function getTimeFilter(
  incident: Incident,
  clocks: readonly SourceClockSetting[],
  range: readonly [number, number] | null,
): BrushedRecords | null {
  if (last && last.incident === incident && last.clocks === clocks && last.range === range) {
    return last.result
  }
  let result: BrushedRecords | null = null
  if (range) {
    const { times, clock } = getRecordTimes(getClockedIncident(incident, clocks))
    result = { ...filterRecordsByTime(incident, times, range), clock }
  }
  last = { incident, clocks, range, result }
  return result
}
