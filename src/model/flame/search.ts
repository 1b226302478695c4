import type { Incident, IndexIntoFrameTable } from '../types'
import { NONE } from '../types'
import type { CallTree } from './call-tree'
import { compileUserRegex } from '../user-regex'

/** A compiled search: `/re/flags` is a regular expression, anything else a case-blind substring. */
export type FrameMatcher = ((text: string) => boolean) | { error: string }

export function compileFrameSearch(query: string): FrameMatcher {
  const trimmed = query.trim()
  const end = trimmed.lastIndexOf('/')
  if (trimmed.length > 2 && trimmed.startsWith('/') && end > 0) {
    // `i` by default; only flags that make sense for a test (no g/y state between calls).
    // `m` always: the text is function, file and module on separate lines, so `^`/`$` anchor
    // each of them.
    const flags = (trimmed.slice(end + 1).replace(/[^isu]/g, '') || 'i') + 'm'
    return compileUserRegex(trimmed.slice(1, end), flags)
  }
  const needle = trimmed.toLowerCase()
  return (text) => text.toLowerCase().includes(needle)
}

/** What a search matched in one call tree. */
export type SearchResult = {
  /** 1 for each node whose frame matches. */
  matched: Uint8Array
  /** Matched nodes with a non-zero weight. */
  nodes: number
  /** Weight under matched nodes, each record counted once (nested matches are not added twice). */
  weight: number
  /** The total weight of the tree, for the percentage. */
  total: number
}

/** The text a search looks at for one frame: function, file:line, module. */
export function getFrameSearchText(incident: Incident, frame: IndexIntoFrameTable): string {
  const { frames, strings } = incident
  let text = strings[frames.func[frame]]
  if (frames.file[frame] !== NONE) {
    text += `\n${strings[frames.file[frame]]}`
    if (frames.line[frame] > 0) text += `:${frames.line[frame]}`
  }
  if (frames.module[frame] !== NONE) text += `\n${strings[frames.module[frame]]}`
  return text
}

/**
 * Marks the nodes whose frame matches; each distinct frame is tested once. With the tree's
 * record weights, a Go goroutine whose `created by` site matches counts too (the site is not
 * a frame of its stack, but it is where a reader looks for `lookupIPDeadline`): its outermost
 * node is marked, and the weight is summed per record, each once.
 */
export function computeSearchMatches(
  incident: Incident,
  tree: CallTree,
  match: (text: string) => boolean,
  recordWeights?: Float64Array,
): SearchResult {
  const frameMatch = new Int8Array(incident.frames.length).fill(-1)
  const matchesFrame = (f: IndexIntoFrameTable): boolean => {
    if (frameMatch[f] === -1) frameMatch[f] = match(getFrameSearchText(incident, f)) ? 1 : 0
    return frameMatch[f] === 1
  }
  const matched = new Uint8Array(tree.length)
  // covered[i]: i or one of its callers matched, so its weight is already counted.
  const covered = new Uint8Array(tree.length)
  let nodes = 0
  let weight = 0
  for (let i = 1; i < tree.length; i++) {
    const f = tree.frame[i]
    const p = tree.parent[i]
    if (matchesFrame(f)) {
      matched[i] = 1
      if (tree.total[i] > 0) nodes++
      if (!covered[p]) weight += tree.total[i]
      covered[i] = 1
    } else {
      covered[i] = covered[p]
    }
  }
  if (!recordWeights) return { matched, nodes, weight, total: tree.total[0] }
  return addCreatedByMatches(incident, tree, matchesFrame, recordWeights, matched, nodes)
}

/** Recounts the weight per record: a record counts when a frame or its created-by site matches. */
function addCreatedByMatches(
  incident: Incident,
  tree: CallTree,
  matchesFrame: (f: IndexIntoFrameTable) => boolean,
  recordWeights: Float64Array,
  matched: Uint8Array,
  nodes: number,
): SearchResult {
  const { stacks, records } = incident
  // stackHit[s]: 1 when node s or a caller matches, 0 when none does, -1 not known yet.
  const stackHit = new Int8Array(stacks.length).fill(-1)
  const hit = (leaf: number): boolean => {
    const path: number[] = []
    let s = leaf
    while (s !== NONE && stackHit[s] === -1) {
      path.push(s)
      s = stacks.prefix[s]
    }
    let value = s === NONE ? 0 : stackHit[s]
    for (let k = path.length - 1; k >= 0; k--) {
      if (value === 0 && matchesFrame(stacks.frame[path[k]])) value = 1
      stackHit[path[k]] = value
    }
    return value === 1
  }
  const outermostNode = new Map<IndexIntoFrameTable, number>()
  for (let k = 0; k < tree.childCount[0]; k++) {
    const child = tree.children[tree.childStart[0] + k]
    outermostNode.set(tree.frame[child], child)
  }
  let weight = 0
  for (let r = 0; r < records.length; r++) {
    const w = recordWeights[r]
    if (w === 0) continue
    const leaf = records.stack[r]
    if (leaf !== NONE && hit(leaf)) {
      weight += w
      continue
    }
    const site = records.createdBy[r]
    if (site === NONE || !matchesFrame(stacks.frame[site])) continue
    weight += w
    let root = leaf
    while (root !== NONE && stacks.prefix[root] !== NONE) root = stacks.prefix[root]
    const node = root === NONE ? undefined : outermostNode.get(stacks.frame[root])
    if (node !== undefined && !matched[node]) {
      matched[node] = 1
      nodes++
    }
  }
  return { matched, nodes, weight, total: tree.total[0] }
}
