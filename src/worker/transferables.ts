import type { Incident } from '../model/types'

/** Every typed-array buffer in the model, so `postMessage` moves them instead of copying. */
export function transferablesOf(incident: Incident): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  const collect = (table: object) => {
    for (const column of Object.values(table)) {
      if (ArrayBuffer.isView(column)) buffers.add(column.buffer as ArrayBuffer)
    }
  }
  collect(incident.frames)
  collect(incident.stacks)
  collect(incident.records)
  collect(incident.events)
  for (const s of incident.series) collect(s)
  for (const s of incident.sources) collect(s)
  return [...buffers]
}
