import { describe, expect, it } from 'vitest'
import { computeGroups } from '../model/group'
import type { Transform } from '../model/transforms/types'
import { parseText } from '../test/incident-snapshot'
import { getClockedIncident } from './selectors'
import { getStacksIncidents } from './stacks-pipeline'

// Three dumps of one service an hour apart, each dated by the log line before it. Dump k
// (0-based) holds main, 2k + 1 goroutines leaking in main.leak, and one in main.poll.
const DUMPS = 3
const leaks = (k: number) => 2 * k + 1
function serviceLog(): string {
  const out: string[] = []
  for (let k = 0; k < DUMPS; k++) {
    out.push(`2024-03-05T1${k}:00:00.000Z INFO taking dump ${k + 1}`, '')
    out.push('goroutine 1 [running]:', 'main.main()', '\t/app/main.go:10 +0x1d', '')
    for (let g = 0; g < leaks(k); g++)
      out.push(
        `goroutine ${10 + g} [chan receive]:`,
        'main.leak()',
        '\t/app/leak.go:5 +0x1',
        'created by main.main',
        '\t/app/main.go:9 +0x2',
        '',
      )
    out.push('goroutine 99 [select]:', 'main.poll()', '\t/app/poll.go:7 +0x1')
    out.push('main.main()', '\t/app/main.go:12 +0x2', '')
  }
  return out.join('\n')
}

const dropPoll: Transform[] = [{ type: 'drop', func: 'main.poll' }]
const NO_CLOCKS: never[] = []
// 11:00 to 12:00: the second and the third dump.
const lastTwo: [number, number] = [
  Date.parse('2024-03-05T11:00:00Z'),
  Date.parse('2024-03-05T12:00:00Z'),
]

describe('what Stacks and Flame read: transforms, then the range, then the snapshot', async () => {
  const incident = await parseText(serviceLog(), 'service.log')

  it('drops the transformed records before the range and the snapshot count them', () => {
    expect(incident.snapshots.length).toBe(DUMPS)
    const all = leaks(0) + leaks(1) + leaks(2) + 2 * DUMPS
    expect(incident.records.length).toBe(all)
    const steps = getStacksIncidents(incident, dropPoll, NO_CLOCKS, lastTwo, null)
    expect(steps.rewritten.records.length).toBe(all - DUMPS)
    // The range counts only what the transforms left: dump 1's main and leak are dropped.
    expect(steps.brushed).toMatchObject({ inRange: leaks(1) + leaks(2) + 2, dropped: 1 + leaks(0) })
    expect(steps.narrowed.records.length).toBe(leaks(1) + leaks(2) + 2)
    // The last dump shown, without main.poll: its groups hold main and the leak.
    const groups = computeGroups(steps.shown)
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['main.leak', leaks(2)],
      ['main.main', 1],
    ])
    expect(steps.rewrittenShown.records.length).toBe(leaks(2) + 1)
  })

  it('shows a dump outside the range as empty, and the pane still has it', () => {
    const steps = getStacksIncidents(incident, dropPoll, NO_CLOCKS, lastTwo, 0)
    expect(steps.shown.records.length).toBe(0)
    expect(steps.rewrittenShown.records.length).toBe(leaks(0) + 1)
  })

  it('keeps every step the same object while its inputs are the same', () => {
    // The team moved the log's clock by an hour: the timeline and the brush read it through that.
    const source = incident.sources[0]
    const clocks = [{ name: source.name, fingerprint: source.fingerprint, offsetMs: 3_600_000 }]
    const clocked = getClockedIncident(incident, clocks)
    expect(clocked).not.toBe(incident)
    const a = getStacksIncidents(incident, dropPoll, NO_CLOCKS, lastTwo, null)
    const b = getStacksIncidents(incident, dropPoll, NO_CLOCKS, lastTwo, null)
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(b[key]).toBe(a[key])
    // A new range keeps the transformed incident; no range narrows nothing.
    const whole = getStacksIncidents(incident, dropPoll, NO_CLOCKS, null, null)
    expect(whole.rewritten).toBe(a.rewritten)
    expect(whole.narrowed).toBe(a.rewritten)
    expect(whole.rewrittenShown).toBe(a.rewrittenShown)
    // The timeline's clocked incident is not pushed out by the brush's (a new range reads it).
    getStacksIncidents(incident, dropPoll, clocks, lastTwo, null)
    expect(getClockedIncident(incident, clocks)).toBe(clocked)
    // No transform: the parsed incident itself.
    expect(getStacksIncidents(incident, [], NO_CLOCKS, null, null).rewritten).toBe(incident)
  })
})
