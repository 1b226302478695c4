import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../cli/incident-json'
import { parseText } from '../test/incident-snapshot'
import { computeGroups } from './group'
import { selectSnapshot } from './snapshot-view'
import { splitDumps } from './dumps'
import { tenSnapshots } from '../test/memleak-snapshots'
import { RecordFlag } from './types'

const GO = 'src/parse/go/__fixtures__'
const read = (path: string) => readFileSync(path, 'utf8')
const headers = (text: string) => text.match(/^goroutine \d+ \[/gm)?.length ?? 0

/** The text without the service's own dated `edgeproxy: 2026/11/22 ...` log lines. */
const withoutServiceLog = (text: string) => text.replace(/^\w+: \d{4}\/\d\d\/\d\d [^\n]*\n/gm, '')

/**
 * A supervisor's stderr: three lifetimes of one process, each ending in a panic and its dump,
 * each dated only by the supervisor's line before it.
 */
function supervisorLog(): { text: string; dumps: string[] } {
  const dumps = [
    withoutServiceLog(read(`${GO}/local-go119-gen-dump-n300-panic.txt`)),
    withoutServiceLog(read(`${GO}/local-go119-cgo-segv.txt`)),
    withoutServiceLog(read(`${GO}/local-go119-gen-dump-n300-panic.txt`)).replace(
      /^goroutine (\d+) \[/gm,
      (_, id) => `goroutine ${Number(id) + 7} [`,
    ),
  ]
  const times = ['2024-05-01T12:47:01Z', '2024-05-01T16:31:00Z', '2024-05-01T19:58:00Z']
  const text = dumps.map((d, i) => `${times[i]} supervisor: starting edgeproxy\n${d}\n`).join('')
  return { text, dumps }
}

describe('dumps', () => {
  it('reads each panic and its goroutines of a supervisor log as a dump of its own', async () => {
    const { text, dumps } = supervisorLog()
    const incident = await parseText(text, 'supervisor.log')
    const dumpSnapshots = incident.snapshots.filter((s) => s.kind === 'dump')
    expect(dumpSnapshots).toHaveLength(3)
    const counts = [0, 0, 0]
    for (let r = 0; r < incident.records.length; r++) counts[incident.records.snapshot[r]]++
    expect(counts).toEqual(dumps.map(headers))
    // Each dump is timed by the dated line before it.
    expect(dumpSnapshots.map((s) => new Date(s.time!).toISOString())).toEqual([
      '2024-05-01T12:47:01.000Z',
      '2024-05-01T16:31:00.000Z',
      '2024-05-01T19:58:00.000Z',
    ])
    // Each crash belongs to the dump it opened.
    expect(incident.crashes.map((c) => c.snapshot)).toEqual([0, 1, 2])
  })

  it('shows the last dump by default: no group is larger than one process ever had', async () => {
    const { text, dumps } = supervisorLog()
    const incident = await parseText(text, 'supervisor.log')
    const json = toIncidentJson(incident)
    expect(json.totals.count).toBe(headers(dumps[2]))
    expect(json.snapshot).toBe(2)
    expect(json.snapshots.map((s) => s.count)).toEqual(dumps.map(headers))
    expect(json.snapshots.map((s) => s.kind)).toEqual(['dump', 'dump', 'dump'])
    const largest = Math.max(...dumps.map(headers))
    for (const g of json.groups) expect(g.count).toBeLessThanOrEqual(largest)
    // The first dump, on request; and a group's history across the three.
    const first = toIncidentJson(incident, undefined, 0)
    expect(first.totals.count).toBe(headers(dumps[0]))
    const top = json.groups[0]
    expect(top.bySnapshot.map((b) => b.snapshot)).toEqual([0, 1, 2])
    expect(top.bySnapshot[2].count).toBe(top.count)
  })

  it('keeps one dump together when go1.3 prints a locked goroutine twice', async () => {
    const text = read(`${GO}/gotfmt-go7725-sigsegv-gc-go13.txt`)
    const ids = [...text.matchAll(/^goroutine (\d+) \[/gm)].map((m) => m[1])
    expect(new Set(ids).size).toBeLessThan(ids.length)
    const incident = await parseText(text)
    expect(incident.snapshots.filter((s) => s.kind === 'dump')).toHaveLength(1)
  })

  it('splits two SIGQUIT dumps back to back, found by their repeated goroutine ids', async () => {
    const dump = read(`${GO}/local-go119-gen-dump-n300-wait61s.txt`).replace(
      /^(SIGQUIT|panic|fatal error).*$/gm,
      '',
    )
    const n = headers(dump)
    const incident = await parseText(`${dump}\n${dump}`)
    const snaps = incident.snapshots.filter((s) => s.kind === 'dump')
    expect(snaps).toHaveLength(2)
    expect(toIncidentJson(incident).snapshots.map((s) => s.count)).toEqual([n, n])
  })

  it('is idempotent: splitting again gives the same snapshots', async () => {
    const incident = await parseText(supervisorLog().text)
    const again = splitDumps(incident)
    expect(again.snapshots).toEqual(incident.snapshots)
    expect(Array.from(again.records.snapshot)).toEqual(Array.from(incident.records.snapshot))
    expect(again.crashes).toEqual(incident.crashes)
  })

  it('keeps `runtime stack:` with the crash, not as a goroutine', async () => {
    const path = `${GO}/bugsnag-stack-overflow-runtime-stack-go115.txt`
    const text = read(path)
    const incident = await parseText(text)
    expect(incident.records.length).toBe(headers(text))
    const crash = incident.crashes[0]
    expect(crash.runtimeStack?.[0]).toMatch(/^runtime\.\w+ {2}\S+:\d+$/)
    // The flame's share of the crashing goroutine is of goroutines only.
    const crashed = computeGroups(incident).filter((g) => g.crashed)
    expect(crashed).toHaveLength(1)
    let flagged = 0
    for (let r = 0; r < incident.records.length; r++)
      if (incident.records.flags[r] & RecordFlag.crashed) flagged++
    expect(flagged).toBe(1)
  })
})

describe('memleak snapshots', () => {
  /** Sums `N bytes in M allocations` of the last snapshot block, as awk would. */
  function lastBlockTotals(text: string): { bytes: number; allocations: number } {
    const blocks = text.split(/^\[\d\d:\d\d:\d\d\] Top/m)
    let bytes = 0
    let allocations = 0
    for (const m of blocks.at(-1)!.matchAll(/(\d+) bytes in (\d+) allocations from stack/g)) {
      bytes += Number(m[1])
      allocations += Number(m[2])
    }
    return { bytes, allocations }
  }

  it('totals are the last snapshot, as the tool printed it, not all ten added up', async () => {
    const text = tenSnapshots()
    const incident = await parseText(text, 'memleak.txt')
    expect(incident.snapshots).toHaveLength(10)
    const want = lastBlockTotals(text)
    const json = toIncidentJson(incident)
    expect(json.totals.bytes).toBe(want.bytes)
    expect(json.totals.allocations).toBe(want.allocations)
    expect(json.snapshot).toBe(9)
    expect(json.snapshots.map((s) => s.kind)).toEqual(Array(10).fill('heap'))
    // The view the table and the flame graph read holds the same records.
    const shown = selectSnapshot(incident, null)
    let bytes = 0
    for (let r = 0; r < shown.records.length; r++) bytes += shown.records.bytes[r]
    expect(bytes).toBe(want.bytes)
    // Growth of the leaking stack across the ten, in the JSON.
    const leak = json.groups.find((g) => g.label.startsWith('deserialize_String_vector'))!
    expect(leak.bySnapshot.map((b) => b.bytes)).toEqual(
      Array.from({ length: 10 }, (_, k) => (k + 1) * 1048576),
    )
  })
})
