import { describe, expect, it } from 'vitest'
import { computeCallTree, computeRecordWeights } from '../model/flame/call-tree'
import { compileFrameSearch, computeSearchMatches } from '../model/flame/search'
import { computeGroups } from '../model/group'
import { go13Waiters } from '../test/go-waiters'
import { parseText } from '../test/incident-snapshot'
import { getVisibleGroups } from './selectors'

describe('search over created-by sites and paths', () => {
  it('search reads created-by sites: every waiter is found by lookupIPDeadline', async () => {
    const incident = await parseText(go13Waiters(20))
    const groups = computeGroups(incident)
    const visible = getVisibleGroups(incident, groups, 'lookupIPDeadline')
    expect(Array.isArray(visible) && visible.reduce((n, g) => n + g.count, 0)).toBe(20)
    const byPath = getVisibleGroups(incident, groups, 'pkg/net/lookup.go')
    expect(Array.isArray(byPath) && byPath.length).toBe(1)
  })

  it('flame Find counts goroutines whose created-by site matches', async () => {
    const incident = await parseText(go13Waiters(20))
    const weights = computeRecordWeights(incident, 'count')
    const tree = computeCallTree(incident, weights)
    const match = compileFrameSearch('lookupIPDeadline')
    if (typeof match !== 'function') throw new Error(match.error)
    const result = computeSearchMatches(incident, tree, match, weights)
    expect(result.weight).toBe(20)
    expect(result.nodes).toBe(1)
    // Without the records' weights only frames are searched: no frame is that function.
    expect(computeSearchMatches(incident, tree, match).weight).toBe(0)
  })
})
