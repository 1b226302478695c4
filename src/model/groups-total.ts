import type { Group } from './group'

const totals = new WeakMap<readonly Group[], number>()

/**
 * The summed count of a list of groups, once per list: the toolbar and the table ask at each
 * render, and two million groups of one record each find their count on asking.
 */
export function getGroupsTotal(groups: readonly Group[]): number {
  let total = totals.get(groups)
  if (total === undefined) {
    total = 0
    for (const g of groups) total += g.count
    totals.set(groups, total)
  }
  return total
}

/** Records the total of a list whose sum is known (`computeGroups` ranks by the counts). */
export function rememberGroupsTotal(groups: readonly Group[], total: number): void {
  totals.set(groups, total)
}
