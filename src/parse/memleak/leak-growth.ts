import type { Incident, IndexIntoStackTable } from '../../model/types'
import { NONE } from '../../model/types'

/** One stack's outstanding allocations across the snapshots of one memleak run. */
export type LeakGrowthRow = {
  /** The stack's leaf node: records with equal stacks share it. */
  stack: IndexIntoStackTable
  /** Bytes per snapshot of the run, in order; null where the stack was not printed. */
  bytes: (number | null)[]
  /** Allocations per snapshot of the run; null where the stack was not printed. */
  allocations: (number | null)[]
  /** Last printed value minus first printed value. */
  bytesDelta: number
  allocationsDelta: number
  /**
   * Growth since the tool attached: the last printed value. memleak only counts allocations
   * made after it attached, so every stack starts the run at 0 outstanding.
   */
  bytesSinceStart: number
  allocationsSinceStart: number
  /**
   * Never shrinks: starting from 0 at attach, every printed value is >= the one before, the
   * stack is printed in the last snapshot, and it holds something there (bytes or
   * allocations > 0). A stack that holds 6261 zero-byte allocations still grows.
   */
  onlyGrows: boolean
}

/** The snapshots of one run (one memleak region of one source) and their rows. */
export type LeakGrowthRun = {
  source: number
  /** Indices into `incident.snapshots`, in printed order. */
  snapshots: number[]
  /** Biggest growth first (bytes since start, then allocations). */
  rows: LeakGrowthRow[]
}

/**
 * Which stacks grew between the snapshots of each memleak run, and by how much.
 *
 * A run is the snapshots of one `memleak` region of a source (the reader ends a region at a
 * second `Attaching to` line); snapshots outside any region of that format form one run per
 * source. Pure: reads only the incident.
 */
export function computeLeakGrowth(incident: Incident, format = 'memleak'): LeakGrowthRun[] {
  const runs: LeakGrowthRun[] = []
  const runByKey = new Map<string, LeakGrowthRun>()
  const runOfSnapshot = new Map<number, LeakGrowthRun>()
  incident.snapshots.forEach((snap, index) => {
    const source = incident.sources[snap.source]
    const regionIndex = source
      ? source.regions.findIndex(
          (r) => r.format === format && r.firstLine <= snap.line && snap.line <= r.lastLine,
        )
      : -1
    // -1: a snapshot outside any region of the format, one loose run per source.
    const key = `${snap.source}:${regionIndex}`
    let run = runByKey.get(key)
    if (!run) {
      run = { source: snap.source, snapshots: [], rows: [] }
      runByKey.set(key, run)
      runs.push(run)
    }
    run.snapshots.push(index)
    runOfSnapshot.set(index, run)
  })

  // Sum each stack's records per snapshot (a stack printed twice in one snapshot adds up).
  const perRun = new Map<LeakGrowthRun, Map<IndexIntoStackTable, LeakGrowthRow>>()
  const r = incident.records
  for (let i = 0; i < r.length; i++) {
    const snap = r.snapshot[i]
    const run = runOfSnapshot.get(snap)
    if (!run) continue
    let rows = perRun.get(run)
    if (!rows) perRun.set(run, (rows = new Map()))
    const stack = r.stack[i]
    let row = rows.get(stack)
    if (!row) {
      const empty = () => run.snapshots.map((): number | null => null)
      row = {
        stack: stack === NONE ? NONE : stack,
        bytes: empty(),
        allocations: empty(),
        bytesDelta: 0,
        allocationsDelta: 0,
        bytesSinceStart: 0,
        allocationsSinceStart: 0,
        onlyGrows: false,
      }
      rows.set(stack, row)
    }
    const at = run.snapshots.indexOf(snap)
    row.bytes[at] = (row.bytes[at] ?? 0) + r.bytes[i]
    row.allocations[at] = (row.allocations[at] ?? 0) + r.allocations[i]
  }

  for (const run of runs) {
    const rows = [...(perRun.get(run)?.values() ?? [])]
    for (const row of rows) summarise(row)
    rows.sort(
      (a, b) =>
        b.bytesSinceStart - a.bytesSinceStart ||
        b.allocationsSinceStart - a.allocationsSinceStart ||
        a.stack - b.stack,
    )
    run.rows = rows
  }
  return runs
}

function summarise(row: LeakGrowthRow): void {
  const printed = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null)
  const bytes = printed(row.bytes)
  const allocations = printed(row.allocations)
  if (bytes.length === 0) return
  row.bytesDelta = bytes[bytes.length - 1] - bytes[0]
  row.allocationsDelta = allocations[allocations.length - 1] - allocations[0]
  row.bytesSinceStart = bytes[bytes.length - 1]
  row.allocationsSinceStart = allocations[allocations.length - 1]
  const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1])
  const last = row.bytes.length - 1
  row.onlyGrows =
    row.bytes[last] !== null &&
    nonDecreasing(bytes) &&
    nonDecreasing(allocations) &&
    (row.bytesSinceStart > 0 || row.allocationsSinceStart > 0)
}
