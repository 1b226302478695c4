import { describe, expect, it } from 'vitest'
import { go13Waiters } from '../test/go-waiters'
import { groupFields } from '../test/group-fields'
import { parseText } from '../test/incident-snapshot'
import { computeGroups, rankGroups, type GroupMode } from './group'
import { arrayGroupList, rankedGroupList } from './group-list'
import { getGroupsTotal } from './groups-total'

const modes: GroupMode[] = [
  { type: 'lines' },
  { type: 'exact' },
  { type: 'functions' },
  { type: 'top', frames: 1 },
  { type: 'firstApp' },
  { type: 'state' },
  { type: 'labels' },
]

// Folded lines: some stacks repeat (groups of several records), most do not.
const folded = [
  'main;serve;handle;lookup 3',
  'main;serve;handle;write 1',
  'main;serve;handle;lookup 2',
  'runtime.goexit;runtime.main;main.main 5',
  'main;serve;read 4',
  'main;serve;handle;write 1',
  'main;idle 1',
].join('\n')

describe('rankedGroupList', () => {
  it.each(modes)('gives the groups computeGroups gives, each made once (%o)', async (mode) => {
    for (const text of [folded, go13Waiters(7)]) {
      const incident = await parseText(text)
      const expected = computeGroups(incident, mode)
      const list = rankedGroupList(rankGroups(incident, mode))
      expect(list.length).toBe(expected.length)
      expect(list.total).toBe(getGroupsTotal(expected))
      // Label frames first, before any group is made: they must not need one.
      const frames = expected.map((_, k) => list.labelFrame(k))
      expect(frames).toEqual(expected.map((g) => g.labelFrame))
      const made = expected.map((_, k) => list.at(k))
      expect(made.map(groupFields)).toEqual(expected.map(groupFields))
      expect(expected.map((_, k) => list.at(k))).toEqual(made)
      for (let k = 0; k < made.length; k++) expect(list.at(k)).toBe(made[k])
      const all = list.toArray()
      expect(all).toEqual(made)
      for (let k = 0; k < made.length; k++) expect(all[k]).toBe(made[k])
      expect(list.toArray()).toBe(all)
      expect(getGroupsTotal(all)).toBe(list.total)
    }
  })

  it('counts folded lines that repeat as one group', async () => {
    const incident = await parseText(folded)
    const list = rankedGroupList(rankGroups(incident, { type: 'lines' }))
    const lookup = list.toArray().find((g) => g.label === 'lookup')!
    expect(lookup.count).toBe(5)
    expect(lookup.records.length).toBe(2)
    expect(list.total).toBe(17)
  })
})

describe('arrayGroupList', () => {
  it('reads the array it is given', async () => {
    const groups = computeGroups(await parseText(go13Waiters(7)))
    const list = arrayGroupList(groups)
    expect(list.length).toBe(groups.length)
    expect(list.toArray()).toBe(groups)
    expect(list.total).toBe(getGroupsTotal(groups))
    groups.forEach((g, k) => {
      expect(list.at(k)).toBe(g)
      expect(list.labelFrame(k)).toBe(g.labelFrame)
    })
  })
})
