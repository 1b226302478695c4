import { describe, expect, it } from 'vitest'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import { computeGroups } from '../group'
import { computeStuckSince } from './stuck-since'

describe('computeStuckSince', () => {
  it('counts members per wait minute for each waiting group', () => {
    const incident = incidentFromStacks(`
main.main;net.lookupIPDeadline;runtime.semacquire [semacquire 27] *3
main.main;net.lookupIPDeadline;runtime.semacquire [semacquire 2] *2
main.main;main.work [running] !
`)
    const groups = computeGroups(incident)
    const stuck = computeStuckSince(incident, groups)!
    expect(stuck.maxMinutes).toBe(27)
    expect(stuck.perGroup).toHaveLength(1)
    const byMinute = stuck.perGroup[0].byMinute
    expect(byMinute[27]).toBe(3)
    expect(byMinute[2]).toBe(2)
    expect(byMinute.reduce((a, b) => a + b, 0)).toBe(5)
    expect(stuck.crashTime).toBeNull()
  })

  it('is null when no goroutine says how long it waited', () => {
    const incident = incidentFromStacks('main.main [running]')
    expect(computeStuckSince(incident, computeGroups(incident))).toBeNull()
  })
})
