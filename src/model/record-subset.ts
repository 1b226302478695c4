import type { CrashFact, Incident, IndexIntoRecordTable, RecordTable } from './types'
import { NONE } from './types'

/**
 * The incident with only the records `keep` (ascending), for a view that narrows what it
 * shows (one snapshot, a brushed time range). Crash facts point at the new rows; `keepCrash`
 * drops crashes the subset no longer holds.
 */
export function keepRecords(
  incident: Incident,
  keep: readonly IndexIntoRecordTable[],
  keepCrash: (crash: CrashFact) => boolean = () => true,
): Incident {
  const r = incident.records
  const newIndex = new Int32Array(r.length).fill(NONE)
  keep.forEach((old, k) => (newIndex[old] = k))
  const crashes: CrashFact[] = []
  for (const c of incident.crashes) {
    if (!keepCrash(c)) continue
    crashes.push(c.record === NONE ? c : { ...c, record: newIndex[c.record] })
  }
  return { ...incident, records: subsetRecords(r, keep), crashes }
}

function subsetRecords(r: RecordTable, keep: readonly IndexIntoRecordTable[]): RecordTable {
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(column: T): T => {
    const out = new (column.constructor as new (n: number) => T)(keep.length)
    for (let k = 0; k < keep.length; k++) out[k] = column[keep[k]]
    return out
  }
  return {
    stack: pick(r.stack),
    state: pick(r.state),
    waitMinutes: pick(r.waitMinutes),
    id: pick(r.id),
    name: pick(r.name),
    createdBy: pick(r.createdBy),
    parentId: pick(r.parentId),
    count: pick(r.count),
    bytes: pick(r.bytes),
    allocations: pick(r.allocations),
    time: pick(r.time),
    snapshot: pick(r.snapshot),
    argsHash: pick(r.argsHash),
    flags: pick(r.flags),
    source: pick(r.source),
    line: pick(r.line),
    length: keep.length,
  }
}
