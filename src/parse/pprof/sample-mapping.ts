import type { SampleType } from '../../model/types'

/** Which declared sample type fills each record weight; -1 for none. */
export type RecordColumns = { count: number; bytes: number; allocations: number }

/**
 * Fills the record's own weights from a profile's sample types, so the stacks table and the
 * CLI totals show what `go tool pprof` shows by default. The default type is the profile's
 * `default_sample_type`, else the last one (pprof's own rule): `inuse_space` for a Go heap
 * profile, `alloc_space` for allocs, `goroutine` for a goroutine profile, `cpu` for CPU.
 * - bytes: the default type when it is in bytes; its object count (`inuse_objects` beside
 *   `inuse_space`) is then `allocations` and `count`, as for other leak records.
 * - count: the default type when it is a count; else (time units) the first count type
 *   (`samples` beside `cpu`).
 */
export function pickRecordColumns(
  types: readonly SampleType[],
  defaultType: string,
): RecordColumns {
  const out: RecordColumns = { count: -1, bytes: -1, allocations: -1 }
  let d = types.findIndex((t) => t.type === defaultType && defaultType !== '')
  if (d < 0) d = types.length - 1
  if (d < 0) return out
  const unit = types[d].unit
  if (unit === 'bytes') {
    out.bytes = d
    const objects = types[d].type.replace(/space$/, 'objects')
    const partner = types.findIndex((t) => t.type === objects && t.unit === 'count')
    out.allocations = partner
    out.count = partner
  } else if (unit === 'count') {
    out.count = d
  } else {
    out.count = types.findIndex((t) => t.unit === 'count')
  }
  return out
}
