import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from './builder'
import { computeGroups } from './group'
import { computeGroupGrowth } from './group-growth'
import { getShownSnapshots, getSnapshotSeries } from './snapshot-view'
import { parseFixture } from '../test/incident-snapshot'
import { toIncidentJson } from '../cli/incident-json'
import { FrameKind } from './types'

describe('computeGroupGrowth', () => {
  // Groups of one record take a way of their own: their rows must be those of summing the
  // group's records into its series, as for any other group.
  it("sums each group's records into the snapshots of its series, groups of one too", () => {
    const record = fc.record({
      stack: fc.nat(5),
      snapshot: fc.integer({ min: -1, max: 2 }),
      count: fc.integer({ min: 1, max: 9 }),
      bytes: fc.nat(1000),
    })
    fc.assert(
      fc.property(record, fc.array(record, { maxLength: 30 }), (alone, records) => {
        const b = new IncidentBuilder()
        b.beginSource('dumps.txt', 0, '')
        for (let s = 0; s < 3; s++)
          b.addSnapshot({ label: `dump ${s}`, kind: 'dump', bytes: 0, allocations: 0, line: s })
        const stacks = Array.from({ length: 7 }, (_, k) =>
          b.stack(-1, b.frame({ func: `f${k}`, kind: FrameKind.app })),
        )
        // The last stack has a record of its own: a group of one.
        for (const r of [...records, { ...alone, stack: 6 }]) {
          b.addRecord({
            stack: stacks[r.stack],
            snapshot: r.snapshot < 0 ? undefined : r.snapshot,
            count: r.count,
            bytes: r.bytes,
            line: 0,
          })
        }
        const incident = b.build()
        const groups = computeGroups(incident)
        const growth = computeGroupGrowth(incident, { type: 'lines' }, groups)
        const r = incident.records
        for (const g of groups) {
          const member = [...g.records].find((i) => r.snapshot[i] >= 0)
          const rows = [0, 1, 2].map((snapshot) => {
            const of = [...g.records].filter((i) => r.snapshot[i] === snapshot)
            const sum = (column: ArrayLike<number>) => of.reduce((n, i) => n + column[i], 0)
            return { snapshot, count: sum(r.count), bytes: sum(r.bytes), allocations: 0 }
          })
          expect(growth.get(g.key)).toEqual(member === undefined ? [] : rows)
        }
      }),
    )
  })
})

describe('a group’s history across snapshots', () => {
  // bcc's memleak example holds three runs that leak from the same `main` stack (80 -> 160 B,
  // 64 -> 160 B, 16 -> 16 -> 32 B) and kernel runs between them. The growth cell of the run
  // shown once drew the first run's line (+80 B) beside the third run's 32 B.
  const path = 'src/parse/memleak/__fixtures__/bcc-memleak_example.txt'

  /** `main`'s bytes in each `[hh:mm:ss]` snapshot, by run, read from the text alone. */
  function mainBytesByRun(text: string): number[][] {
    const runs: number[][] = []
    let bytes = 0
    let inSnapshot = false
    let pending = 0
    for (const line of text.split('\n')) {
      if (line.startsWith('Attaching to')) runs.push([])
      const header = /^\[\d\d:\d\d:\d\d\] Top/.test(line)
      if (header || (inSnapshot && line.startsWith('#'))) {
        if (inSnapshot) runs.at(-1)!.push(bytes)
        inSnapshot = header
        bytes = 0
      }
      const weight = /^\s+(\d+) bytes in \d+ allocations from stack/.exec(line)
      if (weight) pending = Number(weight[1])
      if (/^\s+main\+0x[0-9a-f]+ \[allocs\]/.test(line)) bytes += pending
    }
    if (inSnapshot) runs.at(-1)!.push(bytes)
    return runs.filter((r) => r.length > 1)
  }

  it('is the history of the run shown, at every snapshot of every run', async () => {
    const incident = await parseFixture(path)
    const runs = mainBytesByRun(readFileSync(path, 'utf8'))
    expect(runs).toEqual([
      [80, 160],
      [64, 160],
      [16, 16, 32],
    ])
    const mode = { type: 'lines' } as const
    const groups = computeGroups(incident, mode)
    const main = groups.find((g) => g.label === 'main')!
    const series = getSnapshotSeries(incident).filter((s) => s.snapshots.length > 1)
    expect(series.map((s) => s.snapshots.length)).toEqual(runs.map((r) => r.length))
    series.forEach((s, run) => {
      for (const snapshot of s.snapshots) {
        const shown = getShownSnapshots(incident, snapshot)
        const rows = computeGroupGrowth(incident, mode, groups, shown).get(main.key)!
        expect(rows.map((row) => row.snapshot)).toEqual(s.snapshots)
        expect(rows.map((row) => row.bytes)).toEqual(runs[run])
        // The command line's figures for the same snapshot agree with the table's.
        const json = toIncidentJson(incident, mode, snapshot)
        const row = json.groups.find((g) => g.label === 'main')!
        expect(row.bySnapshot).toEqual(rows)
        expect(row.bySnapshot.find((b) => b.snapshot === snapshot)!.bytes).toBe(row.bytes)
      }
    })
  })
})
