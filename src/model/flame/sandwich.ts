import type {
  Incident,
  IndexIntoRecordTable,
  IndexIntoStackTable,
  IndexIntoStringTable,
} from '../types'
import { NONE } from '../types'
import { CallTreeBuilder, type CallTree } from './call-tree'

/**
 * The sandwich view of one function (after speedscope's): `callers` is an inverted tree with
 * the function at depth 1 and its callers above it, `callees` a normal tree rooted at the
 * function. Only the outermost call of the function in each stack counts, so recursion never
 * counts a record twice and both trees weigh exactly the function's total.
 */
export type Sandwich = {
  func: IndexIntoStringTable
  callers: CallTree
  callees: CallTree
}

export function computeSandwich(
  incident: Incident,
  weights: Float64Array,
  func: IndexIntoStringTable,
): Sandwich {
  const { stacks, records, frames } = incident
  // Stacks repeat a lot (420k goroutines, a few hundred stacks): sum weights per leaf first.
  const weightOfLeaf = new Map<IndexIntoStackTable, number>()
  for (let r: IndexIntoRecordTable = 0; r < records.length; r++) {
    const w = weights[r]
    if (w === 0 || records.stack[r] === NONE) continue
    weightOfLeaf.set(records.stack[r], (weightOfLeaf.get(records.stack[r]) ?? 0) + w)
  }
  const callers = new CallTreeBuilder(false)
  const callees = new CallTreeBuilder(false)
  const path: number[] = []
  for (const [leaf, w] of weightOfLeaf) {
    path.length = 0
    for (let s = leaf; s !== NONE; s = stacks.prefix[s]) path.push(stacks.frame[s])
    path.reverse()
    const at = path.findIndex((f) => frames.func[f] === func)
    if (at < 0) continue
    let up = 0
    for (let k = at; k >= 0; k--) up = callers.child(up, path[k])
    callers.addSelf(up, w)
    let down = 0
    for (let k = at; k < path.length; k++) down = callees.child(down, path[k])
    callees.addSelf(down, w)
  }
  return { func, callers: callers.finish(), callees: callees.finish() }
}
