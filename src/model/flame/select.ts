import type { Group } from '../group'
import type { Incident, IndexIntoFrameTable, IndexIntoStackTable } from '../types'
import { NONE } from '../types'

/** Whether a stack starts (root first) with `path`: its records pass through that flame frame. */
export function stackHasPath(
  incident: Incident,
  leaf: IndexIntoStackTable,
  path: readonly IndexIntoFrameTable[],
): boolean {
  const { stacks } = incident
  if (leaf === NONE) return path.length === 0
  if (stacks.depth[leaf] < path.length - 1) return false
  let node = leaf
  while (node !== NONE && stacks.depth[node] > path.length - 1) node = stacks.prefix[node]
  for (let k = path.length - 1; k >= 0; k--) {
    if (node === NONE || stacks.frame[node] !== path[k]) return false
    node = stacks.prefix[node]
  }
  return true
}

/**
 * Keys of the groups that have at least one record passing through the flame frame at `path`.
 * Each distinct stack is checked once.
 */
export function computeGroupsThroughPath(
  incident: Incident,
  groups: readonly Group[],
  path: readonly IndexIntoFrameTable[],
): Set<string> {
  const memo = new Map<IndexIntoStackTable, boolean>()
  const keys = new Set<string>()
  for (const g of groups) {
    for (let k = 0; k < g.records.length; k++) {
      const leaf = incident.records.stack[g.records[k]]
      let hit = memo.get(leaf)
      if (hit === undefined) {
        hit = stackHasPath(incident, leaf, path)
        memo.set(leaf, hit)
      }
      if (hit) {
        keys.add(g.key)
        break
      }
    }
  }
  return keys
}
