import type {
  CrashFact,
  Incident,
  IndexIntoRecordTable,
  Milliseconds,
  Region,
  Snapshot,
} from './types'
import { NONE } from './types'
import { DumpIds } from './dump-ids'
import { DUMP_RECORD_NOUNS } from './record-noun'

/** Formats whose records are goroutines or threads printed all at once: a dump. */
const DUMP_FORMATS: ReadonlySet<string> = new Set(Object.keys(DUMP_RECORD_NOUNS))

/**
 * Splits the goroutines and threads of an incident into dumps, one snapshot each.
 *
 * A supervisor's stderr with three panics, each followed by its goroutines, holds three
 * lifetimes of one process; adding them up gives counts no process ever had. A dump starts
 * at a new source, at a crash of its format printed after the previous dump's records (the
 * crash opens the dump it is followed by), or where two goroutine or thread ids in a row are
 * ones the current dump already has (two `kill -QUIT` dumps, two `jstack` runs back to back). Each dump is timed by
 * its crash when a line dates it, else by the last dated line before it (marked approximate).
 *
 * Pure and idempotent: dump snapshots already present are dropped and found again, so the
 * parts of a file parsed in parallel can be split once more after they are merged.
 */
export function splitDumps(incident: Incident): Incident {
  const base = withoutDumps(incident)
  const { records, sources } = base
  const snapshotOf = base.records.snapshot
  const snapshots = base.snapshots
  const crashes = base.crashes.map((c) => ({ ...c }))
  const crashesBySource = groupCrashes(crashes)

  let dump: OpenDump | null = null
  const dumps: OpenDump[] = []
  const openDump = (
    source: number,
    format: string,
    firstLine: number,
    crash: CrashFact | null,
  ): OpenDump => {
    const d = { source, format, firstLine, ids: new DumpIds(), crash }
    dumps.push(d)
    return d
  }
  // A record whose id the open dump already had, when the record before it had a new one.
  let repeated: IndexIntoRecordTable = NONE
  let currentSource = NONE
  let regions: readonly Region[] = []
  let regionIndex = 0
  // The current region's format and whether it is a dump's: asked once per region, not per record.
  let regionFound = NONE
  let format = ''
  let isDump = false
  // Crashes of the current source in line order, and the first one not yet passed.
  let sourceCrashes: CrashFact[] = []
  let crashCursor = 0
  for (let r = 0; r < records.length; r++) {
    if (snapshotOf[r] !== NONE) continue
    const source = records.source[r]
    const line = records.line[r]
    if (source !== currentSource) {
      currentSource = source
      regions = sources[source]?.regions ?? []
      regionIndex = 0
      regionFound = NONE
      sourceCrashes = crashesBySource.get(source) ?? []
      crashCursor = 0
    }
    const found = findRegion(regions, line, regionIndex)
    if (found !== regionFound || found === NONE) {
      regionFound = found
      format = found === NONE ? '' : regions[found].format
      isDump = DUMP_FORMATS.has(format)
    }
    regionIndex = found === NONE ? 0 : found
    if (!isDump) continue
    // The first crash of this format printed since the previous record opens a new dump.
    let opening: CrashFact | null = null
    while (crashCursor < sourceCrashes.length && sourceCrashes[crashCursor].line <= line) {
      const c = sourceCrashes[crashCursor++]
      if (opening === null && (c.format === format || c.format === 'glibc')) opening = c
    }
    // Ids are integers; anything else (none is -1) takes no part in telling dumps apart.
    const id = Number.isInteger(records.id[r]) ? records.id[r] : -1
    const repeats = dump !== null && id >= 0 && dump.ids.has(id)
    if (dump === null || dump.source !== source || dump.format !== format || opening !== null) {
      dump = openDump(source, format, opening?.line ?? line, opening)
      repeated = NONE
    } else if (repeats && repeated !== NONE) {
      // Two ids in a row that the dump has already: a second dump began at the first of them.
      // (One alone is no proof: go1.3 prints a locked goroutine twice in one dump.)
      const first = repeated
      dump = openDump(source, format, records.line[first], null)
      dump.ids.add(records.id[first])
      snapshotOf[first] = snapshots.length + dumps.length - 1
      repeated = NONE
    } else repeated = repeats ? r : NONE
    if (id >= 0) dump.ids.add(id)
    snapshotOf[r] = snapshots.length + dumps.length - 1
  }
  if (dumps.length === 0) return base

  const perSource = new Map<number, number>()
  for (const d of dumps) perSource.set(d.source, (perSource.get(d.source) ?? 0) + 1)
  const seen = new Map<number, number>()
  const dated = collectDatedLines(base)
  for (const d of dumps) {
    const index = snapshots.length
    const k = (seen.get(d.source) ?? 0) + 1
    seen.set(d.source, k)
    const name = perSource.size > 1 ? `${sources[d.source]?.name ?? 'input'} · ` : ''
    const { time, approx } = dumpTime(dated, d)
    snapshots.push({
      label: perSource.get(d.source)! > 1 || perSource.size > 1 ? `${name}dump ${k}` : 'dump',
      kind: 'dump',
      format: d.format,
      time,
      timeApprox: approx || undefined,
      bytes: 0,
      allocations: 0,
      source: d.source,
      line: d.firstLine,
    })
    if (d.crash) d.crash.snapshot = index
  }
  sumWeights(base, snapshots)
  // A crash whose dump did not start with it (a signal inside a dump) belongs to the dump of
  // its crashing goroutine.
  for (const c of crashes) {
    if (c.snapshot === undefined && c.record !== NONE && snapshotOf[c.record] !== NONE)
      c.snapshot = snapshotOf[c.record]
  }
  return { ...base, snapshots, crashes }
}

type OpenDump = {
  source: number
  format: string
  firstLine: number
  ids: DumpIds
  /** The crash printed just before the dump, which it belongs to. */
  crash: CrashFact | null
}

/** The incident without dump snapshots: record and crash indices into the rest remapped. */
export function withoutDumps(incident: Incident): Incident {
  const remap = new Int32Array(incident.snapshots.length)
  const snapshots: Snapshot[] = []
  incident.snapshots.forEach((s, i) => {
    if (s.kind === 'dump') remap[i] = NONE
    else {
      remap[i] = snapshots.length
      snapshots.push({ ...s })
    }
  })
  // A plain loop: `Int32Array.from` with a mapping function boxes every value it passes.
  const from = incident.records.snapshot
  const snapshot = new Int32Array(from.length)
  for (let r = 0; r < from.length; r++) snapshot[r] = from[r] < 0 ? NONE : remap[from[r]]
  // Only dumps are pointed at by crashes: every such pointer is found again.
  const crashes = incident.crashes.map((c) => {
    if (c.snapshot === undefined) return c
    const copy = { ...c }
    delete copy.snapshot
    return copy
  })
  return { ...incident, records: { ...incident.records, snapshot }, snapshots, crashes }
}

function groupCrashes(crashes: CrashFact[]): Map<number, CrashFact[]> {
  const out = new Map<number, CrashFact[]>()
  for (const c of crashes) {
    // A race report is printed while the program runs on; it opens no dump.
    if (c.kind === 'data race') continue
    let list = out.get(c.source)
    if (!list) out.set(c.source, (list = []))
    list.push(c)
  }
  for (const list of out.values()) list.sort((a, b) => a.line - b.line)
  return out
}

/** The region holding `line`, searching forward from `from` (records come in line order). */
function findRegion(
  regions: readonly { firstLine: number; lastLine: number }[],
  line: number,
  from: number,
): number {
  let i = from < 0 ? 0 : from
  if (i < regions.length && regions[i].firstLine > line) i = 0
  while (i < regions.length && regions[i].lastLine < line) i++
  return i < regions.length && regions[i].firstLine <= line ? i : NONE
}

/** The dump's crash time, else the last wall-clock event at or before its first line. */
function dumpTime(dated: DatedLines, dump: OpenDump): { time?: Milliseconds; approx: boolean } {
  const crashTime = dump.crash?.time
  if (crashTime !== undefined && Number.isFinite(crashTime))
    return { time: crashTime, approx: false }
  const lines = dated.get(dump.source)
  if (!lines) return { approx: false }
  // The last dated line at or before the dump's first line (binary search).
  let lo = 0
  let hi = lines.line.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (lines.line[mid] <= dump.firstLine) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found === -1 ? { approx: false } : { time: lines.time[found], approx: true }
}

/** Each source's wall-clock events in line order: one pass, so a file of many dumps stays linear. */
type DatedLines = Map<number, { line: number[]; time: Milliseconds[] }>

function collectDatedLines(incident: Incident): DatedLines {
  const { time, relative, source, line, length } = incident.events
  const order: number[] = []
  for (let e = 0; e < length; e++) {
    if (relative[e] === 0 && Number.isFinite(time[e])) order.push(e)
  }
  // By source, then line; events of one line keep their order, so the last of them wins.
  order.sort((a, b) => source[a] - source[b] || line[a] - line[b] || a - b)
  const out: DatedLines = new Map()
  for (const e of order) {
    let lines = out.get(source[e])
    if (!lines) out.set(source[e], (lines = { line: [], time: [] }))
    lines.line.push(line[e])
    lines.time.push(time[e])
  }
  return out
}

/** Bytes and allocations of each dump snapshot from its records (threads in leak formats). */
function sumWeights(incident: Incident, snapshots: Snapshot[]): void {
  const { snapshot, bytes, allocations, length } = incident.records
  for (let r: IndexIntoRecordTable = 0; r < length; r++) {
    const s = snapshots[snapshot[r]]
    if (s?.kind !== 'dump') continue
    s.bytes += bytes[r]
    s.allocations += allocations[r]
  }
}
