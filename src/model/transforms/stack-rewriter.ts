import { GrowableArray } from '../../lib/growable-array'
import { IntTupleMap } from '../../lib/int-tuple-map'
import { emptyTable, stackColumns } from '../schema'
import type { IndexIntoFrameTable, IndexIntoStackTable, StackTable } from '../types'
import { NONE } from '../types'

/**
 * A new stack table built node by node while an old one is rewritten: `intern(prefix, frame)`
 * returns the one node for that call path, so stacks that a transform makes equal become one
 * node (and one group). Arguments follow the first old node mapped to a new node.
 */
export class StackRewriter {
  readonly frame = new GrowableArray(Int32Array)
  readonly prefix = new GrowableArray(Int32Array)
  private readonly depth = new GrowableArray(Int32Array)
  private readonly args = new GrowableArray(Int32Array)
  private readonly argsDiffer = new GrowableArray(Uint8Array)
  /** (prefix, frame) to the node, as the builder keys its stacks. */
  private readonly nodeOfKey = new IntTupleMap(2)
  private readonly key = new Int32Array(2)

  constructor(private readonly old: StackTable) {}

  get length(): number {
    return this.frame.length
  }

  /** The node for `frame` called from `prefix`, taking arguments from the old node `from`. */
  intern(
    prefix: IndexIntoStackTable,
    frame: IndexIntoFrameTable,
    from: IndexIntoStackTable,
  ): IndexIntoStackTable {
    const key = this.key
    key[0] = prefix
    key[1] = frame
    let node = this.nodeOfKey.get(key)
    if (node === -1) {
      node = this.frame.push(frame)
      this.prefix.push(prefix)
      this.depth.push(prefix === NONE ? 0 : this.depth.get(prefix) + 1)
      this.args.push(from === NONE ? NONE : this.old.args[from])
      this.argsDiffer.push(from === NONE ? 0 : this.old.argsDiffer[from])
      this.nodeOfKey.set(key, node)
    } else if (from !== NONE && this.args.get(node) !== this.old.args[from]) {
      this.argsDiffer.set(node, 1)
    }
    return node
  }

  /**
   * The finished table holding only the nodes on the paths to the nodes marked in `used` (a
   * filter may have built paths no kept record ends on), and the renumbering (`NONE` for a
   * node left out).
   */
  finish(used: Uint8Array): { stacks: StackTable; renumber: Int32Array } {
    const n = this.frame.length
    // Children follow their callers, so one backward pass carries the marks up to the roots.
    const keep = new Uint8Array(n)
    keep.set(used.subarray(0, n))
    for (let i = n - 1; i >= 0; i--) {
      const p = this.prefix.get(i)
      if (keep[i] && p !== NONE) keep[p] = 1
    }
    const renumber = new Int32Array(n).fill(NONE)
    let kept = 0
    for (let i = 0; i < n; i++) if (keep[i]) renumber[i] = kept++
    const stacks: StackTable = emptyTable(stackColumns, kept)
    // Prefixes precede their children, so renumbering keeps `prefix[i] < i`.
    for (let i = 0; i < n; i++) {
      const j = renumber[i]
      if (j === NONE) continue
      const p = this.prefix.get(i)
      stacks.frame[j] = this.frame.get(i)
      stacks.prefix[j] = p === NONE ? NONE : renumber[p]
      stacks.depth[j] = this.depth.get(i)
      stacks.args[j] = this.args.get(i)
      stacks.argsDiffer[j] = this.argsDiffer.get(i)
    }
    return { stacks, renumber }
  }
}
