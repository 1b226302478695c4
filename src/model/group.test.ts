import { describe, expect, it } from 'vitest'
import { incidentFromStacks } from '../test/incident-from-stacks'
import { computeGroups, getTopAppFrame, rankGroups, type GroupMode } from './group'
import { getFrameFunc } from './stacks'

const dump = `
main.main;main.serve;net.lookupIPDeadline@48;sync.wait;runtime.semacquire [semacquire 27] (0xc000) *5
main.main;main.serve;net.lookupIPDeadline@48;sync.wait;runtime.semacquire [semacquire 3] (0xc001) *2
main.main;main.serve;net.lookupIPDeadline@50;sync.wait;runtime.semacquire [semacquire 9] (0xc000)
main.main;main.work;runtime.chanrecv [chan receive]
main.main;main.panicky [running] !
`

function groupCounts(mode: GroupMode): number[] {
  return computeGroups(incidentFromStacks(dump), mode).map((g) => g.count)
}

describe('computeGroups', () => {
  it.each<[string, GroupMode, number[]]>([
    ['exact splits on arguments', { type: 'exact' }, [5, 2, 1, 1, 1]],
    ['lines ignores arguments', { type: 'lines' }, [7, 1, 1, 1]],
    ['functions ignores lines', { type: 'functions' }, [8, 1, 1]],
    ['top 1 frame', { type: 'top', frames: 1 }, [8, 1, 1]],
    ['first application frame', { type: 'firstApp' }, [8, 1, 1]],
    ['state', { type: 'state' }, [8, 1, 1]],
  ])('%s', (_name, mode, counts) => {
    expect(groupCounts(mode)).toEqual(counts)
  })

  it('summarises states, wait range and the crashing group', () => {
    const groups = computeGroups(incidentFromStacks(dump))
    expect(groups[0].states).toEqual([{ state: 'semacquire', count: 7 }])
    expect(groups[0].waitMinutes).toEqual([3, 27])
    expect(groups[0].variants).toBe(2)
    expect(groups.find((g) => g.crashed)?.count).toBe(1)
    expect(groups.find((g) => g.states[0]?.state === 'chan receive')?.waitMinutes).toBeNull()
  })

  it('records every member once, in input order', () => {
    const incident = incidentFromStacks(dump)
    const all = computeGroups(incident).flatMap((g) => [...g.records])
    expect(all.sort((a, b) => a - b)).toEqual([...Array(incident.records.length).keys()])
  })

  it('finds the first application frame past runtime and stdlib frames', () => {
    const incident = incidentFromStacks(dump)
    const top = computeGroups(incident)[0]
    expect(getFrameFunc(incident, getTopAppFrame(incident, top.stack))).toBe('main.serve')
  })

  it('ranks by weight, the crashing group first among equals, then by first record', () => {
    const incident = incidentFromStacks(dump)
    const groups = computeGroups(incident)
    expect(groups.map((g) => g.count)).toEqual([7, 1, 1, 1])
    // Three groups of one: the crash, then the others in input order.
    expect(groups[1].crashed).toBe(true)
    expect(groups[2].records[0]).toBeLessThan(groups[3].records[0])
  })

  it.each<GroupMode>([
    { type: 'exact' },
    { type: 'lines' },
    { type: 'functions' },
    { type: 'state' },
    { type: 'labels' },
  ])('ranks groups one at a time as computeGroups does (%o)', (mode) => {
    const incident = incidentFromStacks(dump)
    const ranked = rankGroups(incident, mode)
    const groups = computeGroups(incident, mode)
    expect(ranked.length).toBe(groups.length)
    // Asked for out of order, each group is still the one at its rank.
    for (let rank = ranked.length - 1; rank >= 0; rank--)
      expect(ranked.at(rank)).toEqual(groups[rank])
  })
})
