import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkIncidentSnapshot, parseText } from '../../test/incident-snapshot'
import { findServiceLine, parseServiceLine } from './service-lines'

const FIXTURE = join(__dirname, '__fixtures__', 'service-restart-loop-journal.txt')
const text = readFileSync(FIXTURE, 'utf8')

describe('systemd service lines', () => {
  it('reads how a main process ended', () => {
    expect(
      parseServiceLine('api.service: Main process exited, code=dumped, status=11/SEGV'),
    ).toEqual({
      type: 'exited',
      unit: 'api.service',
      code: 'dumped',
      status: 11,
      name: 'SEGV',
    })
    // Before v236, in lower case.
    expect(
      parseServiceLine('api.service: main process exited, code=killed, status=9/KILL'),
    ).toMatchObject({
      code: 'killed',
      name: 'KILL',
    })
    expect(parseServiceLine("api.service: Failed with result 'oom-kill'.")).toEqual({
      type: 'failed',
      unit: 'api.service',
      result: 'oom-kill',
    })
    expect(
      parseServiceLine('api.service: Scheduled restart job, restart counter is at 12.'),
    ).toEqual({
      type: 'restart',
      unit: 'api.service',
      counter: 12,
    })
  })

  it('finds the unit after a syslog prefix, and refuses look-alikes', () => {
    const line =
      'Dec 07 03:14:02 web-7 systemd[1]: api.service: Main process exited, code=killed, status=9/KILL'
    expect(line.slice(findServiceLine(line))).toMatch(/^api\.service: Main/)
    expect(findServiceLine('my job: Main process exited, code=whatever')).toBe(-1)
    expect(
      parseServiceLine('two words: Main process exited, code=killed, status=9/KILL'),
    ).toBeNull()
  })

  it('makes each abnormal exit a crash and a record of its unit, as the lines say', async () => {
    const incident = await checkIncidentSnapshot(FIXTURE)
    const exits = [
      ...text.matchAll(/ (\S+): Main process exited, code=(\w+), status=(\d+)\/(\w+)/g),
    ]
    const abnormal = exits.filter(([, , code, status]) => code !== 'exited' || status !== '0')
    const crashes = incident.crashes.filter((c) => c.format === 'systemd')
    expect(crashes.map((c) => c.signal ?? null)).toEqual(
      abnormal.map(([, , code, , name]) => (code === 'exited' ? null : `SIG${name}`)),
    )
    // One record per abnormal exit, grouped by unit.
    const perUnit = new Map<string, number>()
    for (const [, unit] of abnormal) perUnit.set(unit, (perUnit.get(unit) ?? 0) + 1)
    const r = incident.records
    const counted = new Map<string, number>()
    for (let i = 0; i < r.length; i++) {
      const unit = incident.strings[incident.frames.func[incident.stacks.frame[r.stack[i]]]]
      counted.set(unit, (counted.get(unit) ?? 0) + r.count[i])
    }
    expect(counted).toEqual(perUnit)
    // Failed-with-result and restart counters are details of the exit they follow.
    expect(crashes[0].details).toEqual(
      expect.arrayContaining(["failed with result 'oom-kill'", 'restart counter at 1']),
    )
    // The OOM note counts for the exit it sits beside, before it or after it.
    const oomNotes = text.match(/killed by the OOM killer/g)!.length
    expect(crashes.filter((c) => c.details.some((d) => d.includes('OOM killer')))).toHaveLength(
      oomNotes,
    )
  })

  it('keeps systemd job lines of a unit it has seen as events, and others out', async () => {
    const incident = await parseText(
      [
        'api.service: Main process exited, code=killed, status=9/KILL',
        'Started api.service - API server.',
        'Started other.service - Other.',
      ].join('\n'),
    )
    expect(incident.sources[0].regions.map((r) => [r.format, r.firstLine, r.lastLine])).toEqual([
      ['systemd', 0, 1],
    ])
    expect(incident.sources[0].unrecognizedLines).toBe(1)
  })
})
