import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFixture } from '../test/incident-snapshot'
import { toIncidentJson } from './incident-json'

/**
 * The `npm run parse -- FILE --json` contract, checked on real inputs against what the inputs
 * themselves say (a tool's summary line, a count printed by the program), never against
 * numbers copied from our own output.
 */
const json = async (path: string) => toIncidentJson(await parseFixture(path))

/** Parses `N byte(s) leaked in M allocation(s)` from an LSan SUMMARY line. */
function lsanSummary(path: string): { bytes: number; allocations: number } {
  const m = /SUMMARY: AddressSanitizer: (\d+) byte\(s\) leaked in (\d+) allocation\(s\)/.exec(
    readFileSync(path, 'utf8'),
  )
  if (!m) throw new Error(`no SUMMARY in ${path}`)
  return { bytes: Number(m[1]), allocations: Number(m[2]) }
}

describe('incident JSON', () => {
  it('has every documented field', async () => {
    const j = await json('public/examples/go-goroutine-leak-dump.txt')
    expect(Object.keys(j).sort()).toEqual(
      [
        'crash',
        'crashes',
        'events',
        'groups',
        'leakKinds',
        'records',
        'recordsByFormat',
        'sampleTypes',
        'series',
        'snapshot',
        'snapshots',
        'sources',
        'threads',
        'timeRange',
        'totals',
      ].sort(),
    )
    expect(Object.keys(j.sources[0]).sort()).toEqual(
      ['bytes', 'fingerprint', 'lines', 'name', 'regions', 'unrecognizedLines', 'warnings'].sort(),
    )
    expect(Object.keys(j.groups[0]).sort()).toEqual(
      [
        'allocations',
        'bySnapshot',
        'bytes',
        'count',
        'crashed',
        'createdBy',
        'frames',
        'label',
        'states',
        'waitMinutes',
      ].sort(),
    )
  })

  it('counts goroutines as the dump does, largest group first', async () => {
    const path = 'public/examples/go-goroutine-leak-dump.txt'
    const text = readFileSync(path, 'utf8')
    const headers = text.match(/^goroutine \d+ \[/gm)!.length
    const j = await json(path)
    expect(j.records).toBe(headers)
    expect(j.totals.count).toBe(headers)
    expect(j.groups.reduce((n, g) => n + g.count, 0)).toBe(headers)
    expect(j.groups.map((g) => g.count)).toEqual(
      [...j.groups.map((g) => g.count)].sort((a, b) => b - a),
    )
    // The program printed its own count before panicking.
    expect(j.crash?.message).toContain(`${headers} goroutines`)
  })

  it('gives each group of a single dump its own weight in that dump', async () => {
    // One dump: the growth of each group is found by position, not by key.
    const path = 'public/examples/go-goroutine-leak-dump.txt'
    const j = await json(path)
    expect(j.snapshots).toHaveLength(1)
    for (const g of j.groups)
      expect(g.bySnapshot).toEqual([
        { snapshot: 0, count: g.count, bytes: g.bytes, allocations: g.allocations },
      ])
    const headers = readFileSync(path, 'utf8').match(/^goroutine \d+ \[/gm)!.length
    expect(j.groups.reduce((n, g) => n + g.bySnapshot[0].count, 0)).toBe(headers)
  })

  it.each([
    'src/parse/sanitizer/__fixtures__/issue-cstring-6-lsan-unsymbolized.txt',
    'src/parse/sanitizer/__fixtures__/issue-hackem-108-lsan-gcc-ubuntu20.txt',
  ])('LeakSanitizer totals equal the SUMMARY line (%s)', async (path) => {
    const j = await json(path)
    const summary = lsanSummary(path)
    expect(j.totals.bytes).toBe(summary.bytes)
    expect(j.totals.allocations).toBe(summary.allocations)
  })

  it('reports timestamped events, the time range and metric names of a log', async () => {
    const j = await json('public/examples/api-service-with-restart.log')
    expect(j.events).toBeGreaterThan(300)
    expect(j.timeRange?.[0]).toBe('2014-06-24T18:00:00.000Z')
    expect(j.series).toContain('goroutines')
    expect(j.sources[0].regions.map((r) => r.format)).toEqual(['log', 'go', 'log'])
  })

  it('counts threads of a thread dump', async () => {
    const path = 'src/parse/java/__fixtures__/jcmd-thread-print.txt'
    // Thread headers: `"name" #1 prio=5 … tid=0x…` (the deadlock report repeats names without them).
    const quoted = readFileSync(path, 'utf8').match(/^"[^"]+" .*\btid=0x/gm)!.length
    const j = await json(path)
    expect(j.threads).toBe(quoted)
  })
})
