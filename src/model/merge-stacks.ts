import type { IndexIntoStackTable, StackTable } from './types'
import { NONE } from './types'
import { IntTupleMap } from '../lib/int-tuple-map'

/**
 * Joins the stack prefix trees of consecutive parts of one file into the tree of the whole,
 * numbering nodes as a parse of the whole file would (in order of first appearance).
 *
 * A part's nodes are already distinct, so a node only has to be looked up in the tree built
 * so far when its caller is a node that tree already had: under a node the part itself added,
 * every child is new and is appended. Two million folded lines make 16.7 million nodes that
 * share little below their first frames; interning every one of them again in a hash map took
 * most of the merge and its memory. Each node keeps a list of its children (first child, next
 * sibling), and only the children of the nodes a lookup reaches are put in a map.
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
  // (caller, frame) -> child, for the callers looked under so far (`indexed`, by node + 1):
  // walking a caller's list for every lookup missed the cache at each sibling.
  private readonly children = new IntTupleMap(2)
  private readonly key = new Int32Array(2)
  private readonly indexed: Uint8Array

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
    this.indexed = new Uint8Array(Math.min(linked, capacity) + 1)
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

  /** Sets the hash of a node's arguments (its first seen). */
  setArgs(node: IndexIntoStackTable, argsHash: number): void {
    this.args[node] = argsHash
  }

  private child(p: IndexIntoStackTable, f: number): IndexIntoStackTable {
    if (this.indexed[p + 1] === 0) this.index(p)
    const key = this.key
    key[0] = p
    key[1] = f
    return this.children.get(key)
  }

  /** Puts the children `p` has so far in the map: once, when one is first looked for. */
  private index(p: IndexIntoStackTable): void {
    this.indexed[p + 1] = 1
    const key = this.key
    key[0] = p
    for (
      let c = p === NONE ? this.firstRoot : this.firstChild[p];
      c !== NONE;
      c = this.nextSibling[c]
    ) {
      key[1] = this.frame[c]
      this.children.set(key, c)
    }
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
    if (this.indexed[p + 1] === 1) {
      this.key[0] = p
      this.key[1] = f
      this.children.set(this.key, node)
    }
    return node
  }
}
