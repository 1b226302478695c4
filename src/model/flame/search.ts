import type { Incident, IndexIntoFrameTable } from '../types'
import { NONE } from '../types'
import type { CallTree } from './call-tree'
import { nestedRepeat } from '../search-regex'

/** A compiled search: `/re/flags` is a regular expression, anything else a case-blind substring. */
export type FrameMatcher = ((text: string) => boolean) | { error: string }

export function compileFrameSearch(query: string): FrameMatcher {
  const trimmed = query.trim()
  const end = trimmed.lastIndexOf('/')
  if (trimmed.length > 2 && trimmed.startsWith('/') && end > 0) {
    const refused = nestedRepeat(trimmed.slice(1, end))
    if (refused) return { error: `This regex was not run: ${refused}.` }
    try {
      // `i` by default; only flags that make sense for a test (no g/y state between calls).
      // `m` always: the text is function, file and module on separate lines, so `^`/`$` anchor
      // each of them.
      const flags = (trimmed.slice(end + 1).replace(/[^isu]/g, '') || 'i') + 'm'
      const re = new RegExp(trimmed.slice(1, end), flags)
      return (text) => re.test(text)
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) }
    }
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

/** Marks the nodes whose frame matches; each distinct frame is tested once. */
export function computeSearchMatches(
  incident: Incident,
  tree: CallTree,
  match: (text: string) => boolean,
): SearchResult {
  const frameMatch = new Int8Array(incident.frames.length).fill(-1)
  const matched = new Uint8Array(tree.length)
  // covered[i]: i or one of its callers matched, so its weight is already counted.
  const covered = new Uint8Array(tree.length)
  let nodes = 0
  let weight = 0
  for (let i = 1; i < tree.length; i++) {
    const f = tree.frame[i]
    if (frameMatch[f] === -1) frameMatch[f] = match(getFrameSearchText(incident, f)) ? 1 : 0
    const p = tree.parent[i]
    if (frameMatch[f]) {
      matched[i] = 1
      if (tree.total[i] > 0) nodes++
      if (!covered[p]) weight += tree.total[i]
      covered[i] = 1
    } else {
      covered[i] = covered[p]
    }
  }
  return { matched, nodes, weight, total: tree.total[0] }
}
