import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { expect } from 'vitest'
import type { Incident } from '../model/types'
import { NONE } from '../model/types'
import { columnArrays, columnsOf, modelTables, type IndexKind } from '../model/schema'
import { getFrameFunc, getFrameLocation, getStackFrames } from '../model/stacks'
import { parseInputs, type ParseInput } from '../parse/index'

/** Wraps bytes as a parse input, the way a dropped File is read. */
export function inputFromBytes(name: string, bytes: Uint8Array | string): ParseInput {
  const blob = new Blob([bytes as BlobPart])
  return { name, size: blob.size, stream: () => blob.stream() as ReadableStream<Uint8Array> }
}

export function parseText(text: string | Uint8Array, name = 'input.txt'): Promise<Incident> {
  return parseInputs([inputFromBytes(name, text)])
}

export function parseFixture(path: string): Promise<Incident> {
  return parseInputs([inputFromBytes(basename(path), readFileSync(path))])
}

/**
 * A compact, stable text dump of what was parsed: regions, crash facts, then one line per
 * distinct stack (`count× [state] root;…;leaf`), largest first. Snapshots of this dump read
 * like the input and change only when the meaning changes.
 */
export function dumpIncident(incident: Incident): string {
  const out: string[] = []
  for (const s of incident.sources) {
    out.push(`source lines=${s.lines} unrecognized=${s.unrecognizedLines}`)
    for (const r of s.regions) out.push(`  region ${r.format} ${r.firstLine + 1}-${r.lastLine + 1}`)
    for (const w of s.warnings) out.push(`  warning ${w}`)
  }
  for (const c of incident.crashes) {
    const facts = [
      c.kind,
      c.signal,
      c.code && `code=${c.code}`,
      c.addr && `addr=${c.addr}`,
      c.pc && `pc=${c.pc}`,
    ]
    out.push(
      `crash ${facts.filter(Boolean).join(' ')}: ${c.message}${c.threadId !== undefined ? ` (thread ${c.threadId})` : ''}`,
    )
    for (const d of c.details) out.push(`  ${d}`)
  }
  for (const [kind, v] of Object.entries(incident.leakKinds))
    out.push(`leak ${kind}: ${v.bytes} bytes in ${v.allocations}`)
  for (const s of incident.snapshots)
    out.push(`snapshot ${s.label}: ${s.bytes} bytes in ${s.allocations}`)
  const r = incident.records
  const byKey = new Map<string, { count: number; bytes: number; allocations: number }>()
  for (let i = 0; i < r.length; i++) {
    const state = r.state[i] === NONE ? '' : ` [${incident.strings[r.state[i]]}]`
    const frames = r.stack[i] === NONE ? [] : getStackFrames(incident, r.stack[i])
    const text = frames
      .reverse()
      .map((f) => {
        const loc = getFrameLocation(incident, f)
        return loc ? `${getFrameFunc(incident, f)}@${loc}` : getFrameFunc(incident, f)
      })
      .join(';')
    const key = `${state} ${text}`
    const agg = byKey.get(key) ?? { count: 0, bytes: 0, allocations: 0 }
    agg.count += r.count[i]
    agg.bytes += r.bytes[i]
    agg.allocations += r.allocations[i]
    byKey.set(key, agg)
  }
  const rows = [...byKey].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
  for (const [key, v] of rows) {
    const weights = v.bytes || v.allocations ? ` (${v.bytes} B, ${v.allocations} allocs)` : ''
    out.push(`${v.count}×${weights}${key}`)
  }
  if (incident.events.length) out.push(`events ${incident.events.length}`)
  for (const s of incident.series) out.push(`series ${s.name} ${s.value.length} points`)
  return out.join('\n') + '\n'
}

/**
 * Every column has its table's length and every index is in range of what the schema says it
 * indexes into; stack prefixes precede their children.
 */
export function assertIncidentIntegrity(incident: Incident): void {
  const bound: Record<IndexKind, number> = {
    strings: incident.strings.length,
    frames: incident.frames.length,
    stacks: incident.stacks.length,
    records: incident.records.length,
    snapshots: incident.snapshots.length,
    lines: Math.max(0, ...incident.sources.map((s) => s.lines)) + 1,
    sources: incident.sources.length,
  }
  for (const [table, schema] of Object.entries(modelTables)) {
    const rows = incident[table as keyof typeof modelTables]
    const columns = columnArrays(rows)
    for (const [name, { refs }] of columnsOf(schema)) {
      const column = columns[name]
      expect(column.length, `${table}.${name} length`).toBe(rows.length)
      if (refs === undefined) continue
      // Lines and sources always point somewhere; the other indices may be NONE.
      const least = refs === 'lines' || refs === 'sources' ? 0 : NONE
      for (let i = 0; i < column.length; i++) {
        const v = column[i]
        if (!(v >= least && v < bound[refs]))
          expect.fail(`${table}.${name}[${i}] = ${v} is outside ${refs} (${bound[refs]})`)
      }
    }
  }
  const { frames, stacks } = incident
  for (let i = 0; i < frames.length; i++) expect(frames.func[i], `frame ${i} func`).not.toBe(NONE)
  for (let i = 0; i < stacks.length; i++) {
    expect(stacks.frame[i], `stack ${i} frame`).not.toBe(NONE)
    expect(stacks.prefix[i] < i, `stack ${i} prefix precedes it`).toBe(true)
  }
  for (const c of incident.crashes)
    expect(c.record >= NONE && c.record < incident.records.length).toBe(true)
  // Each line of a text source is read once: in one region, in order, or counted as not
  // recognised (a binary profile has no lines, and its one region).
  for (const source of incident.sources) {
    if (source.lines === 0) continue
    let next = 0
    let inRegions = 0
    for (const r of source.regions) {
      expect(r.firstLine >= next && r.firstLine <= r.lastLine, `${source.name} region order`).toBe(
        true,
      )
      next = r.lastLine + 1
      inRegions += r.lastLine - r.firstLine + 1
    }
    expect(next <= source.lines, `${source.name} regions end in the source`).toBe(true)
    expect(inRegions + source.unrecognizedLines, `${source.name} lines read`).toBe(source.lines)
  }
}

/**
 * The one check for a fixture: parse it, snapshot the dump, parse again under the name
 * `unknown` (detection must not depend on the file name) and check integrity.
 */
export async function checkIncidentSnapshot(path: string): Promise<Incident> {
  const incident = await parseFixture(path)
  const dump = dumpIncident(incident)
  expect(dump).toMatchSnapshot()
  const again = await parseInputs([inputFromBytes('unknown', readFileSync(path))])
  expect(dumpIncident(again)).toBe(dump)
  assertIncidentIntegrity(incident)
  return incident
}
