import type { Group } from './group'
import { asGroupList, type GroupList } from './group-list'
import { getStackFrames } from './stacks'
import type { Incident, IndexIntoFrameTable } from './types'
import { NONE } from './types'

/** Where a group's stack parts from the others of its name: at a caller or at a callee. */
export type Parting = { readonly frame: IndexIntoFrameTable; readonly side: 'caller' | 'callee' }

/**
 * Groups that read alike (the same name at the same frame) and the frame where each one's
 * stack parts from the others': valgrind's three `buff_create buff.c:16` loss records differ
 * only in which line of `editor_init` called it, and three identical rows read as a bug. Where
 * the callers are the same all the way down, the stacks part above the named frame: heaptrack's
 * rows named `main globalstatic.cpp:14` differ in what `main` went on to call.
 *
 * Returns a lookup, asked only for the rows on screen: a table of two million folded stacks
 * pays one pass over typed arrays, not a path per group, and a set's paths are walked once.
 * Sets of more than `maxAlike` alike groups are left alone: a thousand rows that all say
 * `malloc` are read by expanding them.
 */
export function makePartingFrameOf(
  incident: Incident,
  given: GroupList | readonly Group[],
  maxAlike = 256,
): (group: Group) => Parting | null {
  const groups = asGroupList(given)
  const frames = incident.frames.length
  const perFrame = new Int32Array(frames + 1)
  const alike = (f: number) => perFrame[f + 1] >= 2 && perFrame[f + 1] <= maxAlike
  // Groups are counted per frame in the list's own order where it has one: asked by rank, two
  // million folded stacks were read in the order of their counts, a cache miss each, and none
  // of their frames is shared by few enough to be told apart.
  const unranked = groups.unrankedLabelFrames?.() ?? null
  if (unranked) {
    for (let k = 0; k < unranked.length; k++) perFrame[unranked[k] + 1]++
    perFrame[0] = 0
    let some = false
    for (let f = 0; f < frames && !some; f++) some = alike(f)
    if (!some) return () => null
  }
  // Each group's label frame, asked once and without making the group: a list of two million
  // folded stacks makes only the groups of alike sets.
  const labelFrames = new Int32Array(groups.length)
  for (let k = 0; k < groups.length; k++) {
    const f = (labelFrames[k] = groups.labelFrame(k))
    if (f !== NONE && !unranked) perFrame[f + 1]++
  }
  // The alike groups, ordered by their label frame: each frame's run starts at `start[frame]`.
  const start = new Int32Array(frames + 1)
  for (let f = 0; f < frames; f++) start[f + 1] = start[f] + (alike(f) ? perFrame[f + 1] : 0)
  // Ranks, not groups: a million folded stacks of about 200 a frame were all alike, and making
  // every one of them took seconds; a set's groups are made when its first row is on screen.
  const byFrame = new Int32Array(start[frames])
  const filled = start.slice(0, frames)
  for (let k = 0; k < groups.length; k++) {
    const f = labelFrames[k]
    if (f !== NONE && alike(f)) byFrame[filled[f]++] = k
  }
  // Each set's paths are walked once, for its first row on screen.
  const pathsOf = new Map<
    Group,
    { list: Group[]; paths: IndexIntoFrameTable[][]; named: number[] }
  >()
  const setOf = (group: Group, f: IndexIntoFrameTable) => {
    let set = pathsOf.get(group)
    if (set) return set
    const list = Array.from(byFrame.subarray(start[f], start[f + 1]), (k) => groups.at(k)).filter(
      (g) => g.label === group.label,
    )
    const paths = list.map((g) => getStackFrames(incident, g.stack))
    set = { list, paths, named: paths.map((p) => p.indexOf(f)) }
    for (const g of list) pathsOf.set(g, set)
    return set
  }
  return (group) => {
    const f = group.labelFrame
    if (f === NONE || !alike(f)) return null
    const { list, paths, named } = setOf(group, f)
    const self = list.indexOf(group)
    if (self < 0 || list.length < 2) return null
    const caller = partingFrame(named, paths, self, 1)
    if (caller !== NONE) return { frame: caller, side: 'caller' }
    const callee = partingFrame(named, paths, self, -1)
    return callee === NONE ? null : { frame: callee, side: 'callee' }
  }
}

/**
 * The nearest frame past the named one (at `named[i]` in path i, counting from the leaf),
 * toward the root (`step` 1, callers) or the leaf (`step` -1, callees), that no other path has
 * at the same distance from its named frame; else the nearest that some other path lacks
 * there; NONE when the paths agree all the way. Paths are compared from the named frame, not
 * from the leaf: on either side of it they may be of any depth.
 */
function partingFrame(
  named: readonly number[],
  paths: readonly IndexIntoFrameTable[][],
  self: number,
  step: 1 | -1,
): IndexIntoFrameTable {
  const path = paths[self]
  let differs: IndexIntoFrameTable = NONE
  for (let at = named[self] + step; at >= 0 && at < path.length; at += step) {
    const frame = path[at]
    const distance = at - named[self]
    let shared = 0
    for (let j = 0; j < paths.length; j++)
      if (j !== self && paths[j][named[j] + distance] === frame) shared++
    if (shared === 0) return frame
    if (differs === NONE && shared < paths.length - 1) differs = frame
  }
  return differs
}
