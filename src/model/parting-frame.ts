import type { Group } from './group'
import { getStackFrames } from './stacks'
import type { Incident, IndexIntoFrameTable } from './types'
import { NONE } from './types'

/**
 * Groups that read alike (the same name at the same frame) and the frame where each one's
 * stack parts from the others': valgrind's three `buff_create buff.c:16` loss records differ
 * only in which line of `editor_init` called it, and three identical rows read as a bug.
 *
 * Returns a lookup, asked only for the rows on screen: a table of two million folded stacks
 * pays one pass over typed arrays, not a path per group. Sets of more than `maxAlike` alike
 * groups are left alone: a hundred rows that all say `malloc` are read by expanding them.
 */
export function makePartingFrameOf(
  incident: Incident,
  groups: readonly Group[],
  maxAlike = 32,
): (group: Group) => IndexIntoFrameTable {
  const frames = incident.frames.length
  const perFrame = new Int32Array(frames + 1)
  for (const g of groups) if (g.labelFrame !== NONE) perFrame[g.labelFrame + 1]++
  const alike = (f: number) => perFrame[f + 1] >= 2 && perFrame[f + 1] <= maxAlike
  // The alike groups, ordered by their label frame: each frame's run starts at `start[frame]`.
  const start = new Int32Array(frames + 1)
  for (let f = 0; f < frames; f++) start[f + 1] = start[f] + (alike(f) ? perFrame[f + 1] : 0)
  const byFrame: Group[] = new Array<Group>(start[frames])
  const filled = start.slice(0, frames)
  for (const g of groups)
    if (g.labelFrame !== NONE && alike(g.labelFrame)) byFrame[filled[g.labelFrame]++] = g
  return (group) => {
    const f = group.labelFrame
    if (f === NONE || !alike(f)) return NONE
    const list = byFrame.slice(start[f], start[f + 1]).filter((g) => g.label === group.label)
    const self = list.indexOf(group)
    if (self < 0 || list.length < 2) return NONE
    const paths = list.map((g) => getStackFrames(incident, g.stack))
    return partingFrame(paths, self, paths[self].indexOf(f) + 1)
  }
}

/**
 * The first frame below `from` (counting from the leaf) that no other path has at that depth;
 * else the first that some other path lacks there; NONE when the path differs nowhere.
 */
function partingFrame(
  paths: readonly IndexIntoFrameTable[][],
  self: number,
  from: number,
): IndexIntoFrameTable {
  const path = paths[self]
  let differs: IndexIntoFrameTable = NONE
  for (let k = Math.max(from, 0); k < path.length; k++) {
    let shared = 0
    for (let j = 0; j < paths.length; j++) if (j !== self && paths[j][k] === path[k]) shared++
    if (shared === 0) return path[k]
    if (differs === NONE && shared < paths.length - 1) differs = path[k]
  }
  return differs
}
