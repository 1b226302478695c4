import type { DiffInputs } from './flame/diff'
import { getDefaultDiffInputs, isRecordInSide } from './flame/diff'
import type { Group } from './group'
import { getShownSeries, getSnapshotSeries } from './snapshot-view'
import type { Incident } from './types'

/** One side's weight of a group. */
export type SideWeight = { count: number; bytes: number }

/** A group in a comparison: its weight in each side and the change. */
export type GroupChange = {
  group: Group
  before: SideWeight
  after: SideWeight
  /** `after - before`, per weight. */
  change: SideWeight
}

/**
 * Group by group, what each of two inputs (two dumps of one service, or two snapshots of one
 * report) holds, sorted by growth: the goroutine-leak and memory-leak question "what grew
 * between 12:47 and 19:58?". Groups come from the incident holding both sides, so a stack
 * present in both is one row. Growth is measured in bytes when the input weighs bytes, else in
 * count; ties go to the larger group after. Groups in neither side are left out.
 */
export function computeGroupComparison(
  incident: Incident,
  groups: readonly Group[],
  inputs: DiffInputs,
): GroupChange[] {
  const r = incident.records
  const rows: GroupChange[] = []
  let anyBytes = false
  for (const group of groups) {
    const before = { count: 0, bytes: 0 }
    const after = { count: 0, bytes: 0 }
    for (let k = 0; k < group.records.length; k++) {
      const i = group.records[k]
      const side = isRecordInSide(incident, inputs, 'before', i)
        ? before
        : isRecordInSide(incident, inputs, 'after', i)
          ? after
          : null
      if (!side) continue
      side.count += r.count[i]
      side.bytes += r.bytes[i]
    }
    if (before.count === 0 && after.count === 0 && before.bytes === 0 && after.bytes === 0) continue
    if (before.bytes || after.bytes) anyBytes = true
    rows.push({
      group,
      before,
      after,
      change: { count: after.count - before.count, bytes: after.bytes - before.bytes },
    })
  }
  const weight = anyBytes ? 'bytes' : 'count'
  return rows.sort(
    (a, b) =>
      b.change[weight] - a.change[weight] ||
      b.after[weight] - a.after[weight] ||
      a.group.records[0] - b.group.records[0],
  )
}

/**
 * The two sides a comparison starts with. Snapshots of one series come first (the dumps of a
 * service, the memleak snapshots of one run): the first of the series holding `shown` (else the
 * first series with several) against `shown`, or against its last when `shown` is the first.
 * Without such a series, two inputs (or the first and last snapshot), as the flame diff offers.
 * A side is never the sum of two snapshots of one series: that counts one goroutine twice.
 */
export function getDefaultComparison(incident: Incident, shown: number | null): DiffInputs | null {
  const series = getShownSeries(incident, shown)
  if (!series) return getDefaultDiffInputs(incident)
  const first = series.snapshots[0]
  const after = shown !== null && shown !== first && series.snapshots.includes(shown) ? shown : null
  return { type: 'snapshots', before: first, after: after ?? series.snapshots.at(-1)! }
}

/**
 * The comparison after one side is picked: a snapshot of another series takes the other side
 * along to that series (its first or last snapshot), so the two sides stay one series.
 */
export function pickComparisonSide(
  incident: Incident,
  inputs: DiffInputs,
  side: 'before' | 'after',
  value: number,
): DiffInputs {
  const picked = { ...inputs, [side]: value }
  if (inputs.type !== 'snapshots') return picked
  const series = getSnapshotSeries(incident).find((s) => s.snapshots.includes(value))
  const other = side === 'before' ? 'after' : 'before'
  if (!series || series.snapshots.includes(inputs[other])) return picked
  return { ...picked, [other]: side === 'before' ? series.snapshots.at(-1)! : series.snapshots[0] }
}
