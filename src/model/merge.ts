import { IncidentBuilder } from './builder'
import type { Remap } from './growable-table'
import type { CrashFact, FrameKind, Incident, Region, SourceInfo } from './types'
import { NONE } from './types'
import { splitDumps } from './dumps'
import { StackTreeMerger } from './merge-stacks'

/** A part's string not yet interned in the whole. */
const UNMAPPED = -2

/** One part of a source parsed on its own: the model and where the part starts in the file. */
export type IncidentPart = {
  incident: Incident
  /** Byte offset of the part's first byte in the whole (decompressed) file. */
  startByte: number
}

/**
 * Joins the models of consecutive parts of one file (each parsed by its own worker) into the
 * model of the whole file. The parts are replayed into one `IncidentBuilder`, so strings and
 * frames are interned again by the builder's own identity rules (and boot clocks kept by its
 * rule); stack nodes are joined by `StackTreeMerger`, which looks up only the nodes a part may
 * share with the parts before. Every column moves by what it indexes into (see `IndexKind`):
 * line numbers by the lines before the part, record and snapshot indices by the rows before
 * it. Each part holds one source; the result has one source.
 */
export function mergeIncidentParts(parts: readonly IncidentPart[]): Incident {
  if (parts.length === 1) return parts[0].incident
  const builder = new IncidentBuilder()
  const first = parts[0].incident.sources[0]
  builder.beginSource(first.name, 0, first.fingerprint)

  let recordBase = 0
  let snapshotBase = 0
  let lineBase = 0
  let lastCrash: CrashFact | undefined
  const nodes = parts.map((p) => p.incident.stacks.length)
  const stacks = new StackTreeMerger(
    nodes.reduce((a, b) => a + b, 0),
    nodes.slice(0, -1).reduce((a, b) => a + b, 0),
  )
  // The builder's rule for a node's arguments: the first seen are kept; others mark it.
  const noteArgs = (node: number, argsHash: number) => {
    const seen = stacks.args[node]
    if (seen === NONE) stacks.setArgs(node, argsHash)
    else if (seen !== argsHash) stacks.argsDiffer[node] = 1
  }
  for (const { incident } of parts) {
    const { strings } = incident
    const optional = (i: number) => (i === NONE ? undefined : strings[i])

    const f = incident.frames
    const frameMap = new Int32Array(f.length)
    for (let i = 0; i < f.length; i++) {
      frameMap[i] = builder.frame({
        func: strings[f.func[i]],
        file: optional(f.file[i]),
        line: f.line[i],
        module: optional(f.module[i]),
        kind: f.kind[i] as FrameKind,
        address: optional(f.address[i]),
      })
    }

    const stackMap = stacks.addPart(incident.stacks, frameMap, (node, i) =>
      noteArgs(node, incident.stacks.args[i]),
    )

    // A part's strings are interned in the whole once each: records repeat a few states.
    const stringMap = new Int32Array(strings.length).fill(UNMAPPED)
    const remap: Remap = {
      strings: (i) =>
        i === NONE
          ? NONE
          : stringMap[i] !== UNMAPPED
            ? stringMap[i]
            : (stringMap[i] = builder.intern(strings[i])),
      frames: (i) => (i === NONE ? NONE : frameMap[i]),
      stacks: (i) => (i === NONE ? NONE : stackMap[i]),
      records: (i) => (i === NONE ? NONE : i + recordBase),
      snapshots: (i) => (i === NONE ? NONE : i + snapshotBase),
      lines: (line) => line + lineBase,
      sources: () => builder.currentSource,
    }
    builder.appendRows('records', incident.records, remap)
    builder.appendRows('events', incident.events, remap)
    appendSampleValues(builder, incident, recordBase)

    // A part's series are appended whole: a 5M-line log's parts hold millions of points.
    for (const one of incident.series) {
      const points = builder.seriesPoints(one.name, one.unit)
      points.time.pushAll(one.time)
      points.value.pushAll(one.value)
    }
    for (const snap of incident.snapshots)
      builder.addSnapshot({ ...snap, line: remap.lines(snap.line) })
    // Tail lines a part read before any crash of its own end the last crash of the parts before.
    for (const text of incident.sources[0].detailsBeforeFirstCrash ?? []) {
      if (lastCrash === undefined) builder.noteDetailBeforeFirstCrash(text)
      else if (!lastCrash.details.includes(text)) lastCrash.details.push(text)
    }
    for (const crash of incident.crashes) {
      const record = remap.records(crash.record)
      lastCrash = builder.addCrash({
        ...crash,
        details: [...crash.details],
        line: remap.lines(crash.line),
        record,
      })
    }
    for (const [kind, v] of Object.entries(incident.leakKinds))
      builder.addLeakKind(kind, v.bytes, v.allocations)
    for (const c of incident.sources[0].bootClocks)
      builder.noteBootClock(c.wall, c.sinceBoot, remap.lines(c.line))

    recordBase += incident.records.length
    snapshotBase += incident.snapshots.length
    lineBase += incident.sources[0].lines
  }
  // The builder interned no stack node: the merger numbered them.
  const merged = { ...builder.build(), stacks: stacks.finish() }
  const { bootClocks, detailsBeforeFirstCrash } = merged.sources[0]
  merged.sources[0] = { ...mergeSources(parts), bootClocks }
  if (detailsBeforeFirstCrash) merged.sources[0].detailsBeforeFirstCrash = detailsBeforeFirstCrash
  else delete merged.sources[0].detailsBeforeFirstCrash
  // Dumps are found again over the whole file: a dump may straddle two parts.
  return splitDumps(merged)
}

/**
 * Adds a part's sample values. A sample type is declared once in the whole (each part declares
 * the types it saw, and a declaration repeated per part would be a row the whole file lacks).
 */
function appendSampleValues(builder: IncidentBuilder, part: Incident, recordBase: number): void {
  const { strings, sampleValues: v } = part
  // The builder's handle of each type the part declared, by its type and unit strings.
  const handles = new Map<number, Map<number, number>>()
  for (let i = 0; i < v.length; i++) {
    let byUnit = handles.get(v.type[i])
    if (!byUnit) handles.set(v.type[i], (byUnit = new Map()))
    let handle = byUnit.get(v.unit[i])
    if (handle === undefined) {
      handle = builder.sampleType(strings[v.type[i]], strings[v.unit[i]])
      byUnit.set(v.unit[i], handle)
    }
    if (v.record[i] !== NONE)
      builder.setRecordSamples(v.record[i] + recordBase, [handle], [v.value[i]])
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
  }
}
