import { describe, expect, it } from 'vitest'
import { computeGroups, type GroupMode } from '../model/group'
import { groupFields } from '../test/group-fields'
import { incidentFromStacks } from '../test/incident-from-stacks'
import { getGroups, getShownIncident } from './selectors'

describe('getGroups', () => {
  const stacks = 'main;a;b\nmain;a;c\nmain;a;b\nmain;d'

  it('equals computeGroups for each mode', () => {
    const incident = incidentFromStacks(stacks)
    for (const mode of [{ type: 'lines' }, { type: 'top', frames: 1 }] as GroupMode[]) {
      expect(getGroups(incident, mode).map(groupFields)).toEqual(
        computeGroups(incident, mode).map(groupFields),
      )
    }
  })

  // The pin resolver kept a cache of its own per mode, because the selector kept only the last
  // mode and matched it by object: a pin's saved mode never hit it.
  it('gives the same groups for an equal mode object, and keeps each mode', () => {
    const incident = incidentFromStacks(stacks)
    const lines = getGroups(incident, { type: 'lines' })
    const top2 = getGroups(incident, { type: 'top', frames: 2 })
    expect(getGroups(incident, { type: 'lines' })).toBe(lines)
    expect(getGroups(incident, { type: 'top', frames: 2 })).toBe(top2)
    expect(getGroups(incident, { type: 'top', frames: 1 })).not.toBe(top2)
    expect(lines.map((g) => g.count)).toEqual([2, 1, 1])
  })

  it('keeps incidents apart', () => {
    const a = incidentFromStacks(stacks)
    const b = incidentFromStacks('main;x')
    const mode: GroupMode = { type: 'lines' }
    const fromA = getGroups(a, mode)
    expect(getGroups(b, mode)).toHaveLength(1)
    expect(getGroups(a, mode)).toBe(fromA)
  })
})

describe('getShownIncident', () => {
  it('is the same object for the same incident and snapshot', () => {
    const incident = incidentFromStacks('main;a')
    expect(getShownIncident(incident, null)).toBe(getShownIncident(incident, null))
  })
})
