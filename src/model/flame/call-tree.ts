import { GrowableArray } from '../../lib/growable-array'
import { IntTupleMap } from '../../lib/int-tuple-map'
import type { Incident, IndexIntoFrameTable, IndexIntoRecordTable } from '../types'
import { NONE } from '../types'
import { getSampleWeights, parseSampleWeight, type SampleWeight } from './sample-weights'
import { getSampleColumns } from '../sample-columns'

/** What a frame's width measures. */
export type FlameWeight =
  /** Goroutines or threads (for leak records: allocations, as `count` says). */
  | 'count'
  | 'bytes'
  | 'allocations'
  /** Minutes waited as the Go runtime printed them; records that do not say weigh nothing. */
  | 'wait'
  /** A sample type the input declared (pprof); records of other inputs weigh nothing. */
  | SampleWeight

export const flameWeights: readonly FlameWeight[] = ['count', 'bytes', 'allocations', 'wait']

/** The record weights, then one weight per sample type the incident's inputs declared. */
export function getFlameWeights(incident: Incident): FlameWeight[] {
  return [...flameWeights, ...getSampleWeights(incident)]
}

/** An index into a `CallTree`. Node 0 is the root ("all"). */
export type IndexIntoCallTree = number

/**
 * Records merged by call path: one node per distinct root-first path of frames, with self and
 * total weights. Struct of arrays like the model, so 100k nodes cost a few typed arrays.
 * Parents always come before their children (`parent[i] < i`), so one backward pass sums totals.
 */
export type CallTree = {
  /** The node's frame; NONE for the root. */
  frame: Int32Array
  /** The caller's node; NONE for the root. */
  parent: Int32Array
  /** 0 for the root, 1 for the outermost frames. */
  depth: Int32Array
  /** Weight of records whose stack ends here. */
  self: Float64Array
  /** Weight of records whose stack passes through here. */
  total: Float64Array
  /** Baseline weights of a differential tree (what `self`/`total` were before), else null. */
  baseSelf: Float64Array | null
  baseTotal: Float64Array | null
  /** Children in creation order: `children[childStart[i] .. childStart[i] + childCount[i]]`. */
  childStart: Int32Array
  childCount: Int32Array
  children: Int32Array
  length: number
  maxDepth: number
}

/** The weight of each record, 0 for records outside `include`. */
export function computeRecordWeights(
  incident: Incident,
  weight: FlameWeight,
  include?: (record: IndexIntoRecordTable) => boolean,
): Float64Array {
  const r = incident.records
  const out = new Float64Array(r.length)
  const sample = parseSampleWeight(weight)
  const column = sample
    ? (getSampleColumns(incident)?.values[sample.column] ?? new Float64Array(r.length))
    : weight === 'count'
      ? r.count
      : weight === 'bytes'
        ? r.bytes
        : weight === 'allocations'
          ? r.allocations
          : r.waitMinutes
  for (let i = 0; i < r.length; i++) {
    if (include && !include(i)) continue
    const w = column[i]
    // waitMinutes is -1 and missing sample values NaN when unknown; no weight is negative.
    out[i] = w > 0 ? w : 0
  }
  return out
}

/** Sum of each weight over all records, to pick a weight that has something to show. */
export function computeWeightTotals(incident: Incident): Record<FlameWeight, number> {
  const totals: Record<FlameWeight, number> = { count: 0, bytes: 0, allocations: 0, wait: 0 }
  for (const w of getFlameWeights(incident)) {
    const weights = computeRecordWeights(incident, w)
    let sum = 0
    for (let i = 0; i < weights.length; i++) sum += weights[i]
    totals[w] = sum
  }
  return totals
}

/** Grows a call tree one child at a time; `finish()` sums totals and indexes children. */
export class CallTreeBuilder {
  private readonly frame: GrowableArray<Int32ArrayConstructor>
  private readonly parent: GrowableArray<Int32ArrayConstructor>
  private readonly depth: GrowableArray<Int32ArrayConstructor>
  private readonly self: GrowableArray<Float64ArrayConstructor>
  private readonly baseSelf: GrowableArray<Float64ArrayConstructor> | null
  /** (parent node, frame) to the child node. */
  private readonly childOf = new IntTupleMap(2)
  private readonly childKey = new Int32Array(2)

  /** `capacity`: the nodes expected, when known; the columns then never grow or get copied. */
  constructor(withBaseline: boolean, capacity?: number) {
    this.frame = new GrowableArray(Int32Array, capacity)
    this.parent = new GrowableArray(Int32Array, capacity)
    this.depth = new GrowableArray(Int32Array, capacity)
    this.self = new GrowableArray(Float64Array, capacity)
    this.baseSelf = withBaseline ? new GrowableArray(Float64Array, capacity) : null
    this.frame.push(NONE)
    this.parent.push(NONE)
    this.depth.push(0)
    this.self.push(0)
    this.baseSelf?.push(0)
  }

  /** The child of `parent` for `frame`, created on first use. */
  child(parent: IndexIntoCallTree, frame: IndexIntoFrameTable): IndexIntoCallTree {
    const key = this.childKey
    key[0] = parent
    key[1] = frame
    let node = this.childOf.get(key)
    if (node === -1) {
      node = this.frame.push(frame)
      this.parent.push(parent)
      this.depth.push(this.depth.get(parent) + 1)
      this.self.push(0)
      this.baseSelf?.push(0)
      this.childOf.set(key, node)
    }
    return node
  }

  /**
   * A new child of `parent`, without the lookup `child()` does. Only for callers that know the
   * (parent, frame) pair is new: stack nodes are already unique by (prefix, frame).
   */
  newChild(parent: IndexIntoCallTree, frame: IndexIntoFrameTable): IndexIntoCallTree {
    const node = this.frame.push(frame)
    this.parent.push(parent)
    this.depth.push(this.depth.get(parent) + 1)
    this.self.push(0)
    this.baseSelf?.push(0)
    return node
  }

  /** Follows (and creates) a root-first path of frames from the root. */
  path(frames: readonly IndexIntoFrameTable[]): IndexIntoCallTree {
    let node = 0
    for (const f of frames) node = this.child(node, f)
    return node
  }

  addSelf(node: IndexIntoCallTree, weight: number, baseline = 0): void {
    this.self.set(node, this.self.get(node) + weight)
    if (this.baseSelf) this.baseSelf.set(node, this.baseSelf.get(node) + baseline)
  }

  finish(): CallTree {
    const length = this.frame.length
    const parent = this.parent.finish()
    const self = this.self.finish()
    const total = self.slice()
    const baseSelf = this.baseSelf?.finish() ?? null
    const baseTotal = baseSelf?.slice() ?? null
    const depth = this.depth.finish()
    const childCount = new Int32Array(length)
    let maxDepth = 0
    for (let i = length - 1; i > 0; i--) {
      const p = parent[i]
      total[p] += total[i]
      if (baseTotal) baseTotal[p] += baseTotal[i]
      childCount[p]++
      if (depth[i] > maxDepth) maxDepth = depth[i]
    }
    // Each node's run of children ends where the next one's starts. Placing children from the
    // last node back moves each run's end down to its start: no cursor array, which cost
    // 4 bytes a node (67 MB for two million folded lines).
    const childStart = new Int32Array(length)
    let end = 0
    for (let i = 0; i < length; i++) childStart[i] = end += childCount[i]
    const children = new Int32Array(Math.max(0, length - 1))
    for (let i = length - 1; i > 0; i--) children[--childStart[parent[i]]] = i
    return {
      frame: this.frame.finish(),
      parent,
      depth,
      self,
      total,
      baseSelf,
      baseTotal,
      childStart,
      childCount,
      children,
      length,
      maxDepth,
    }
  }
}

/**
 * Merges records into a call tree by their stacks (root first). `weights` is one number per
 * record (see `computeRecordWeights`); records weighing 0 in both `weights` and `baseline` are
 * left out. With a `baseline`, the tree is differential: `total` is the second input and
 * `baseTotal` the first. One pass over the records, and constant work per distinct stack node.
 */
export function computeCallTree(
  incident: Incident,
  weights: Float64Array,
  baseline?: Float64Array,
): CallTree {
  const { stacks, records } = incident
  // At most one node per stack node, and the root.
  const builder = new CallTreeBuilder(baseline !== undefined, stacks.length + 1)
  const nodeOfStack = new Int32Array(stacks.length).fill(NONE)
  const pending: number[] = []
  for (let r = 0; r < records.length; r++) {
    const w = weights[r]
    const b = baseline ? baseline[r] : 0
    if (w === 0 && b === 0) continue
    const leaf = records.stack[r]
    let node = 0
    if (leaf !== NONE) {
      node = nodeOfStack[leaf]
      if (node === NONE) {
        // Walk up to the first stack node already in the tree, then create the path down.
        let s = leaf
        while (s !== NONE && nodeOfStack[s] === NONE) {
          pending.push(s)
          s = stacks.prefix[s]
        }
        node = s === NONE ? 0 : nodeOfStack[s]
        while (pending.length) {
          const next = pending.pop()!
          // The stack table is a prefix tree unique by (prefix, frame), so each stack node
          // maps to its own call tree node: no lookup needed.
          node = builder.newChild(node, stacks.frame[next])
          nodeOfStack[next] = node
        }
      }
    }
    builder.addSelf(node, w, b)
  }
  return builder.finish()
}

/** Frames from the outermost to `node` (the root's path is empty). */
export function getNodePath(tree: CallTree, node: IndexIntoCallTree): IndexIntoFrameTable[] {
  const path: IndexIntoFrameTable[] = []
  for (let n = node; n > 0; n = tree.parent[n]) path.push(tree.frame[n])
  return path.reverse()
}

/** The node at a root-first path of frames, or the deepest node that exists on it. */
export function findNodeByPath(
  tree: CallTree,
  path: readonly IndexIntoFrameTable[],
): IndexIntoCallTree {
  let node = 0
  for (const frame of path) {
    let next = NONE
    const start = tree.childStart[node]
    for (let k = start; k < start + tree.childCount[node]; k++) {
      if (tree.frame[tree.children[k]] === frame) {
        next = tree.children[k]
        break
      }
    }
    if (next === NONE) break
    node = next
  }
  return node
}
