import { computeGroups, defaultGroupMode, type GroupMode } from '../model/group'
import { getFrameFunc, getStackFrames } from '../model/stacks'
import type { CrashFact, Incident } from '../model/types'
import { computeTimeRange, getSeriesNames } from '../parse/log/summary'

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
  /** Groups in the default mode, largest first. */
  groups: {
    count: number
    states: string[]
    waitMinutes: [number, number] | null
    /** Function names, leaf first. */
    frames: string[]
    bytes: number
    allocations: number
    crashed: boolean
  }[]
  totals: { count: number; bytes: number; allocations: number }
  leakKinds: Record<string, { bytes: number; allocations: number }>
  snapshots: { label: string; time: string | null; bytes: number; allocations: number }[]
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
}

export type CrashJson = Omit<CrashFact, 'record' | 'source'> & { source: string }

export function toIncidentJson(
  incident: Incident,
  mode: GroupMode = defaultGroupMode,
): IncidentJson {
  const r = incident.records
  const totals = { count: 0, bytes: 0, allocations: 0 }
  for (let i = 0; i < r.length; i++) {
    totals.count += r.count[i]
    totals.bytes += r.bytes[i]
    totals.allocations += r.allocations[i]
  }
  const recordsByFormat = countRecordsByFormat(incident)
  const crashes = incident.crashes.map(({ record: _record, source, ...rest }) => ({
    ...rest,
    source: incident.sources[source]?.name ?? '',
  }))
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
    groups: computeGroups(incident, mode).map((g) => ({
      count: g.count,
      states: g.states.map((s) => s.state),
      waitMinutes: g.waitMinutes,
      frames: getStackFrames(incident, g.stack).map((f) => getFrameFunc(incident, f)),
      bytes: g.bytes,
      allocations: g.allocations,
      crashed: g.crashed,
    })),
    totals,
    leakKinds: incident.leakKinds,
    snapshots: incident.snapshots.map((s) => ({
      label: s.label,
      time: s.time === undefined || Number.isNaN(s.time) ? null : new Date(s.time).toISOString(),
      bytes: s.bytes,
      allocations: s.allocations,
    })),
    events: incident.events.length,
    timeRange: computeTimeRange(incident),
    series: getSeriesNames(incident),
    threads: Object.entries(recordsByFormat)
      .filter(([format]) => THREAD_FORMATS.has(format))
      .reduce((n, [, count]) => n + count, 0),
    recordsByFormat,
  }
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
