import { modelTables } from '../model/schema'
import type { Incident } from '../model/types'

/** Every typed-array buffer in the model, so `postMessage` moves them instead of copying. */
export function transferablesOf(incident: Incident): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  const add = (column: ArrayBufferView) => buffers.add(column.buffer as ArrayBuffer)
  for (const [table, schema] of Object.entries(modelTables)) {
    const columns = incident[table as keyof typeof modelTables] as object as Record<
      string,
      ArrayBufferView
    >
    for (const column of Object.keys(schema)) add(columns[column])
  }
  for (const s of incident.series) [s.time, s.value].forEach(add)
  for (const s of incident.sources) [s.lineIndexLines, s.lineOffsets].forEach(add)
  return [...buffers]
}
