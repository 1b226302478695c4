import type { Incident, IndexIntoStringTable } from '../types'
import { getShownSeries } from '../snapshot-view'
import type { CallTree } from './call-tree'

/** Which two parts of one incident a differential flame graph compares. */
export type DiffInputs =
  /** Two files dropped together: records of source `before` vs source `after`. */
  | { type: 'sources'; before: number; after: number }
  /** One file with several snapshots (memleak): snapshot `before` vs snapshot `after`. */
  | { type: 'snapshots'; before: number; after: number }

/**
 * The comparison an incident offers by default: the first two sources when two files were
 * loaded, else the first and last snapshot of one series (a memleak run, a service's dumps),
 * else null.
 */
export function getDefaultDiffInputs(
  incident: Incident,
  /** The snapshot shown: its series is compared first to last. */
  shown: number | null = null,
): DiffInputs | null {
  const { records } = incident
  if (incident.sources.length >= 2) {
    const seen = new Set<number>()
    for (let i = 0; i < records.length; i++) seen.add(records.source[i])
    const withRecords = [...seen].sort((a, b) => a - b)
    if (withRecords.length >= 2) {
      return { type: 'sources', before: withRecords[0], after: withRecords[withRecords.length - 1] }
    }
  }
  // The first and last snapshot of one series (of the shown one, else the first): the first
  // and last of a file of several runs were two runs of the tool, not a change over time.
  const series = getShownSeries(incident, shown)
  return series
    ? { type: 'snapshots', before: series.snapshots[0], after: series.snapshots.at(-1)! }
    : null
}

/** Whether record `r` belongs to one side of a comparison. */
export function isRecordInSide(
  incident: Incident,
  inputs: DiffInputs,
  side: 'before' | 'after',
  r: number,
): boolean {
  const want = inputs[side]
  return inputs.type === 'sources'
    ? incident.records.source[r] === want
    : incident.records.snapshot[r] === want
}

/** One row of "largest changes": a function's weight before and after. */
export type DiffRow = {
  func: IndexIntoStringTable
  before: number
  after: number
  delta: number
  /** Change of the function's self weight: where the change sits, not what it passes through. */
  selfDelta: number
  /**
   * Callers that changed by exactly as much (the same +11 MB passing up one stack), folded
   * into this row; nearest first.
   */
  via: IndexIntoStringTable[]
}

/**
 * Per function, the total weight before and after (outermost calls only, so recursion does not
 * count twice), largest absolute change first; ties go to the function whose own (self) weight
 * changed, so a leak's allocation site comes before the callers it passes through.
 */
export function computeDiffTable(incident: Incident, tree: CallTree, limit = 50): DiffRow[] {
  if (!tree.baseTotal) return []
  const funcOf = incident.frames.func
  const before = new Map<number, number>()
  const after = new Map<number, number>()
  const selfDelta = new Map<number, number>()
  for (let i = 1; i < tree.length; i++) {
    const func = funcOf[tree.frame[i]]
    selfDelta.set(func, (selfDelta.get(func) ?? 0) + tree.self[i] - tree.baseSelf![i])
    let recursive = false
    for (let p = tree.parent[i]; p > 0; p = tree.parent[p]) {
      if (funcOf[tree.frame[p]] === func) {
        recursive = true
        break
      }
    }
    if (recursive) continue
    before.set(func, (before.get(func) ?? 0) + tree.baseTotal[i])
    after.set(func, (after.get(func) ?? 0) + tree.total[i])
  }
  const rows: DiffRow[] = []
  for (const [func, a] of after) {
    const b = before.get(func) ?? 0
    // Scaled (normalised) baselines carry rounding noise; that is not a change.
    if (Math.abs(a - b) > 1e-9 * Math.max(a, b))
      rows.push({
        func,
        before: b,
        after: a,
        delta: a - b,
        selfDelta: selfDelta.get(func)!,
        via: [],
      })
  }
  // A change shows in every caller too; among equal changes, the function where it sits first.
  rows.sort(
    (x, y) =>
      Math.abs(y.delta) - Math.abs(x.delta) ||
      Math.abs(y.selfDelta) - Math.abs(x.selfDelta) ||
      (incident.strings[x.func] < incident.strings[y.func] ? -1 : 1),
  )
  return foldRepeatedChanges(rows).slice(0, limit)
}

/**
 * One change shows on every function it passes through: a leak of 11 MB in `malloc` is 11 MB
 * more in each of its seven callers. Rows with the same before and after are folded into the
 * first of them (the one where the change sits, by the sort above), its callers listed as `via`.
 */
function foldRepeatedChanges(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = []
  const head = new Map<string, DiffRow>()
  for (const row of rows) {
    const key = `${row.before}\u0000${row.after}`
    const first = head.get(key)
    if (first) first.via.push(row.func)
    else {
      head.set(key, row)
      out.push(row)
    }
  }
  return out
}

/**
 * How much a node changed, from -1 (gone) through 0 (same) to 1 (new). Used for the colour:
 * red grew, blue shrank (Brendan Gregg's differential flame graphs).
 */
export function getDiffRatio(tree: CallTree, node: number): number {
  if (!tree.baseTotal) return 0
  const a = tree.total[node]
  const b = tree.baseTotal[node]
  const m = Math.max(a, b)
  return m === 0 ? 0 : (a - b) / m
}
