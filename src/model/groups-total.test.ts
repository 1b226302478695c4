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
})
