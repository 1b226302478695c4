import { GrowableArray } from '../../lib/growable-array'
import { keepRecords } from '../record-subset'
import { columnArrays, columnsOf, frameColumns } from '../schema'
import type { FrameTable, Incident, IndexIntoRecordTable, IndexIntoStackTable } from '../types'
import { NONE } from '../types'
import { computeFrameHits } from './frame-hits'
import { StackRewriter } from './stack-rewriter'
import type { Transform } from './types'

/** A node whose records a filter removes. */
const DROP = -2

/**
 * The incident with its stacks rewritten by each transform in turn. Each step costs one pass
 * over the distinct stack nodes plus one over the records to re-point them (and, for the
 * filters, to drop some), so a 420k-goroutine dump on ten thousand nodes re-renders in
 * milliseconds. Everything but frames, stacks and records (and the crashes' record indices)
 * is shared with the input; no transform returns the input itself, except an empty list.
 */
export function applyTransforms(incident: Incident, transforms: readonly Transform[]): Incident {
  return transforms.reduce(applyTransform, incident)
}

export function applyTransform(incident: Incident, t: Transform): Incident {
  const { stacks } = incident
  const hits = computeFrameHits(incident, t)
  const { frames, strings, collapsed } = withCollapsedFrame(incident, t)
  const out = new StackRewriter(stacks)
  // map[n]: the new node standing for old node n (NONE: an empty stack; DROP: removed).
  const map = new Int32Array(stacks.length)
  // inside[n]: the path to n goes through the named function (focus, through).
  const inside = new Uint8Array(stacks.length)
  // recursionOf[new node]: the nearest node at or above it that calls the function (rec).
  const recursionOf = new GrowableArray(Int32Array)
  const intern = (p: number, f: number, from: number) => {
    const node = out.intern(p, f, from)
    if (t.type === 'rec' && node === recursionOf.length)
      recursionOf.push(hits[f] ? node : p === NONE ? NONE : recursionOf.get(p))
    return node
  }

  for (let n = 0; n < stacks.length; n++) {
    const old = stacks.prefix[n]
    const p = old === NONE ? NONE : map[old]
    const f = stacks.frame[n]
    const hit = hits[f] === 1
    if (p === DROP) {
      map[n] = DROP
      continue
    }
    switch (t.type) {
      case 'merge':
      case 'hide-kind':
      case 'hide-regex':
        map[n] = hit ? p : intern(p, f, n)
        break
      case 'drop':
        map[n] = hit ? DROP : intern(p, f, n)
        break
      case 'through':
        inside[n] = hit || (old !== NONE && inside[old] === 1) ? 1 : 0
        map[n] = intern(p, f, n)
        break
      case 'focus': {
        const above = old !== NONE && inside[old] === 1
        inside[n] = above || hit ? 1 : 0
        // Above the outermost call nothing is kept: the call becomes a root.
        map[n] = above ? intern(p, f, n) : hit ? intern(NONE, f, n) : NONE
        break
      }
      case 'rec': {
        const outer = hit && p !== NONE ? recursionOf.get(p) : NONE
        map[n] = outer !== NONE ? outer : intern(p, f, n)
        break
      }
      case 'drec':
        map[n] = hit && p !== NONE && hits[out.frame.get(p)] === 1 ? p : intern(p, f, n)
        break
      case 'module':
        map[n] = !hit
          ? intern(p, f, n)
          : p !== NONE && out.frame.get(p) === collapsed
            ? p
            : intern(p, collapsed, n)
        break
    }
  }

  const filter = t.type === 'focus' || t.type === 'through'
  // Whether records ending at each node stay: decided per node, then read per record.
  const keepAt = new Uint8Array(stacks.length)
  for (let n = 0; n < stacks.length; n++)
    keepAt[n] = map[n] !== DROP && (!filter || inside[n] === 1) ? 1 : 0
  // A `created by` site is not on the record's own path: filters leave it as it was.
  const createdByOf = createdByMapper(incident, filter || t.type === 'drop' ? null : map, out)
  const createdByMemo = new Int32Array(stacks.length).fill(DROP)
  const r = incident.records
  const keep = new Uint8Array(r.length)
  const stack = new Int32Array(r.length)
  const createdBy = new Int32Array(r.length)
  let kept = 0
  for (let i = 0; i < r.length; i++) {
    const leaf = r.stack[i]
    if (leaf === NONE ? filter : keepAt[leaf] === 0) continue
    keep[i] = 1
    kept++
    stack[i] = leaf === NONE ? NONE : map[leaf]
    const site = r.createdBy[i]
    if (site === NONE) createdBy[i] = NONE
    else {
      if (createdByMemo[site] === DROP) createdByMemo[site] = createdByOf(site)
      createdBy[i] = createdByMemo[site]
    }
  }
  // Mark the new nodes kept records end on (typed marks, not a Set: this runs per record).
  const used = new Uint8Array(out.length)
  for (let i = 0; i < r.length; i++) {
    if (!keep[i]) continue
    if (stack[i] !== NONE) used[stack[i]] = 1
    if (createdBy[i] !== NONE) used[createdBy[i]] = 1
  }
  const { stacks: newStacks, renumber } = out.finish(used)
  for (let i = 0; i < r.length; i++) {
    if (stack[i] !== NONE) stack[i] = renumber[stack[i]]
    if (createdBy[i] !== NONE) createdBy[i] = renumber[createdBy[i]]
  }
  const rewritten = {
    ...incident,
    strings,
    frames,
    stacks: newStacks,
    records: { ...r, stack, createdBy },
  }
  if (kept === r.length) return rewritten
  const keptRecords: IndexIntoRecordTable[] = []
  for (let i = 0; i < r.length; i++) if (keep[i]) keptRecords.push(i)
  // Crashes stay (the banner reads them); one whose record was dropped points at none.
  return keepRecords(rewritten, keptRecords)
}

/** For `module`: the frames with one more frame named after the module, and its index. */
function withCollapsedFrame(
  incident: Incident,
  t: Transform,
): { frames: FrameTable; strings: string[]; collapsed: number } {
  const { frames } = incident
  if (t.type !== 'module') return { frames, strings: incident.strings, collapsed: NONE }
  let strings = incident.strings
  let name = strings.indexOf(t.module)
  if (name === NONE) {
    strings = [...strings, t.module]
    name = strings.length - 1
  }
  // The collapsed frame keeps the kind of the module's first frame, so colours stay meaningful.
  let kind = 0
  for (let f = 0; f < frames.length; f++) {
    const m = frames.module[f]
    if (m !== NONE && (strings[m] === t.module || strings[m].startsWith(t.module + '/'))) {
      kind = frames.kind[f]
      break
    }
  }
  // One more row in every column: the module's name as function and module, its kind.
  const values: Record<string, number> = { func: name, module: name, kind }
  const grown: Record<string, unknown> = { length: frames.length + 1 }
  const from = columnArrays(frames)
  for (const [column, spec] of columnsOf(frameColumns)) {
    const array = new spec.type(frames.length + 1)
    array.set(from[column])
    array[frames.length] = values[column] ?? spec.fill
    grown[column] = array
  }
  return { strings, collapsed: frames.length, frames: grown as FrameTable }
}

/** Maps a `created by` stack through the transform, or copies it unchanged for filters. */
function createdByMapper(
  incident: Incident,
  map: Int32Array | null,
  out: StackRewriter,
): (node: IndexIntoStackTable) => IndexIntoStackTable {
  if (map) return (node) => (map[node] === DROP ? NONE : map[node])
  const copied = new Map<IndexIntoStackTable, IndexIntoStackTable>()
  const { stacks } = incident
  const copy = (node: IndexIntoStackTable): IndexIntoStackTable => {
    const done = copied.get(node)
    if (done !== undefined) return done
    // Walk up to the first copied caller, then intern back down (no recursion on deep stacks).
    const path: IndexIntoStackTable[] = []
    let p = node
    while (p !== NONE && !copied.has(p)) {
      path.push(p)
      p = stacks.prefix[p]
    }
    let parent = p === NONE ? NONE : copied.get(p)!
    for (let k = path.length - 1; k >= 0; k--) {
      parent = out.intern(parent, stacks.frame[path[k]], path[k])
      copied.set(path[k], parent)
    }
    return parent
  }
  return copy
}
