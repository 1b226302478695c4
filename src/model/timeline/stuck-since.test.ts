import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFixture } from '../../test/incident-snapshot'
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

  it('draws the groups after the largest as one band: the bands hold every goroutine with a wait', () => {
    // Seven groups wait; the seventh, one goroutine, waited longest.
    const incident = incidentFromStacks(`
main.a;runtime.semacquire [semacquire 3] *7
main.b;runtime.gopark [chan receive 2] *6
main.c;runtime.gopark [select 2] *5
main.d;runtime.gopark [sleep 1] *4
main.e;runtime.gopark [IO wait 1] *3
main.f;runtime.gopark [chan send 1] *2
main.g;runtime.gopark [semacquire 40]
`)
    const stuck = computeStuckSince(incident, computeGroups(incident), 6)!
    expect(stuck.perGroup).toHaveLength(6)
    expect(stuck.maxMinutes).toBe(40)
    expect(stuck.rest).toMatchObject({ groups: 1, waiting: 1 })
    expect(stuck.rest!.byMinute[40]).toBe(1)
  })

  it('holds every goroutine that printed its wait, as grep counts them in a real dump', async () => {
    const path = 'src/parse/go/__fixtures__/gostackparse-waitsince-go115.txt'
    const headers = readFileSync(path, 'utf8').match(/^goroutine \d+ \[[^\]]*, (\d+) minutes\]/gm)!
    const minutes = headers.map((h) => Number(/(\d+) minutes/.exec(h)![1]))
    const incident = await parseFixture(path)
    const groups = computeGroups(incident)
    // More groups wait than the chart names: the rest are one band.
    expect(groups.filter((g) => g.waitMinutes !== null).length).toBeGreaterThan(6)
    const stuck = computeStuckSince(incident, groups, 6)!
    const bands = [...stuck.perGroup, ...(stuck.rest ? [stuck.rest] : [])]
    const drawn = bands.reduce((n, b) => n + b.byMinute.reduce((a, c) => a + c, 0), 0)
    expect(drawn).toBe(headers.length)
    expect(bands.reduce((n, b) => n + b.waiting, 0)).toBe(headers.length)
    expect(stuck.maxMinutes).toBe(Math.max(...minutes))
  })
})
