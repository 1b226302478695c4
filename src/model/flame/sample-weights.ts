import type { Incident } from '../types'
import { getSampleColumns } from '../sample-columns'

/**
 * A flame weight read from a declared sample type (pprof `inuse_space`, `alloc_objects`,
 * `cpu` ...): the column of `getSampleColumns` and its unit, so a value formats without the
 * incident at hand.
 */
export type SampleWeight = `sample:${number}:${string}`

/** The sample weights an incident offers, one per declared sample type. */
export function getSampleWeights(incident: Incident): SampleWeight[] {
  return (getSampleColumns(incident)?.types ?? []).map(
    (t, k): SampleWeight => `sample:${k}:${t.unit}`,
  )
}

/** The column and unit of a sample weight, or null for the record weights. */
export function parseSampleWeight(weight: string): { column: number; unit: string } | null {
  if (!weight.startsWith('sample:')) return null
  const colon = weight.indexOf(':', 7)
  if (colon < 0) return null
  return { column: Number(weight.slice(7, colon)), unit: weight.slice(colon + 1) }
}
