import { Profile } from 'pprof-format'
import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { EventKind, FrameKind, Level, NONE } from '../../model/types'
import { GoFrames } from '../go/go-frames'
import { nativeFrameKind } from '../native/native-frame'
import { pickRecordColumns } from './sample-mapping'

/**
 * pprof profiles in protobuf (`profile.proto` of github.com/google/pprof, 2024), as Go writes
 * them with `runtime/pprof` `WriteTo(w, 0)`, `net/http/pprof` with `debug=0` and
 * `go tool pprof -proto`: goroutine, heap, allocs, CPU, block and mutex profiles. Decoded with
 * the `pprof-format` package (a pure-JS decoder, DataDog/pprof-format).
 *
 * Each sample becomes one record: its stack (locations leaf first; a location's inlined lines
 * innermost first), its values in every declared sample type (`samples`), its string labels
 * (`route=/upload`) and, for the record's own weights, the sample types that match them (see
 * `pickRecordColumns`). A goroutine profile's sample is every goroutine on one stack, so its
 * `count` is that number.
 */

/**
 * Whether binary bytes may open a profile: the first byte is the tag of one of `Profile`'s
 * fields 1-15, as a varint (wire type 0) or a length-delimited value (wire type 2). Go writes
 * `period_type` (field 11) first, other writers `sample_type` (field 1).
 */
export function mayBePprof(head: Uint8Array): boolean {
  if (head.length < 2) return false
  const field = head[0] >> 3
  const wire = head[0] & 7
  return field >= 1 && field <= 15 && (wire === 0 || wire === 2)
}

/**
 * Decodes `bytes` as a profile and adds its samples; false (nothing added) when the bytes are
 * not a profile.
 */
export function addPprofProfile(builder: IncidentBuilder, bytes: Uint8Array): boolean {
  let profile: Profile
  try {
    profile = Profile.decode(bytes)
  } catch {
    return false
  }
  const strings = profile.stringTable.strings
  const str = (i: unknown) => strings[Number(i)] ?? ''
  // A real profile declares what it measured.
  if (profile.sampleType.length === 0) return false
  const broken = findBrokenReference(profile)
  if (broken) {
    // The decoder reads what it can of a cut file; figures from part of one would be wrong.
    builder.warn(
      `This pprof profile is truncated or corrupt (${broken}); nothing was read from it.`,
    )
    builder.addRegion({ format: 'pprof', firstLine: 0, lastLine: 0 })
    return true
  }

  const types = profile.sampleType.map((t) => ({ type: str(t.type), unit: str(t.unit) }))
  const columns = types.map((t) => builder.sampleType(t.type, t.unit))
  const defaultType = str(profile.defaultSampleType)
  const pick = pickRecordColumns(types, defaultType)

  const functions = new Map<number, { name: string; file: string }>()
  for (const f of profile.function) {
    functions.set(Number(f.id), { name: str(f.name), file: str(f.filename) })
  }
  const goFrames = new GoFrames(builder)
  // Each location's frames, innermost first.
  const locations = new Map<number, IndexIntoFrameTable[]>()
  for (const loc of profile.location) {
    const address = Number(loc.address) ? `0x${Number(loc.address).toString(16)}` : undefined
    const frames: IndexIntoFrameTable[] = []
    for (const line of loc.line) {
      const fn = functions.get(Number(line.functionId))
      const name = fn?.name ?? ''
      const file = fn?.file || undefined
      const lineNo = Number(line.line) || undefined
      frames.push(
        file?.endsWith('.go') || name.startsWith('runtime.')
          ? goFrames.frame(name, file, lineNo, address)
          : builder.frame({
              func: name || 'unknown',
              file,
              line: lineNo,
              kind: nativeFrameKind(name, file),
              address,
            }),
      )
    }
    if (frames.length === 0)
      frames.push(builder.frame({ func: address ?? 'unknown', kind: FrameKind.unknown }))
    locations.set(Number(loc.id), frames)
  }

  const totals = new Float64Array(types.length)
  const leafFirst: IndexIntoFrameTable[] = []
  for (const sample of profile.sample) {
    leafFirst.length = 0
    for (const id of sample.locationId) leafFirst.push(...(locations.get(Number(id)) ?? []))
    const values = sample.value.map(Number)
    values.forEach((v, k) => (totals[k] += v))
    const labels = sample.label
      .filter((l) => Number(l.str) !== 0)
      .map((l) => `${str(l.key)}=${str(l.str)}`)
      .join(', ')
    const at = (k: number) => (k >= 0 ? (values[k] ?? 0) : 0)
    const record = builder.addRecord({
      stack: leafFirst.length ? builder.stackFromLeafFirst(leafFirst) : NONE,
      count: pick.count >= 0 ? at(pick.count) : 1,
      bytes: at(pick.bytes),
      allocations: at(pick.allocations),
      line: 0,
      labels: labels || undefined,
    })
    builder.setRecordSamples(record, columns, values)
  }

  const when = Number(profile.timeNanos) / 1e6
  const summary = types
    .map((t, k) => `${t.type} ${totals[k]}${t.unit === 'count' ? '' : ` ${t.unit}`}`)
    .join(', ')
  builder.addEvent({
    time: when > 0 ? when : NaN,
    kind: EventKind.snapshot,
    level: Level.info,
    line: 0,
    label: `pprof profile: ${profile.sample.length} samples; ${summary}`,
  })
  builder.addRegion({ format: 'pprof', firstLine: 0, lastLine: 0 })
  return true
}

/** The first reference to a string, location or function the profile lacks, or null. */
function findBrokenReference(profile: Profile): string | null {
  const strings = profile.stringTable.strings.length
  const badString = (i: unknown) => Number(i) < 0 || Number(i) >= strings
  if (profile.sampleType.some((t) => badString(t.type) || badString(t.unit)))
    return 'a sample type names a missing string'
  const functions = new Set(profile.function.map((f) => Number(f.id)))
  if (profile.function.some((f) => badString(f.name) || badString(f.filename)))
    return 'a function names a missing string'
  const locations = new Set<number>()
  for (const loc of profile.location) {
    locations.add(Number(loc.id))
    if (loc.line.some((l) => !functions.has(Number(l.functionId))))
      return `location ${loc.id} refers to a missing function`
  }
  for (const sample of profile.sample) {
    if (sample.value.length !== profile.sampleType.length)
      return 'a sample has the wrong number of values'
    if (sample.locationId.some((id) => !locations.has(Number(id))))
      return 'a sample refers to a missing location'
    if (sample.label.some((l) => badString(l.key) || badString(l.str)))
      return 'a label names a missing string'
  }
  return null
}
