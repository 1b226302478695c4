import type { Incident } from '../types'
import type { CallTree, IndexIntoCallTree } from './call-tree'

/** How siblings are ordered left to right. */
export type FlameOrder =
  /** Merged, heaviest first (speedscope's "left heavy"): the big picture reads from the left. */
  | 'heavy'
  /** Alphabetical by function, as flamegraph.pl draws: the same frame sits in the same place. */
  | 'name'

/**
 * Where every node of a call tree goes: `start` is an offset in weight units (the root spans
 * `[0, total[0]]`) and the row is the node's depth. `rows[d]` lists the visible nodes of depth
 * d sorted by `start`, so drawing a viewport is a binary search per row, and keyboard moves
 * to the left/right neighbour are an index step.
 */
export type FlameLayout = {
  tree: CallTree
  order: FlameOrder
  start: Float64Array
  /** Per depth, nodes with a non-zero width, left to right. */
  rows: Int32Array[]
  /** Position of each node in its row, or -1 when it has no width. */
  indexInRow: Int32Array
  /** Children of each node in display order (same CSR shape as the tree's). */
  sortedChildren: Int32Array
}

/** Lays out a call tree; O(n log n) for the sibling sorts, the rest is two linear passes. */
export function computeFlameLayout(
  incident: Incident,
  tree: CallTree,
  order: FlameOrder,
): FlameLayout {
  const { total, frame, childStart, childCount } = tree
  const rank = computeNameRanks(incident)
  // Integer ranks instead of string comparisons: a 100k-node tree sorts in tens of ms.
  const byName = (a: number, b: number) => rank[frame[a]] - rank[frame[b]] || a - b
  const compare =
    order === 'heavy' ? (a: number, b: number) => total[b] - total[a] || byName(a, b) : byName
  const sortedChildren = tree.children.slice()
  for (let i = 0; i < tree.length; i++) {
    if (childCount[i] > 1) {
      sortedChildren.subarray(childStart[i], childStart[i] + childCount[i]).sort(compare)
    }
  }

  const start = new Float64Array(tree.length)
  const rowLength = new Int32Array(tree.maxDepth + 1)
  for (let i = 0; i < tree.length; i++) if (total[i] > 0) rowLength[tree.depth[i]]++
  const rows = Array.from(rowLength, (n) => new Int32Array(n))
  const filled = new Int32Array(tree.maxDepth + 1)
  const indexInRow = new Int32Array(tree.length).fill(-1)

  // Depth-first, left to right: rows fill in start order without a sort.
  const stack: IndexIntoCallTree[] = [0]
  while (stack.length) {
    const node = stack.pop()!
    if (total[node] > 0) {
      const d = tree.depth[node]
      indexInRow[node] = filled[d]
      rows[d][filled[d]++] = node
    }
    let x = start[node]
    const first = childStart[node]
    for (let k = first; k < first + childCount[node]; k++) {
      const child = sortedChildren[k]
      start[child] = x
      x += total[child]
    }
    for (let k = first + childCount[node] - 1; k >= first; k--) stack.push(sortedChildren[k])
  }
  return { tree, order, start, rows, indexInRow, sortedChildren }
}

/** Each frame's position when frames are sorted by function name (ties by frame index). */
function computeNameRanks(incident: Incident): Int32Array {
  const { func } = incident.frames
  const names = incident.strings
  const order = Array.from({ length: incident.frames.length }, (_, i) => i)
  order.sort((a, b) => {
    const na = names[func[a]]
    const nb = names[func[b]]
    return na < nb ? -1 : na > nb ? 1 : a - b
  })
  const rank = new Int32Array(order.length)
  order.forEach((f, i) => (rank[f] = i))
  return rank
}

/**
 * The node drawn at weight offset `x` in row `depth`, or -1. Binary search over the row.
 */
export function hitTest(layout: FlameLayout, depth: number, x: number): IndexIntoCallTree {
  const row = layout.rows[depth]
  if (!row || row.length === 0) return -1
  let lo = 0
  let hi = row.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (layout.start[row[mid]] <= x) lo = mid
    else hi = mid - 1
  }
  const node = row[lo]
  const s = layout.start[node]
  return x >= s && x < s + layout.tree.total[node] ? node : -1
}

/** Index of the first node in `row` whose right edge is after `x` (for drawing a viewport). */
export function firstVisibleInRow(layout: FlameLayout, row: Int32Array, x: number): number {
  let lo = 0
  let hi = row.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const node = row[mid]
    if (layout.start[node] + layout.tree.total[node] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** A keyboard move from `node`: to the caller, the heaviest callee, or a row neighbour. */
export function moveInLayout(
  layout: FlameLayout,
  node: IndexIntoCallTree,
  move: 'parent' | 'child' | 'left' | 'right',
): IndexIntoCallTree {
  const { tree } = layout
  switch (move) {
    case 'parent':
      return node > 0 ? tree.parent[node] : node
    case 'child': {
      const first = tree.childStart[node]
      for (let k = first; k < first + tree.childCount[node]; k++) {
        const c = layout.sortedChildren[k]
        if (tree.total[c] > 0) return c
      }
      return node
    }
    case 'left':
    case 'right': {
      const row = layout.rows[tree.depth[node]]
      const i = layout.indexInRow[node] + (move === 'left' ? -1 : 1)
      return i >= 0 && i < row.length ? row[i] : node
    }
  }
}
