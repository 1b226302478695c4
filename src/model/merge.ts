import { GrowableArray } from '../lib/growable-array'
import { splitDumps } from './dumps'
import type { BootClock, Incident, Region, Series, SourceInfo } from './types'
import { MAX_BOOT_CLOCKS, NONE, SAME_BOOT_MS } from './types'

/** One part of a source parsed on its own: the model and where the part starts in the file. */
export type IncidentPart = {
  incident: Incident
  /** Byte offset of the part's first byte in the whole (decompressed) file. */
  startByte: number
}

/**
 * Joins the models of consecutive parts of one file (each parsed by its own worker) into the
 * model of the whole file: strings, frames and stack nodes are interned again so equal
 * things share one index, and every line number and record index moves by the part's offset.
 * Each part holds one source; the result has one source.
 */
export function mergeIncidentParts(parts: readonly IncidentPart[]): Incident {
  if (parts.length === 1) return parts[0].incident
  const strings: string[] = []
  const stringIndex = new Map<string, number>()
  const internString = (s: string) => {
    let i = stringIndex.get(s)
    if (i === undefined) {
      i = strings.length
      strings.push(s)
      stringIndex.set(s, i)
    }
    return i
  }

  const frames = {
    func: new GrowableArray(Int32Array),
    file: new GrowableArray(Int32Array),
    line: new GrowableArray(Int32Array),
    module: new GrowableArray(Int32Array),
    kind: new GrowableArray(Uint8Array),
    address: new GrowableArray(Int32Array),
  }
  const frameIndex = new Map<string, number>()
  const stacks = {
    frame: new GrowableArray(Int32Array),
    prefix: new GrowableArray(Int32Array),
    depth: new GrowableArray(Int32Array),
    args: new GrowableArray(Int32Array),
    argsDiffer: new GrowableArray(Uint8Array),
  }
  const stackIndex = new Map<number, number>()

  const out = emptyColumns(parts)
  // Each series' pieces in part order; joined once at the end (a series can hold millions of
  // points, too many to spread into an argument list).
  const series = new Map<string, { name: string; unit?: string; pieces: Series[] }>()
  const merged: Incident = {
    strings,
    frames: {
      func: new Int32Array(),
      file: new Int32Array(),
      line: new Int32Array(),
      module: new Int32Array(),
      kind: new Uint8Array(),
      address: new Int32Array(),
      length: 0,
    },
    stacks: {
      frame: new Int32Array(),
      prefix: new Int32Array(),
      depth: new Int32Array(),
      args: new Int32Array(),
      argsDiffer: new Uint8Array(),
      length: 0,
    },
    records: out.records,
    events: out.events,
    series: [],
    snapshots: [],
    crashes: [],
    sources: [mergeSources(parts)],
    leakKinds: {},
  }

  let recordBase = 0
  let eventBase = 0
  let lineBase = 0
  for (const { incident } of parts) {
    const mapString = (i: number) => (i === NONE ? NONE : internString(incident.strings[i]))
    const frameMap = new Int32Array(incident.frames.length)
    const f = incident.frames
    for (let i = 0; i < f.length; i++) {
      const key = `${incident.strings[f.func[i]]}\u0000${f.file[i] === NONE ? '' : incident.strings[f.file[i]]}\u0000${f.line[i]}\u0000${f.module[i] === NONE ? '' : incident.strings[f.module[i]]}\u0000${f.kind[i]}`
      let index = frameIndex.get(key)
      if (index === undefined) {
        index = frames.func.push(mapString(f.func[i]))
        frames.file.push(mapString(f.file[i]))
        frames.line.push(f.line[i])
        frames.module.push(mapString(f.module[i]))
        frames.kind.push(f.kind[i])
        frames.address.push(mapString(f.address[i]))
        frameIndex.set(key, index)
      }
      frameMap[i] = index
    }
    const stackMap = new Int32Array(incident.stacks.length)
    const s = incident.stacks
    for (let i = 0; i < s.length; i++) {
      // Prefixes precede their children, so the prefix is already mapped.
      const prefix = s.prefix[i] === NONE ? NONE : stackMap[s.prefix[i]]
      const frame = frameMap[s.frame[i]]
      const key = (prefix + 1) * 2 ** 22 + frame
      let index = stackIndex.get(key)
      if (index === undefined) {
        index = stacks.frame.push(frame)
        stacks.prefix.push(prefix)
        stacks.depth.push(s.depth[i])
        stacks.args.push(mapString(s.args[i]))
        stacks.argsDiffer.push(s.argsDiffer[i])
        stackIndex.set(key, index)
      } else {
        // Arguments that differ across parts differ in the whole.
        const seen = stacks.args.get(index)
        const here = s.args[i] === NONE ? NONE : internString(incident.strings[s.args[i]])
        if (s.argsDiffer[i] || (seen !== NONE && here !== NONE && seen !== here))
          stacks.argsDiffer.set(index, 1)
        else if (seen === NONE && here !== NONE) stacks.args.set(index, here)
      }
      stackMap[i] = index
    }
    const mapStack = (i: number) => (i === NONE ? NONE : stackMap[i])

    const r = incident.records
    const R = out.records
    for (let i = 0; i < r.length; i++) {
      const k = recordBase + i
      R.stack[k] = mapStack(r.stack[i])
      R.state[k] = mapString(r.state[i])
      R.waitMinutes[k] = r.waitMinutes[i]
      R.id[k] = r.id[i]
      R.name[k] = mapString(r.name[i])
      R.createdBy[k] = mapStack(r.createdBy[i])
      R.parentId[k] = r.parentId[i]
      R.count[k] = r.count[i]
      R.bytes[k] = r.bytes[i]
      R.allocations[k] = r.allocations[i]
      R.time[k] = r.time[i]
      R.snapshot[k] = r.snapshot[i]
      R.argsHash[k] = r.argsHash[i]
      R.flags[k] = r.flags[i]
      R.source[k] = 0
      R.line[k] = r.line[i] + lineBase
    }
    const e = incident.events
    const E = out.events
    for (let i = 0; i < e.length; i++) {
      const k = eventBase + i
      E.time[k] = e.time[i]
      E.relative[k] = e.relative[i]
      E.kind[k] = e.kind[i]
      E.level[k] = e.level[i]
      E.source[k] = 0
      E.line[k] = e.line[i] + lineBase
      E.label[k] = mapString(e.label[i])
    }
    for (const one of incident.series) {
      const entry = series.get(one.name) ?? { name: one.name, unit: one.unit, pieces: [] }
      entry.pieces.push(one)
      series.set(one.name, entry)
    }
    for (const snap of incident.snapshots)
      merged.snapshots.push({ ...snap, source: 0, line: snap.line + lineBase })
    for (const crash of incident.crashes) {
      merged.crashes.push({
        ...crash,
        source: 0,
        line: crash.line + lineBase,
        record: crash.record === NONE ? NONE : crash.record + recordBase,
      })
    }
    for (const [kind, v] of Object.entries(incident.leakKinds)) {
      const k = (merged.leakKinds[kind] ??= { bytes: 0, allocations: 0 })
      k.bytes += v.bytes
      k.allocations += v.allocations
    }
    recordBase += r.length
    eventBase += e.length
    lineBase += incident.sources[0].lines
  }

  merged.frames = {
    func: frames.func.finish(),
    file: frames.file.finish(),
    line: frames.line.finish(),
    module: frames.module.finish(),
    kind: frames.kind.finish(),
    address: frames.address.finish(),
    length: frames.func.length,
  }
  merged.stacks = {
    frame: stacks.frame.finish(),
    prefix: stacks.prefix.finish(),
    depth: stacks.depth.finish(),
    args: stacks.args.finish(),
    argsDiffer: stacks.argsDiffer.finish(),
    length: stacks.frame.length,
  }
  merged.series = [...series.values()].map((s) => ({
    name: s.name,
    unit: s.unit,
    source: 0,
    time: concatColumns(s.pieces.map((p) => p.time)),
    value: concatColumns(s.pieces.map((p) => p.value)),
  }))
  // Dumps are found again over the whole file: a dump may straddle two parts.
  return splitDumps(merged)
}

function emptyColumns(parts: readonly IncidentPart[]) {
  const nr = parts.reduce((n, p) => n + p.incident.records.length, 0)
  const ne = parts.reduce((n, p) => n + p.incident.events.length, 0)
  return {
    records: {
      stack: new Int32Array(nr),
      state: new Int32Array(nr),
      waitMinutes: new Float64Array(nr),
      id: new Float64Array(nr),
      name: new Int32Array(nr),
      createdBy: new Int32Array(nr),
      parentId: new Float64Array(nr),
      count: new Float64Array(nr),
      bytes: new Float64Array(nr),
      allocations: new Float64Array(nr),
      time: new Float64Array(nr),
      snapshot: new Int32Array(nr),
      argsHash: new Int32Array(nr),
      flags: new Uint8Array(nr),
      source: new Int32Array(nr),
      line: new Int32Array(nr),
      length: nr,
    },
    events: {
      time: new Float64Array(ne),
      relative: new Uint8Array(ne),
      kind: new Uint8Array(ne),
      level: new Uint8Array(ne),
      source: new Int32Array(ne),
      line: new Int32Array(ne),
      label: new Int32Array(ne),
      length: ne,
    },
  }
}

/** One source for the whole file: counts add up, regions join where a format runs across a cut. */
function mergeSources(parts: readonly IncidentPart[]): SourceInfo {
  const first = parts[0].incident.sources[0]
  const regions: Region[] = []
  const warnings: string[] = []
  const preamble: string[] = []
  const lineLines: number[] = []
  const lineOffsets: number[] = []
  const bootClocks: BootClock[] = []
  let lineBase = 0
  let bytes = 0
  let unrecognized = 0
  let parseMs = 0
  for (const { incident, startByte } of parts) {
    const s = incident.sources[0]
    for (const r of s.regions) {
      const moved = {
        format: r.format,
        firstLine: r.firstLine + lineBase,
        lastLine: r.lastLine + lineBase,
      }
      const last = regions.at(-1)
      if (last && last.format === moved.format && last.lastLine + 1 >= moved.firstLine)
        last.lastLine = moved.lastLine
      else regions.push(moved)
    }
    for (const w of s.warnings) if (!warnings.includes(w)) warnings.push(w)
    for (const p of s.preamble) if (preamble.length < 12) preamble.push(p)
    for (let i = 0; i < s.lineIndexLines.length; i++) {
      lineLines.push(s.lineIndexLines[i] + lineBase)
      lineOffsets.push(s.lineOffsets[i] + startByte)
    }
    for (const c of s.bootClocks) {
      // A part cut mid-boot repeats the previous part's boot.
      const last = bootClocks.at(-1)
      const same =
        last && Math.abs(last.wall - last.sinceBoot - (c.wall - c.sinceBoot)) < SAME_BOOT_MS
      if (!same && bootClocks.length < MAX_BOOT_CLOCKS)
        bootClocks.push({ ...c, line: c.line + lineBase })
    }
    lineBase += s.lines
    bytes += s.bytes
    unrecognized += s.unrecognizedLines
    parseMs = Math.max(parseMs, s.parseMs)
  }
  return {
    ...first,
    bytes,
    lines: lineBase,
    unrecognizedLines: unrecognized,
    regions,
    warnings,
    preamble,
    parseMs,
    lineIndexLines: Float64Array.from(lineLines),
    lineOffsets: Float64Array.from(lineOffsets),
    bootClocks,
  }
}

function concatColumns(columns: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(columns.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of columns) {
    out.set(c, at)
    at += c.length
  }
  return out
}
