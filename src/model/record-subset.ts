import type {
  CrashFact,
  Incident,
  IndexIntoRecordTable,
  RecordTable,
  SampleValueTable,
} from './types'
import { NONE } from './types'
import { columnArrays, columnsOf, recordColumns, sampleValueColumns } from './schema'

/**
 * The incident with only the records `keep` (ascending), for a view that narrows what it
 * shows (one snapshot, a brushed time range). Crash facts and sample values point at the new
 * rows; `keepCrash` drops crashes the subset no longer holds.
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
  return {
    ...incident,
    records: pickRows(recordColumns, r, keep) as RecordTable,
    crashes,
    sampleValues: keepSampleValues(incident.sampleValues, newIndex),
  }
}

/** Sample values of the kept records, moved to their new rows; type declarations stay. */
function keepSampleValues(t: SampleValueTable, newIndex: Int32Array): SampleValueTable {
  if (t.length === 0) return t
  const rows: number[] = []
  for (let i = 0; i < t.length; i++) {
    if (t.record[i] === NONE || newIndex[t.record[i]] !== NONE) rows.push(i)
  }
  const kept = pickRows(sampleValueColumns, t, rows) as SampleValueTable
  for (let i = 0; i < kept.length; i++) {
    if (kept.record[i] !== NONE) kept.record[i] = newIndex[kept.record[i]]
  }
  return kept
}

/** The rows `keep` of every column the schema declares. */
function pickRows(
  schema: typeof recordColumns | typeof sampleValueColumns,
  table: object,
  keep: readonly number[],
): object {
  const columns = columnArrays(table)
  const out: Record<string, unknown> = { length: keep.length }
  for (const [name, spec] of columnsOf(schema)) {
    const column = columns[name]
    const picked = new spec.type(keep.length)
    for (let k = 0; k < keep.length; k++) picked[k] = column[keep[k]]
    out[name] = picked
  }
  return out
}
