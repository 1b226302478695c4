import type { Incident, IndexIntoRecordTable, SampleType } from './types'
import { getSampleColumns } from './sample-columns'

/** Each declared sample type with the sum of its values (records lacking it add nothing). */
export function getSampleTypeTotals(
  incident: Incident,
  include?: (record: IndexIntoRecordTable) => boolean,
): (SampleType & { total: number })[] {
  const s = getSampleColumns(incident)
  if (!s) return []
  return s.types.map((t, k) => {
    const column = s.values[k]
    let total = 0
    for (let i = 0; i < column.length; i++) {
      if (include && !include(i)) continue
      const v = column[i]
      if (v === v) total += v // skips NaN
    }
    return { ...t, total }
  })
}
