import { describe, expect, it } from 'vitest'
import { parseText } from '../test/incident-snapshot'
import { go13Waiters } from '../test/go-waiters'
import { computeGroups } from './group'
import { getGroupsTotal } from './groups-total'

describe('getGroupsTotal', () => {
  it('sums the counts of the groups in the list it is given, each list on its own', async () => {
    const incident = await parseText(go13Waiters(7))
    const groups = computeGroups(incident)
    expect(getGroupsTotal(groups)).toBe(incident.records.count.reduce((n, c) => n + c, 0))
    expect(getGroupsTotal(groups.slice(1))).toBe(getGroupsTotal(groups) - groups[0].count)
    expect(getGroupsTotal([])).toBe(0)
  })

  it('gives the total of all groups as summing them largest first does', async () => {
    // 0.3 + 0.2 + 0.1 is 0.6, and 0.1 + 0.2 + 0.3 is 0.6000000000000001: a total summed in the
    // records' order would differ from the one the groups' counts give.
    const incident = await parseText('main;a;b 0\nmain;a;c 0.1\nmain;a;d 0.2\nmain;a;e 0.3\n')
    const groups = computeGroups(incident)
    expect(groups.map((g) => g.count)).toEqual([0.3, 0.2, 0.1, 0])
    let summed = 0
    for (const g of groups) summed += g.count
    expect(summed).toBe(0.6)
    expect(getGroupsTotal(groups)).toBe(summed)
  })
})
