import type { Incident, SampleColumns, SampleType } from './types'
import { NONE } from './types'

const columnsByIncident = new WeakMap<Incident, SampleColumns | undefined>()

/**
 * The sample values of `incident.sampleValues` as one column per declared type (types in the
 * order first declared; the same type and unit share a column), one value per record, NaN
 * where a record's input lacks the type; undefined when no input declared a type.
 */
export function getSampleColumns(incident: Incident): SampleColumns | undefined {
  if (columnsByIncident.has(incident)) return columnsByIncident.get(incident)
  const columns = computeSampleColumns(incident)
  columnsByIncident.set(incident, columns)
  return columns
}

function computeSampleColumns(incident: Incident): SampleColumns | undefined {
  const t = incident.sampleValues
  if (t.length === 0) return undefined
  const types: SampleType[] = []
  const values: Float64Array[] = []
  const columnOf = new Map<string, number>()
  const recordCount = incident.records.length
  for (let i = 0; i < t.length; i++) {
    const type = incident.strings[t.type[i]]
    const unit = incident.strings[t.unit[i]]
    const key = `${type}\u0000${unit}`
    let column = columnOf.get(key)
    if (column === undefined) {
      column = types.length
      types.push({ type, unit })
      values.push(new Float64Array(recordCount).fill(NaN))
      columnOf.set(key, column)
    }
    if (t.record[i] !== NONE) values[column][t.record[i]] = t.value[i]
  }
  return { types, values }
}
