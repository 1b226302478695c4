import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { expect } from 'vitest'
import type { Incident } from '../model/types'
import { NONE } from '../model/types'
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

/** Every index in every table is in range; every column has the table's length. */
export function assertIncidentIntegrity(incident: Incident): void {
  const { frames, stacks, records, events, strings } = incident
  const inStrings = (i: number) => i === NONE || (i >= 0 && i < strings.length)
  for (let i = 0; i < frames.length; i++) {
    expect(inStrings(frames.func[i]) && frames.func[i] !== NONE, `frame ${i} func`).toBe(true)
    expect(inStrings(frames.file[i]) && inStrings(frames.module[i]), `frame ${i} strings`).toBe(
      true,
    )
  }
  for (let i = 0; i < stacks.length; i++) {
    expect(stacks.frame[i] >= 0 && stacks.frame[i] < frames.length, `stack ${i} frame`).toBe(true)
    expect(stacks.prefix[i] >= NONE && stacks.prefix[i] < i, `stack ${i} prefix precedes it`).toBe(
      true,
    )
  }
  for (const column of Object.values(records)) {
    if (typeof column !== 'number') expect(column.length).toBe(records.length)
  }
  for (let i = 0; i < records.length; i++) {
    const s = records.stack[i]
    expect(s >= NONE && s < stacks.length, `record ${i} stack`).toBe(true)
    expect(inStrings(records.state[i]), `record ${i} state`).toBe(true)
    expect(
      records.source[i] >= 0 && records.source[i] < incident.sources.length,
      `record ${i} source`,
    ).toBe(true)
  }
  for (const column of Object.values(events)) {
    if (typeof column !== 'number') expect(column.length).toBe(events.length)
  }
  for (const c of incident.crashes) expect(c.record >= NONE && c.record < records.length).toBe(true)
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
