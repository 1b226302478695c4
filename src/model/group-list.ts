import type { Group, RankedGroups } from './group'
import { getGroupsTotal, rememberGroupsTotal } from './groups-total'
import type { IndexIntoFrameTable } from './types'

/**
 * Groups asked for by place, so that a view reads only the places it shows: the Stacks table
 * of two million folded stacks makes the groups of the rows on screen, where a list of two
 * million group objects took half a second to make and as long again to collect.
 */
export type GroupList = {
  readonly length: number
  /** The groups' counts summed (see `getGroupsTotal`). */
  readonly total: number
  /** The group at `index`, the same object each time it is asked for. */
  at(index: number): Group
  /** `at(index).labelFrame`, without making the group where that can be avoided. */
  labelFrame(index: number): IndexIntoFrameTable
  /** Every group's `labelFrame` in some order of the list's own, or null (`RankedGroups`). */
  unrankedLabelFrames?(): Int32Array | null
  /** Every group, in order: one array, made once. */
  toArray(): readonly Group[]
}

/** The ranked groups as a list: each group made when first asked for, then kept. */
export function rankedGroupList(ranked: RankedGroups): GroupList {
  const made = new Map<number, Group>()
  let array: Group[] | null = null
  const at = (rank: number): Group => {
    if (array) return array[rank]
    let group = made.get(rank)
    if (!group) made.set(rank, (group = ranked.at(rank)))
    return group
  }
  return {
    length: ranked.length,
    total: ranked.total,
    at,
    labelFrame: (rank) =>
      (array ? array[rank] : made.get(rank))?.labelFrame ?? ranked.labelFrame(rank),
    unrankedLabelFrames: () => ranked.unrankedLabelFrames(),
    toArray() {
      if (array) return array
      const all: Group[] = []
      for (let rank = 0; rank < ranked.length; rank++) all.push(at(rank))
      // Asking two million groups of one record for their counts walked their records again.
      rememberGroupsTotal(all, ranked.total)
      made.clear()
      return (array = all)
    },
  }
}

/** A list of groups already made (a search's or a sort's result). */
export function arrayGroupList(groups: readonly Group[]): GroupList {
  return {
    length: groups.length,
    get total() {
      return getGroupsTotal(groups)
    },
    at: (index) => groups[index],
    labelFrame: (index) => groups[index].labelFrame,
    toArray: () => groups,
  }
}

/** The groups as a list, whether given as one or as an array. */
export function asGroupList(groups: GroupList | readonly Group[]): GroupList {
  return Array.isArray(groups) ? arrayGroupList(groups) : (groups as GroupList)
}
