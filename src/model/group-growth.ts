import { computeGroups, type Group, type GroupMode } from './group'
import { OneRecordGroup } from './one-record-group'
import { getSnapshotSeries } from './snapshot-view'
import type { Incident } from './types'

/** A group's weight in one snapshot of its series. */
export type SnapshotWeight = {
  /** Index into `incident.snapshots`. */
  snapshot: number
  count: number
  bytes: number
  allocations: number
}

/**
 * Each group's weight in every snapshot of its series, keyed by group key: the growth of a
 * goroutine leak across dumps, or of a stack's outstanding bytes across memleak snapshots.
 * Group keys name stacks, states or sites, not records, so a key means the same group in
 * every snapshot and the shown snapshot's groups look their history up here.
 */
export function computeGroupGrowth(
  incident: Incident,
  mode: GroupMode,
  /** The incident's groups in this mode, when the caller holds them already. */
  groups: readonly Group[] = computeGroups(incident, mode),
  /** The snapshots shown (getShownSnapshots): a group's history is that of their series. */
  shown?: ReadonlySet<number>,
): Map<string, SnapshotWeight[]> {
  const growthOf = makeGrowthOf(incident, shown)
  const out = new Map<string, SnapshotWeight[]>()
  for (const group of groups) out.set(group.key, growthOf(group))
  return out
}

/**
 * A group's weight in every snapshot of its series, for one group at a time: a caller that
 * holds the incident's own groups needs no lookup by key, and one that writes groups out one
 * by one keeps none of it (a million groups' rows held at once cost more than the groups).
 *
 * The same stack can appear in several runs of a tool (the three runs of bcc's memleak
 * example all leak from `main`): its history is that of the run shown, when `shown` names
 * the snapshots shown, never the first run it appears in.
 */
export function makeGrowthOf(
  incident: Incident,
  shown?: ReadonlySet<number>,
): (group: Group) => SnapshotWeight[] {
  if (incident.snapshots.length === 0) return () => []
  const seriesOf = new Map<number, number[]>()
  for (const series of getSnapshotSeries(incident))
    for (const s of series.snapshots) seriesOf.set(s, series.snapshots)
  const inShownSeries = new Set<number>()
  if (shown)
    for (const s of shown) for (const member of seriesOf.get(s) ?? []) inShownSeries.add(member)
  // Without the snapshots shown, a group's series is that of its first record in one.
  const isOfSeriesShown = (snapshot: number) =>
    snapshot >= 0 && (!shown || inShownSeries.has(snapshot))
  const r = incident.records
  const addRecord = (rows: SnapshotWeight[], snapshots: number[], i: number) => {
    // A series holds a handful of snapshots: a search costs less than a map per group.
    const row = rows[snapshots.indexOf(r.snapshot[i])]
    if (!row) return
    row.count += r.count[i]
    row.bytes += r.bytes[i]
    row.allocations += r.allocations[i]
  }
  const rowsOf = (snapshots: number[]) =>
    snapshots.map((snapshot) => ({ snapshot, count: 0, bytes: 0, allocations: 0 }))
  return (group) => {
    if (group instanceof OneRecordGroup) {
      // Its record is at hand: asking a group of one for its records makes a view of them,
      // and a million distinct stacks are a million such groups.
      const i = group.record
      const snapshots = isOfSeriesShown(r.snapshot[i]) ? (seriesOf.get(r.snapshot[i]) ?? []) : []
      const rows = rowsOf(snapshots)
      addRecord(rows, snapshots, i)
      return rows
    }
    let first = -1
    for (let k = 0; k < group.records.length && first === -1; k++)
      if (isOfSeriesShown(r.snapshot[group.records[k]])) first = group.records[k]
    const snapshots = first === -1 ? [] : (seriesOf.get(r.snapshot[first]) ?? [])
    const rows = rowsOf(snapshots)
    for (let k = 0; k < group.records.length; k++) addRecord(rows, snapshots, group.records[k])
    return rows
  }
}
