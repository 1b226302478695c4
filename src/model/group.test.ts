import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../parse/index'
import { inputFromBytes } from '../test/incident-snapshot'
import { groupFields } from '../test/group-fields'
import { incidentFromStacks } from '../test/incident-from-stacks'
import { IncidentBuilder } from './builder'
import { computeGroups, getTopAppFrame, rankGroups, type GroupMode } from './group'
import { computeGroupLabel } from './group-label'
import { getFrameFunc } from './stacks'
import { FrameKind, NONE, RecordFlag } from './types'

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
    expect(groups[0].states).toEqual([{ state: 'semacquire', count: 7, weight: 7 }])
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
    // Asked for out of order, each group is still the one at its rank (field by field: a
    // group of one record answers through getters).
    for (let rank = ranked.length - 1; rank >= 0; rank--)
      expect(groupFields(ranked.at(rank))).toEqual(groupFields(groups[rank]))
  })
})

/**
 * A group of one record reads its figures from the record's columns when asked (two million
 * folded lines are about two million such groups). These guard that what it answers is what
 * the records say, counted here without the grouping code.
 */
describe('groups of one record', () => {
  const stacks = `
main.main;main.serve;main.read [io wait 4] (0xc001)
main.main;main.serve;main.write [running] !
main.main;main.serve;main.read [io wait 9] (0xc002)
main.main;main.serve;lib.encode;runtime.morestack [runnable]
main.main;main.tick *3
main.main;main.serve;main.flush [chan send 2]
`

  it('answers every field as the records say', () => {
    const incident = incidentFromStacks(stacks)
    const r = incident.records
    const groups = computeGroups(incident)
    expect(groups.map((g) => g.records.length)).toEqual([3, 2, 1, 1, 1])
    for (const g of groups) {
      const members = [...Array(r.length).keys()].filter((i) => r.stack[i] === g.stack)
      const states = new Map<string, number>()
      const weights = new Map<string, number>()
      for (const i of members) {
        if (r.state[i] === NONE) continue
        const s = incident.strings[r.state[i]]
        states.set(s, (states.get(s) ?? 0) + 1)
        weights.set(s, (weights.get(s) ?? 0) + r.count[i])
      }
      const waits = members.map((i) => r.waitMinutes[i]).filter((w) => w >= 0)
      const name = computeGroupLabel(
        incident,
        g.stack,
        r.state[members[0]] === NONE ? undefined : incident.strings[r.state[members[0]]],
        r.createdBy[members[0]],
      )
      expect(groupFields(g)).toEqual({
        key: String(g.stack),
        records: members,
        count: members.length,
        bytes: 0,
        allocations: 0,
        states: [...states].map(([state, count]) => ({ state, count, weight: weights.get(state) })),
        waitMinutes: waits.length ? [Math.min(...waits), Math.max(...waits)] : null,
        stack: r.stack[members[0]],
        label: name.label,
        labelFrame: name.frame,
        createdBy: name.createdBy,
        crashed: members.some((i) => (r.flags[i] & RecordFlag.crashed) !== 0),
        variants: new Set(members.map((i) => r.argsHash[i])).size,
      })
    }
    expect(groups.find((g) => g.crashed)?.label).toBe('main.write')
    // runtime.morestack under lib.encode under main.serve: named by the program's own frame.
    expect(groups.find((g) => g.states[0]?.state === 'runnable')?.label).toBe('main.serve')
  })

  it('gives the frame its label names when asked for the frame alone', () => {
    // The frames of all groups of one record are found together, in input order, when the
    // first is asked for: each must still be its own group's.
    const incident = incidentFromStacks(
      `${stacks}\nruntime.goexit;sync.wait;runtime.semacquire\nlib.a;net.dial;runtime.poll`,
    )
    const groups = computeGroups(incident, { type: 'lines' })
    const frames = groups.map((g) => g.labelFrame)
    expect(new Set(frames).size).toBeGreaterThan(3)
    groups.forEach((g, k) => {
      const first = g.records[0]
      const r = incident.records
      const state = r.state[first] === NONE ? undefined : incident.strings[r.state[first]]
      expect(frames[k]).toBe(computeGroupLabel(incident, g.stack, state, r.createdBy[first]).frame)
    })
  })

  it('is named by its labels in the labels mode', () => {
    const b = new IncidentBuilder()
    b.beginSource('p.txt', 1, 'test')
    const leaf = b.stack(NONE, b.frame({ func: 'main.work', kind: FrameKind.app }))
    b.addRecord({ stack: leaf, labels: 'route=/upload', line: 0 })
    b.addRecord({ stack: leaf, labels: 'route=/a', line: 1 })
    b.addRecord({ stack: leaf, labels: 'route=/a', line: 2 })
    const groups = computeGroups(b.build(), { type: 'labels' })
    expect(groups.map((g) => [g.label, g.labelFrame, g.count])).toEqual([
      ['route=/a', NONE, 2],
      ['route=/upload', NONE, 1],
    ])
  })
})

// heaptrack's own test data: a group's Count is allocations, and its state chips read
// `freed ×N`. They counted records (`freed ×34` beside a Count of 797); they now count what
// Count counts, so they add up to it.
describe('the states of a group of leak records', () => {
  it('weigh what the group counts, and add up to it', async () => {
    const path = 'src/parse/heaptrack/__fixtures__/heaptrack.david.18594.gz'
    const incident = await parseInputs([inputFromBytes('heaptrack.gz', readFileSync(path))])
    const groups = computeGroups(incident)
    const r = incident.records
    const mixed = groups.filter((g) => g.states.length > 1)
    expect(mixed.length).toBeGreaterThan(0)
    expect(mixed.some((g) => g.states.some((s) => s.weight !== s.count))).toBe(true)
    for (const g of groups) {
      const byState = new Map<string, number>()
      for (const i of g.records) {
        const s = incident.strings[r.state[i]]
        byState.set(s, (byState.get(s) ?? 0) + r.count[i])
      }
      expect(Object.fromEntries(g.states.map((s) => [s.state, s.weight]))).toEqual(
        Object.fromEntries(byState),
      )
      expect(g.states.reduce((sum, s) => sum + s.weight, 0)).toBe(g.count)
    }
  })
})

describe('a group whose members change state and stack from one to the next', () => {
  // One group by functions; two stacks (lines 1 and 2) and two states, interleaved.
  const stacks = `
main.main;main.a@1 [semacquire 3]
main.main;main.a@2 [chan receive] *2
main.main;main.a@1 [semacquire 5]
main.main;main.a@2 [semacquire]
main.main;main.a@1 [chan receive 1]
main.main;main.a@2 [chan receive]
`

  it('counts each state and weighs each stack as the records say, in any order', () => {
    const incident = incidentFromStacks(stacks)
    const r = incident.records
    const [g] = computeGroups(incident, { type: 'functions' })
    expect(g.records.length).toBe(7)
    const states = new Map<string, number>()
    const weightOfStack = new Map<number, number>()
    for (let i = 0; i < r.length; i++) {
      const s = incident.strings[r.state[i]]
      states.set(s, (states.get(s) ?? 0) + 1)
      weightOfStack.set(r.stack[i], (weightOfStack.get(r.stack[i]) ?? 0) + r.count[i])
    }
    expect(states).toEqual(
      new Map([
        ['semacquire', 3],
        ['chan receive', 4],
      ]),
    )
    expect(g.states).toEqual([
      { state: 'chan receive', count: 4, weight: 4 },
      { state: 'semacquire', count: 3, weight: 3 },
    ])
    // Line 2's stack has four members, line 1's three: line 2's is the group's face.
    const [heaviest] = [...weightOfStack].sort((a, b) => b[1] - a[1])
    expect(heaviest[1]).toBe(4)
    expect(g.stack).toBe(heaviest[0])
    expect(g.waitMinutes).toEqual([1, 5])
    expect(g.variants).toBe(2)
  })

  it('gives a tie to the stack seen first', () => {
    const incident = incidentFromStacks(`
main.main;main.a@2 [chan receive]
main.main;main.a@1 [semacquire] *2
main.main;main.a@2 [chan receive]
`)
    const [g] = computeGroups(incident, { type: 'functions' })
    expect(g.stack).toBe(incident.records.stack[0])
  })
})
