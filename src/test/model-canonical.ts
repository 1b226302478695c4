import type { IndexKind } from '../model/schema'
import { columnArrays, columnsOf, modelTables } from '../model/schema'
import type { CrashFact, Incident, Snapshot } from '../model/types'
import { NONE } from '../model/types'

/** How far a part's line numbers and row indices move in the model of the whole file. */
export type Shift = { lines: number; records: number; snapshots: number }
const noShift: Shift = { lines: 0, records: 0, snapshots: 0 }

/** A model with every index resolved; see `canonicalModel`. */
export type CanonicalModel = {
  records: Record<string, unknown>[]
  events: Record<string, unknown>[]
  sampleValues: Record<string, unknown>[]
  series: { name: string; unit?: string; time: number[]; value: number[] }[]
  snapshots: Snapshot[]
  crashes: CrashFact[]
  leakKinds: Incident['leakKinds']
}

/**
 * The model with every index resolved to what it points at (a string's text, a frame's
 * identity, a stack's path from the root), driven by the schema. Two models that say the same
 * thing give equal results even if their tables were interned in a different order, so a
 * file parsed in parts and merged can be compared with the file parsed whole, or with its
 * parts moved by `shift`. Without `firstSeen`, what the model keeps as first seen of a shared
 * frame or stack node (a frame's address, a node's arguments) is left out: a part sees only
 * its own share of the file.
 */
export function canonicalModel(
  incident: Incident,
  shift: Shift = noShift,
  { firstSeen = true } = {},
): CanonicalModel {
  const { strings, frames, stacks } = incident
  const text = (i: number) => (i === NONE ? null : strings[i])
  const frameColumns = columnArrays(frames)
  const frame = (i: number) =>
    i === NONE
      ? null
      : columnsOf(modelTables.frames)
          .filter(([name]) => firstSeen || name !== 'address')
          .map(([name, spec]) =>
            spec.refs === 'strings' ? text(frameColumns[name][i]) : frameColumns[name][i],
          )
  const path = (leaf: number) => {
    const nodes: unknown[] = []
    for (let n = leaf; n !== NONE; n = stacks.prefix[n])
      nodes.push(
        firstSeen
          ? [frame(stacks.frame[n]), stacks.args[n], stacks.argsDiffer[n]]
          : frame(stacks.frame[n]),
      )
    return leaf === NONE ? null : nodes.reverse()
  }
  const index = (base: number) => (i: number) => (i === NONE ? NONE : i + base)
  const resolve: Record<IndexKind, (i: number) => unknown> = {
    strings: text,
    frames: frame,
    stacks: path,
    records: index(shift.records),
    snapshots: index(shift.snapshots),
    lines: (i) => i + shift.lines,
    sources: () => 0,
  }
  const rows = (table: 'records' | 'events' | 'sampleValues') => {
    const columns = columnArrays(incident[table])
    return Array.from({ length: incident[table].length }, (_, i) =>
      Object.fromEntries(
        columnsOf(modelTables[table]).map(([name, { refs }]) => {
          const value = columns[name][i]
          return [name, refs ? resolve[refs](value) : value]
        }),
      ),
    )
  }
  return {
    records: rows('records'),
    events: rows('events'),
    sampleValues: rows('sampleValues'),
    series: incident.series.map((s) => ({
      name: s.name,
      unit: s.unit,
      time: [...s.time],
      value: [...s.value],
    })),
    snapshots: incident.snapshots.map((s) => ({ ...s, line: s.line + shift.lines, source: 0 })),
    crashes: incident.crashes.map((c) => ({
      ...c,
      line: c.line + shift.lines,
      record: index(shift.records)(c.record),
      source: 0,
    })),
    leakKinds: incident.leakKinds,
  }
}

/**
 * What the merge of `parts` must say: every part's rows, moved past the parts before it,
 * in order; series joined by name; leak totals added up. Compare it with the merge's
 * `canonicalModel(merged, undefined, { firstSeen: false })`.
 */
export function canonicalOfParts(parts: readonly Incident[]): CanonicalModel {
  const out: CanonicalModel = {
    records: [],
    events: [],
    sampleValues: [],
    series: [],
    snapshots: [],
    crashes: [],
    leakKinds: {},
  }
  const shift: Shift = { lines: 0, records: 0, snapshots: 0 }
  // A sample type is declared once in the whole, however many parts declared it.
  const declared = new Set<string>()
  for (const part of parts) {
    const one = canonicalModel(part, shift, { firstSeen: false })
    out.records.push(...one.records)
    out.events.push(...one.events)
    for (const v of one.sampleValues) {
      const type = `${String(v.type)}\u0000${String(v.unit)}`
      if (v.record === NONE && declared.has(type)) continue
      if (v.record === NONE) declared.add(type)
      out.sampleValues.push(v)
    }
    out.snapshots.push(...one.snapshots)
    // Tail lines a part read before a crash of its own end the last crash before it.
    const before = out.crashes.at(-1)
    for (const text of part.sources[0].detailsBeforeFirstCrash ?? [])
      if (before && !before.details.includes(text)) before.details = [...before.details, text]
    out.crashes.push(...one.crashes)
    for (const s of one.series) {
      const joined = out.series.find((t) => t.name === s.name)
      if (joined) {
        joined.time.push(...s.time)
        joined.value.push(...s.value)
      } else out.series.push(s)
    }
    for (const [kind, v] of Object.entries(one.leakKinds)) {
      const k = (out.leakKinds[kind] ??= { bytes: 0, allocations: 0 })
      k.bytes += v.bytes
      k.allocations += v.allocations
    }
    shift.lines += part.sources[0].lines
    shift.records += part.records.length
    shift.snapshots += part.snapshots.length
  }
  return out
}
