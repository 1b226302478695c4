import type { Incident, IndexIntoRecordTable } from './types'
import { keepRecords } from './record-subset'
import { NONE } from './types'

/**
 * Snapshots that are looks at one thing over time: the dumps of one service (across the files
 * dropped together), or the allocation snapshots of one run of a tool. Records of two snapshots of
 * one series must never be added up: that counts the same goroutine or allocation twice.
 */
export type SnapshotSeries = {
  key: string
  /** Indices into `incident.snapshots`, in input order. */
  snapshots: number[]
}

export function getSnapshotSeries(incident: Incident): SnapshotSeries[] {
  const byKey = new Map<string, SnapshotSeries>()
  incident.snapshots.forEach((s, i) => {
    // Totals without sites (massif's undetailed snapshots) would show an empty table.
    if (s.totalsOnly) return
    const key = getSnapshotRun(incident, i)
    let series = byKey.get(key)
    if (!series) byKey.set(key, (series = { key, snapshots: [] }))
    series.snapshots.push(i)
  })
  return [...byKey.values()]
}

/**
 * The run a snapshot belongs to: every dump is a look at the same service; allocation
 * snapshots belong to one run of their tool (one region: a second `Attaching to` starts another).
 */
function getSnapshotRun(incident: Incident, snapshot: number): string {
  const s = incident.snapshots[snapshot]
  if (s.kind === 'dump') return 'dump'
  const region = (incident.sources[s.source]?.regions ?? []).findIndex(
    (r) => r.firstLine <= s.line && s.line <= r.lastLine,
  )
  return `heap:${s.source}:${region}`
}

/**
 * A snapshot as a point of the growth chart: a dump's goroutines or threads, an allocation
 * snapshot's bytes and allocations; the measures a snapshot does not have are null.
 */
export type SnapshotPoint = {
  /** Index into incident.snapshots; null for the gap between two runs. */
  snapshot: number | null
  label: string
  bytes: number | null
  allocations: number | null
  /** Goroutines or threads of a dump. */
  count: number | null
}

/**
 * Every snapshot in input order as a chart point, with a point of nulls between two runs: a
 * line from one run's last snapshot to the next run's first would draw a growth or a fall
 * that never happened (two hosts' memleak output, or a tool's example of several runs).
 */
export function getSnapshotPoints(incident: Incident): SnapshotPoint[] {
  const counts = countPerSnapshot(incident)
  const points: SnapshotPoint[] = []
  let run: string | null = null
  incident.snapshots.forEach((s, i) => {
    const next = getSnapshotRun(incident, i)
    if (run !== null && next !== run)
      points.push({ snapshot: null, label: '', bytes: null, allocations: null, count: null })
    run = next
    const dump = s.kind === 'dump'
    points.push({
      snapshot: i,
      label: s.label,
      bytes: dump ? null : s.bytes,
      allocations: dump ? null : s.allocations,
      count: dump ? counts[i] : null,
    })
  })
  return points
}

/**
 * The snapshot shown of each kind: the chosen one, and for the other kind (dumps beside heap
 * snapshots) the last one of it. Never two runs of a tool at once: each is another process or
 * another moment (seed 004's memleak run on a build without symbols, then one with them), and
 * their outstanding allocations added up are a figure neither run printed. `chosen` is a
 * snapshot index, or null for the default (getChosenSnapshot).
 */
export function getShownSnapshots(incident: Incident, chosen: number | null): Set<number> {
  const series = getSnapshotSeries(incident)
  const holding = chosen === null ? undefined : series.find((s) => s.snapshots.includes(chosen))
  const pick = holding ? chosen! : getChosenSnapshot(incident, null)
  const shownOfKind = new Map<string, SnapshotSeries>()
  for (const s of series) shownOfKind.set(kindOf(incident, s), s)
  const picked = series.find((s) => pick !== null && s.snapshots.includes(pick))
  if (picked) shownOfKind.set(kindOf(incident, picked), picked)
  const shown = new Set<number>()
  for (const s of shownOfKind.values()) shown.add(s === picked ? pick! : s.snapshots.at(-1)!)
  return shown
}

function kindOf(incident: Incident, series: SnapshotSeries): string {
  return incident.snapshots[series.snapshots[0]].kind ?? 'heap'
}

/**
 * The snapshot a picker shows as chosen: `chosen`, else the last of the last run with a
 * history (several snapshots), else the last of the last run; null when there is none.
 */
export function getChosenSnapshot(incident: Incident, chosen: number | null): number | null {
  const series = getSnapshotSeries(incident)
  if (chosen !== null && series.some((s) => s.snapshots.includes(chosen))) return chosen
  const withHistory = series.filter((s) => s.snapshots.length > 1).at(-1)
  return (withHistory ?? series.at(-1))?.snapshots.at(-1) ?? null
}

/**
 * The series a reader steps through for `shown`: the one with several snapshots that holds it,
 * else the first with several; null when no series has several.
 */
export function getShownSeries(incident: Incident, shown: number | null): SnapshotSeries | null {
  const several = getSnapshotSeries(incident).filter((s) => s.snapshots.length > 1)
  return several.find((s) => shown !== null && s.snapshots.includes(shown)) ?? several[0] ?? null
}

/** Where the chosen snapshot sits among those a reader steps through. */
export type SnapshotPosition = {
  /** 0-based, among the snapshots of every run. */
  index: number
  count: number
  isLast: boolean
  /** 1-based run of the chosen snapshot among the runs of its kind, and how many there are. */
  run: number
  runs: number
  /** Snapshots of the other kind the views show beside the chosen one (a dump beside a heap). */
  otherRuns: number
}

/** The chosen snapshot's position, or null when there is no choice to make. */
export function getSnapshotPosition(
  incident: Incident,
  chosen: number | null,
): SnapshotPosition | null {
  const series = getSnapshotSeries(incident)
  const all = series.flatMap((s) => s.snapshots)
  const current = getChosenSnapshot(incident, chosen)
  if (current === null || all.length < 2) return null
  const holding = series.find((s) => s.snapshots.includes(current))!
  const sameKind = series.filter((s) => kindOf(incident, s) === kindOf(incident, holding))
  return {
    index: all.indexOf(current),
    count: all.length,
    isLast: current === all.at(-1),
    run: sameKind.indexOf(holding) + 1,
    runs: sameKind.length,
    otherRuns: getShownSnapshots(incident, current).size - 1,
  }
}

/** The `count` weight (goroutines, threads, allocations) of each snapshot's records. */
export function countPerSnapshot(incident: Incident): Float64Array {
  const out = new Float64Array(incident.snapshots.length)
  const { snapshot, count, length } = incident.records
  for (let r = 0; r < length; r++) if (snapshot[r] >= 0) out[snapshot[r]] += count[r]
  return out
}

/** Whether any series has more than one snapshot, so its groups have a history. */
export function hasSeveralSnapshots(incident: Incident): boolean {
  return getSnapshotSeries(incident).some((s) => s.snapshots.length > 1)
}

/** Whether there are snapshots to choose from: several of one run, or several runs. */
export function hasSnapshotChoice(incident: Incident): boolean {
  return getSnapshotSeries(incident).reduce((n, s) => n + s.snapshots.length, 0) > 1
}

/**
 * The incident as one moment of it: records of the shown snapshots (and records outside any
 * snapshot), with the crashes of those snapshots. Totals, groups, the flame graph and the
 * exports all read this, so they agree with each other and with what the tool printed last.
 * Returns `incident` itself when there is nothing to choose.
 */
export function selectSnapshot(incident: Incident, chosen: number | null): Incident {
  if (!hasSnapshotChoice(incident)) return incident
  const shown = getShownSnapshots(incident, chosen)
  const r = incident.records
  const keep: IndexIntoRecordTable[] = []
  for (let i = 0; i < r.length; i++) {
    const s = r.snapshot[i]
    if (s === NONE || shown.has(s)) keep.push(i)
  }
  return keepRecords(incident, keep, (c) => c.snapshot === undefined || shown.has(c.snapshot))
}
