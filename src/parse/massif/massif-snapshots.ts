import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoStackTable } from '../../model/types'
import { EventKind, Level } from '../../model/types'

/** One massif snapshot as read, before it is added to the model. */
export type MassifSnapshot = {
  /** massif's own snapshot number. */
  index: number
  /** In the file's `time_unit`: instructions (`i`), milliseconds (`ms`) or bytes (`B`). */
  time: number
  /** Useful heap, allocator overhead ("extra") and stacks, in bytes. */
  heap: number
  extra: number
  stacks: number
  /** `empty`, `detailed` or `peak` (a detailed snapshot taken at the peak). */
  tree: string
  line: number
  /** Allocation sites of a detailed snapshot: bytes a tree node holds beyond its children. */
  sites: { stack: IndexIntoStackTable; bytes: number; line: number }[]
}

/**
 * Adds a run's snapshots: each becomes a model snapshot weighing its total (heap + extra +
 * stacks, the `total(B)` column ms_print draws), and each detailed one adds its sites as
 * records of that snapshot, so the snapshot picker shows one tree at a time and two
 * snapshots diff as before/after. The peak is the snapshot massif marked `peak`, else (as in
 * heaptrack's output) the largest total; its label says so.
 */
export function addMassifSnapshots(
  b: IncidentBuilder,
  snapshots: readonly MassifSnapshot[],
  run: { timeUnit: string; command?: string; tool: string },
): void {
  if (snapshots.length === 0) return
  let peak = snapshots.findIndex((s) => s.tree === 'peak')
  if (peak < 0) {
    peak = 0
    snapshots.forEach((s, i) => {
      if (total(s) > total(snapshots[peak])) peak = i
    })
  }
  snapshots.forEach((s, i) => {
    const label = `snapshot ${s.index}${i === peak ? ' (peak)' : ''} at ${s.time} ${run.timeUnit}`
    const index = b.addSnapshot({
      label,
      bytes: total(s),
      allocations: 0,
      line: s.line,
      ...(s.tree === 'empty' ? { totalsOnly: true } : {}),
    })
    if (i === peak) {
      b.addEvent({
        // Only a `ms` time unit is a clock; instructions and bytes have no place on a timeline.
        time: run.timeUnit === 'ms' ? s.time : NaN,
        relative: true,
        kind: EventKind.snapshot,
        level: Level.info,
        line: s.line,
        label: `${run.tool} peak: ${total(s)} bytes (heap ${s.heap}, extra ${s.extra}, stacks ${s.stacks})${run.command ? ` in ${run.command}` : ''}`,
      })
    }
    for (const site of s.sites) {
      b.addRecord({
        stack: site.stack,
        state: i === peak ? 'peak' : 'heap',
        count: 1,
        bytes: site.bytes,
        snapshot: index,
        line: site.line,
      })
    }
  })
}

function total(s: MassifSnapshot): number {
  return s.heap + s.extra + s.stacks
}
