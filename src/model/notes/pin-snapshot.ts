/**
 * A group or a frame pinned from an input with several snapshots (dumps of one service,
 * memleak's snapshots) is evidence of that snapshot: its card keeps the figures it was pinned
 * with when another snapshot is shown, and says which snapshot they are of.
 */
import { getChosenSnapshot, getSnapshotPosition, hasSnapshotChoice } from '../snapshot-view'
import type { Incident } from '../types'
import type { Pin, PinTarget } from './types'

/** The snapshot a target is pinned with: the one shown, for a group or a frame of an input
 *  with a choice of snapshots; undefined otherwise. */
export function pinnedSnapshot(
  incident: Incident | null,
  chosen: number | null,
  target: PinTarget,
): number | undefined {
  if (!incident || (target.type !== 'group' && target.type !== 'frame')) return undefined
  if (!hasSnapshotChoice(incident)) return undefined
  return getChosenSnapshot(incident, chosen) ?? undefined
}

/** The snapshot a pin's figures are of, when the loaded input has it; else null (the pin then
 *  reads the snapshot shown, as pins of another input or before snapshots were kept do). */
export function snapshotOfPin(incident: Incident | null, pin: Pin): number | null {
  const s = pin.snapshot
  if (s === undefined || !incident || !hasSnapshotChoice(incident)) return null
  return getChosenSnapshot(incident, s) === s ? s : null
}

/** Which snapshot, for the card: `snapshot 3 of 10 (17:36:55)`. */
export function pinSnapshotText(incident: Incident, snapshot: number): string {
  const position = getSnapshotPosition(incident, snapshot)
  const label = incident.snapshots[snapshot]?.label
  const where = position ? `snapshot ${position.index + 1} of ${position.count}` : 'snapshot'
  return label ? `${where} (${label})` : where
}
