import { defaultGroupMode, rankGroups, type Group, type GroupMode } from '../model/group'
import { computeGroupGrowth, makeGrowthOf, type SnapshotWeight } from '../model/group-growth'
import {
  countPerSnapshot,
  getChosenSnapshot,
  getShownSnapshots,
  selectSnapshot,
} from '../model/snapshot-view'
import { getFrameFunc } from '../model/stacks'
import type { CrashFact, Incident, IndexIntoStackTable } from '../model/types'
import { NONE } from '../model/types'
import { computeTimeRange, getSeriesNames } from '../parse/log/summary'
import { getSampleTypeTotals } from '../model/sample-totals'
import { GroupJsonText } from './group-json-text'
import { LazyList } from './json-chunks'

/**
 * The `npm run parse -- FILE --json` document. Scripts rely on these fields: later versions
 * add fields and never rename or remove one.
 */
export type IncidentJson = {
  sources: {
    name: string
    bytes: number
    lines: number
    unrecognizedLines: number
    fingerprint: string
    regions: { format: string; firstLine: number; lastLine: number }[]
    warnings: string[]
  }[]
  /** Goroutines, threads or leak records. */
  records: number
  /** The first crash found, or null. */
  crash: CrashJson | null
  /** Every crash found, in input order. */
  crashes: CrashJson[]
  /**
   * Groups in the default mode, largest first, of the snapshot shown (see `snapshot`): an
   * input with several dumps or memleak snapshots is read one snapshot at a time.
   */
  groups: {
    /** The name the app shows: the first frame of the program's own code, or `semacquire in net.(*singleflight).Do`. */
    label: string
    /** The function of the `created by` site (Go), or null. */
    createdBy: string | null
    /** The group in each snapshot of its series (empty for inputs without snapshots). */
    bySnapshot: SnapshotWeight[]
    count: number
    states: string[]
    waitMinutes: [number, number] | null
    /** Function names, leaf first. */
    frames: string[]
    bytes: number
    allocations: number
    crashed: boolean
  }[]
  /** Over the records of the snapshot shown. */
  totals: { count: number; bytes: number; allocations: number }
  leakKinds: Record<string, { bytes: number; allocations: number }>
  /** Memleak snapshots and goroutine/thread dumps, in input order. */
  snapshots: {
    label: string
    time: string | null
    bytes: number
    allocations: number
    /** `dump` (goroutines or threads) or `heap` (allocation snapshots). */
    kind: 'dump' | 'heap'
    /**
     * Goroutines or threads in a dump; in a heap snapshot, the `count` weight: allocations
     * (memleak, massif), or calls to allocation functions so far (heaptrack).
     */
    count: number
    /** `time` comes from the last dated line before the snapshot, not from the snapshot. */
    timeApprox: boolean
    /** Only totals were recorded (massif's undetailed snapshots): no groups, never shown. */
    totalsOnly: boolean
  }[]
  /** Index into `snapshots` of the one `groups` and `totals` describe, or null without any. */
  snapshot: number | null
  /** Number of timestamped events. */
  events: number
  /** First and last wall-clock event times (ISO 8601 UTC), or null. */
  timeRange: [string, string] | null
  /** Names of the metrics found in log lines. */
  series: string[]
  /** Threads read from thread dumps (gdb, lldb, eu-stack, Java, Python faulthandler). */
  threads: number
  /** Records per format of the region they were read in. */
  recordsByFormat: Record<string, number>
  /**
   * Sample types that inputs declared (pprof: `inuse_space` in `bytes` ...), each with the sum
   * of its values over all records: the total `go tool pprof -top` prints. Empty when none.
   */
  sampleTypes: { type: string; unit: string; total: number }[]
}

export type CrashJson = Omit<CrashFact, 'record' | 'source' | 'timeApprox'> & {
  source: string
  /** `time` (epoch milliseconds, kept as it was) as ISO 8601 UTC, or null when unknown. */
  timeIso: string | null
  /** The crash line has no time of its own: `time` is the last dated line's before it. */
  timeApprox: boolean
}

export type GroupJson = IncidentJson['groups'][number]

export function toIncidentJson(
  incident: Incident,
  mode: GroupMode = defaultGroupMode,
  /** The snapshot to describe; null: the last (of each series). */
  chosenSnapshot: number | null = null,
): IncidentJson {
  const fields = incidentJsonFields(incident, mode, chosenSnapshot)
  return { ...fields, groups: fields.groups.toArray() }
}

/**
 * The fields of `toIncidentJson`, in the same order, with each group's object made only when
 * it is asked for: written out by `jsonChunks`, a dump of a million distinct stacks holds one
 * group's object at a time instead of a million.
 */
export function incidentJsonFields(
  incident: Incident,
  mode: GroupMode = defaultGroupMode,
  chosenSnapshot: number | null = null,
): Omit<IncidentJson, 'groups'> & { groups: LazyList<GroupJson> } {
  const r = incident.records
  const shown = selectSnapshot(incident, chosenSnapshot)
  const totals = { count: 0, bytes: 0, allocations: 0 }
  const v = shown.records
  for (let i = 0; i < v.length; i++) {
    totals.count += v.count[i]
    totals.bytes += v.bytes[i]
    totals.allocations += v.allocations[i]
  }
  // Ranked, not summarised: each group is made as it is written and dropped after.
  const groups = rankGroups(shown, mode)
  // Without a snapshot to pick, the shown incident is the whole one: its groups serve both,
  // and each group's growth is made from the group itself when it is written.
  const growthByKey =
    shown === incident
      ? null
      : computeGroupGrowth(incident, mode, undefined, getShownSnapshots(incident, chosenSnapshot))
  const growthOf = growthByKey ? (g: Group) => growthByKey.get(g.key) : makeGrowthOf(incident)
  const groupText = new GroupJsonText(shown, incident)
  const countOfSnapshot = countPerSnapshot(incident)
  const recordsByFormat = countRecordsByFormat(incident)
  const crashes = incident.crashes.map(
    ({ record: _record, source, timeApprox, ...rest }): CrashJson => ({
      ...rest,
      source: incident.sources[source]?.name ?? '',
      timeIso: isoOrNull(rest.time),
      timeApprox: timeApprox === true,
    }),
  )
  return {
    sources: incident.sources.map((s) => ({
      name: s.name,
      bytes: s.bytes,
      lines: s.lines,
      unrecognizedLines: s.unrecognizedLines,
      fingerprint: s.fingerprint,
      regions: s.regions.map((g) => ({
        format: g.format,
        firstLine: g.firstLine,
        lastLine: g.lastLine,
      })),
      warnings: s.warnings,
    })),
    records: r.length,
    crash: crashes[0] ?? null,
    crashes,
    groups: new LazyList(
      groups.length,
      (index): GroupJson => {
        const g = groups.at(index)
        return {
          label: g.label,
          createdBy: g.createdBy,
          bySnapshot: growthOf(g) ?? [],
          count: g.count,
          states: g.states.map((s) => s.state),
          waitMinutes: g.waitMinutes,
          frames: stackFuncs(shown, incident, g.stack),
          bytes: g.bytes,
          allocations: g.allocations,
          crashed: g.crashed,
        }
      },
      (index) => {
        const g = groups.at(index)
        return groupText.text(g, growthOf(g) ?? [])
      },
    ),
    totals,
    leakKinds: incident.leakKinds,
    snapshots: incident.snapshots.map((s, i) => ({
      label: s.label,
      time: isoOrNull(s.time),
      bytes: s.bytes,
      allocations: s.allocations,
      kind: s.kind ?? 'heap',
      count: countOfSnapshot[i],
      timeApprox: s.timeApprox === true,
      totalsOnly: s.totalsOnly === true,
    })),
    snapshot: getChosenSnapshot(incident, chosenSnapshot),
    events: incident.events.length,
    timeRange: computeTimeRange(incident),
    series: getSeriesNames(incident),
    threads: Object.entries(recordsByFormat)
      .filter(([format]) => THREAD_FORMATS.has(format))
      .reduce((n, [, count]) => n + count, 0),
    recordsByFormat,
    sampleTypes: getSampleTypeTotals(incident),
  }
}

/**
 * The function of each frame of the stack of `leaf` in `shown`, leaf first, named from
 * `incident`: one array a group, where listing the frames and then their names made two.
 */
function stackFuncs(shown: Incident, incident: Incident, leaf: IndexIntoStackTable): string[] {
  const { prefix, frame } = shown.stacks
  const funcs: string[] = []
  for (let node = leaf; node !== NONE; node = prefix[node])
    funcs.push(getFrameFunc(incident, frame[node]))
  return funcs
}

function isoOrNull(time: number | undefined): string | null {
  return time === undefined || Number.isNaN(time) ? null : new Date(time).toISOString()
}

const THREAD_FORMATS = new Set(['gdb', 'lldb', 'eu-stack', 'java', 'python'])

/** Attributes each record to the region (of its source) that holds its first line. */
function countRecordsByFormat(incident: Incident): Record<string, number> {
  const counts: Record<string, number> = {}
  const { source, line, length } = incident.records
  for (let i = 0; i < length; i++) {
    const regions = incident.sources[source[i]]?.regions ?? []
    // Regions are in line order: binary search for the last one starting at or before the line.
    let lo = 0
    let hi = regions.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (regions[mid].firstLine <= line[i]) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    const format = found === -1 ? 'unknown' : regions[found].format
    counts[format] = (counts[format] ?? 0) + 1
  }
  return counts
}
