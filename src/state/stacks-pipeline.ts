import type { SourceClockSetting } from '../model/notes/types'
import type { Transform } from '../model/transforms/types'
import type { Incident } from '../model/types'
import { getShownIncident, getTransformedIncident } from './selectors'
import { getTimeFilter, type BrushedRecords } from './time-filter'

/** The incident at each step of what Stacks and Flame read. */
export type StacksIncidents = {
  /** Parsed, then the transform stack: stacks rewritten, records of drop and focus gone. */
  rewritten: Incident
  /** What the brushed range did to those records, or null without a range. */
  brushed: BrushedRecords | null
  /** Then the brushed range: every snapshot (flame diffs, group growth, the comparison). */
  narrowed: Incident
  /** Then the snapshot shown: the table, the flame graph, their exports. */
  shown: Incident
  /** The snapshot shown through the transforms, whatever the range: the pane's pins. */
  rewrittenShown: Incident
}

/**
 * One order for every view: the parsed incident → transforms → brushed range → snapshot
 * (→ grouping, in the views). Each step is memoised on its inputs, so each member is the same
 * object while they are unchanged and the views' memos (groups, flame trees) hold.
 */
export function getStacksIncidents(
  incident: Incident,
  transforms: readonly Transform[],
  clocks: readonly SourceClockSetting[],
  range: readonly [number, number] | null,
  snapshot: number | null,
): StacksIncidents {
  const rewritten = getTransformedIncident(incident, transforms)
  const brushed = getTimeFilter(rewritten, clocks, range)
  const narrowed = brushed?.incident ?? rewritten
  return {
    rewritten,
    brushed,
    narrowed,
    shown: getShownIncident(narrowed, snapshot),
    rewrittenShown: getShownIncident(rewritten, snapshot),
  }
}
