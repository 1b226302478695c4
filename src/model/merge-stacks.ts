import type { IndexIntoStackTable, IndexIntoStringTable, StackTable } from './types'
import { NONE } from './types'

/** A parent with more children than this gets a map from frame to child instead of a walk. */
const LIST_LIMIT = 32

/**
 * Joins the stack prefix trees of consecutive parts of one file into the tree of the whole,
 * numbering nodes as a parse of the whole file would (in order of first appearance).
 *
 * A part's nodes are already distinct, so a node only has to be looked up in the tree built
 * so far when its caller is a node that tree already had: under a node the part itself added,
 * every child is new and is appended. Two million folded lines make 16.7 million nodes that
 * share little below their first frames; interning every one of them again in a hash map took
 * most of the merge and its memory. The lookups that remain walk a node's children (a
 * first-child and next-sibling list), or a map for a node with many.
 */
export class StackTreeMerger {
  readonly frame: Int32Array<ArrayBuffer>
  readonly prefix: Int32Array<ArrayBuffer>
  readonly depth: Int32Array<ArrayBuffer>
  readonly args: Int32Array<ArrayBuffer>
  readonly argsDiffer: Uint8Array<ArrayBuffer>
  length = 0
  // Children lists, kept only for the nodes later parts may look up under.
  private readonly firstChild: Int32Array
  private readonly nextSibling: Int32Array
  private firstRoot = NONE
  private readonly childMaps = new Map<IndexIntoStackTable, Map<number, IndexIntoStackTable>>()

  /**
   * `capacity`: the nodes of every part (an upper bound); `linked`: the nodes of every part but
   * the last, the only ones a later part can find again.
   */
  constructor(
    capacity: number,
    private readonly linked: number,
  ) {
    this.frame = new Int32Array(capacity)
    this.prefix = new Int32Array(capacity)
    this.depth = new Int32Array(capacity)
    this.args = new Int32Array(capacity).fill(NONE)
    this.argsDiffer = new Uint8Array(capacity)
    this.firstChild = new Int32Array(Math.min(linked, capacity)).fill(NONE)
    this.nextSibling = new Int32Array(Math.min(linked, capacity))
  }

  /**
   * Adds a part's tree; returns each of its nodes' index in the whole. `frameMap` moves its
   * frame indices; `noteArgs(node, i)` is called for each part node `i` with arguments, after
   * `node` is placed, to keep the first and mark those that differ (the builder's rule).
   */
  addPart(
    stacks: StackTable,
    frameMap: Int32Array,
    noteArgs: (node: IndexIntoStackTable, partNode: number) => void,
  ): Int32Array {
    const { frame, prefix, depth, args, argsDiffer } = stacks
    const map = new Int32Array(stacks.length)
    // Nodes before this part: a child of one of them may already be in the tree.
    const before = this.length
    for (let i = 0; i < stacks.length; i++) {
      const p = prefix[i] === NONE ? NONE : map[prefix[i]]
      const f = frameMap[frame[i]]
      let node = p >= before ? NONE : this.child(p, f)
      if (node === NONE) node = this.append(p, f, depth[i])
      map[i] = node
      if (args[i] !== NONE) noteArgs(node, i)
      if (argsDiffer[i]) this.argsDiffer[node] = 1
    }
    return map
  }

  /** The finished table; columns are trimmed when the parts shared many nodes. */
  finish(): StackTable {
    const n = this.length
    const copy = n * 8 < this.frame.length * 7
    const trim = (a: Int32Array<ArrayBuffer>) => (copy ? a.slice(0, n) : a.subarray(0, n))
    return {
      frame: trim(this.frame),
      prefix: trim(this.prefix),
      depth: trim(this.depth),
      args: trim(this.args),
      argsDiffer: copy ? this.argsDiffer.slice(0, n) : this.argsDiffer.subarray(0, n),
      length: n,
    }
  }

  /** Sets a node's arguments string (its first seen). */
  setArgs(node: IndexIntoStackTable, s: IndexIntoStringTable): void {
    this.args[node] = s
  }

  private child(p: IndexIntoStackTable, f: number): IndexIntoStackTable {
    const byFrame = this.childMaps.get(p)
    if (byFrame) return byFrame.get(f) ?? NONE
    let walked = 0
    for (
      let c = p === NONE ? this.firstRoot : this.firstChild[p];
      c !== NONE;
      c = this.nextSibling[c]
    ) {
      if (this.frame[c] === f) return c
      walked++
    }
    if (walked > LIST_LIMIT) this.childMaps.set(p, this.childrenOf(p))
    return NONE
  }

  private childrenOf(p: IndexIntoStackTable): Map<number, IndexIntoStackTable> {
    const byFrame = new Map<number, IndexIntoStackTable>()
    for (
      let c = p === NONE ? this.firstRoot : this.firstChild[p];
      c !== NONE;
      c = this.nextSibling[c]
    )
      byFrame.set(this.frame[c], c)
    return byFrame
  }

  private append(p: IndexIntoStackTable, f: number, depth: number): IndexIntoStackTable {
    const node = this.length++
    this.frame[node] = f
    this.prefix[node] = p
    this.depth[node] = depth
    if (node >= this.linked) return node
    if (p === NONE) {
      this.nextSibling[node] = this.firstRoot
      this.firstRoot = node
    } else {
      this.nextSibling[node] = this.firstChild[p]
      this.firstChild[p] = node
    }
    if (this.childMaps.size > 0) this.childMaps.get(p)?.set(f, node)
    return node
  }
}
