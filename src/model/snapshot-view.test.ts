import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../parse/index'
import { inputFromBytes } from '../test/incident-snapshot'
import { getDefaultDiffInputs } from './flame/diff'
import {
  getChosenSnapshot,
  getShownSnapshots,
  getSnapshotPoints,
  getSnapshotPosition,
  hasSnapshotChoice,
  selectSnapshot,
} from './snapshot-view'

const load = (...files: { name: string; bytes: Uint8Array }[]) =>
  parseInputs(files.map((f) => inputFromBytes(f.name, f.bytes)))
const fromPath = (path: string) => ({ name: basename(path), bytes: readFileSync(path) })

// bcc's own example: its tool ran several times, each run printing its own snapshots.
const MEMLEAK = 'src/parse/memleak/__fixtures__/bcc-memleak_example.txt'
const EARLY = 'src/parse/go/__fixtures__/local-go119-gen-dump-n300-wait61s.txt'
const LATE = 'src/parse/go/__fixtures__/local-go119-gen-dump-n2000-churn.txt'

/** Two memleak runs, two snapshots each: 16 then 48 bytes, then 4096 and 8192. */
const twoRuns = [
  'Attaching to pid 5193, Ctrl+C to quit.',
  '[11:16:33] Top 10 stacks with outstanding allocations:',
  '        16 bytes in 1 allocations from stack',
  '                 main+0x6d [allocs]',
  '',
  '[11:16:38] Top 10 stacks with outstanding allocations:',
  '        48 bytes in 3 allocations from stack',
  '                 main+0x6d [allocs]',
  '',
  'Attaching to pid 6000, Ctrl+C to quit.',
  '[12:00:00] Top 10 stacks with outstanding allocations:',
  '        4096 bytes in 1 allocations from stack',
  '                 worker+0x10 [libz.so.1]',
  '',
  '[12:00:05] Top 10 stacks with outstanding allocations:',
  '        8192 bytes in 2 allocations from stack',
  '                 worker+0x10 [libz.so.1]',
  '',
].join('\n')

describe('the snapshot growth chart', () => {
  it('draws each run of a tool apart: no line joins one run to the next', async () => {
    const incident = await load({ name: 'memleak.txt', bytes: new TextEncoder().encode(twoRuns) })
    const points = getSnapshotPoints(incident)
    // Each snapshot's bytes as printed (`N bytes in`), and one gap where the second run starts.
    const printed = [...twoRuns.matchAll(/^\s+(\d+) bytes in (\d+) allocations/gm)]
    expect(points.map((p) => p.bytes)).toEqual([
      Number(printed[0][1]),
      Number(printed[1][1]),
      null,
      Number(printed[2][1]),
      Number(printed[3][1]),
    ])
    expect(points.map((p) => p.allocations)).toEqual([1, 3, null, 1, 2])
    expect(points.every((p) => p.count === null)).toBe(true)
    // Each point names its snapshot, so that the chart marks the one shown and a click picks it.
    expect(points.map((p) => p.snapshot)).toEqual([0, 1, null, 2, 3])
    expect(points.filter((p) => p.snapshot !== null).map((p) => p.label)).toEqual(
      incident.snapshots.map((s) => s.label),
    )
  })

  it('keeps every snapshot of a file of several runs, in order, with a gap between runs', async () => {
    const incident = await load(fromPath(MEMLEAK))
    const points = getSnapshotPoints(incident)
    const shown = points.filter((p) => p.bytes !== null)
    expect(shown.map((p) => p.label)).toEqual(incident.snapshots.map((s) => s.label))
    const text = readFileSync(MEMLEAK, 'utf8')
    // Runs start at `Attaching to`; a gap separates each from the one before.
    const gaps = points.length - shown.length
    expect(gaps).toBeGreaterThanOrEqual(text.match(/^Attaching to/gm)!.length - 1)
    expect(points[0].bytes).not.toBeNull()
    expect(points.at(-1)!.bytes).not.toBeNull()
    for (let i = 1; i < points.length; i++)
      expect(points[i].bytes === null && points[i - 1].bytes === null).toBe(false)
  })

  it("charts a dump's goroutines, counted in the text, across the files of one service", async () => {
    const incident = await load(fromPath(EARLY), fromPath(LATE))
    const goroutines = (path: string) =>
      readFileSync(path, 'utf8').match(/^goroutine \d+ \[/gm)!.length
    const points = getSnapshotPoints(incident)
    // Two dumps of one service are one run: no gap, and no memory figures that a dump lacks.
    expect(points.map((p) => p.count)).toEqual([goroutines(EARLY), goroutines(LATE)])
    expect(points.every((p) => p.bytes === null && p.allocations === null)).toBe(true)
  })
})

describe('a file of two runs of a tool', () => {
  it('numbers its snapshots as the picker steps through them, with the run each belongs to', async () => {
    const incident = await load({ name: 'memleak.txt', bytes: new TextEncoder().encode(twoRuns) })
    const snapshots = twoRuns.match(/Top 10 stacks/g)!.length
    // By default the last snapshot of the last run, as the tool printed last.
    expect(getSnapshotPosition(incident, null)).toEqual({
      index: snapshots - 1,
      count: snapshots,
      isLast: true,
      run: 2,
      runs: 2,
      otherRuns: 0,
    })
    expect(getSnapshotPosition(incident, 1)).toMatchObject({ index: 1, isLast: false, run: 1 })
  })

  it('shows one run at a time: the totals are what that run printed, never two runs added', async () => {
    const incident = await load({ name: 'memleak.txt', bytes: new TextEncoder().encode(twoRuns) })
    const printed = [...twoRuns.matchAll(/^\s+(\d+) bytes in (\d+) allocations/gm)].map((m) => ({
      bytes: Number(m[1]),
      allocations: Number(m[2]),
    }))
    const totalsOf = (chosen: number | null) => {
      const r = selectSnapshot(incident, chosen).records
      let bytes = 0
      let allocations = 0
      for (let i = 0; i < r.length; i++) {
        bytes += r.bytes[i]
        allocations += r.allocations[i]
      }
      return { bytes, allocations }
    }
    expect([...getShownSnapshots(incident, null)]).toEqual([3])
    expect(totalsOf(null)).toEqual(printed[3])
    expect(totalsOf(1)).toEqual(printed[1])
    expect(totalsOf(2)).toEqual(printed[2])
  })

  it('offers a choice between two runs of one snapshot each (seed 004: before and after symbols)', async () => {
    const oneEach = twoRuns
      .split('\n')
      .filter(
        (_, k, lines) =>
          !/\[(11:16:33|12:00:00)\]/.test(
            lines
              .slice(0, k + 1)
              .filter((l) => l.startsWith('['))
              .at(-1) ?? '',
          ),
      )
      .join('\n')
    const incident = await load({ name: 'memleak.txt', bytes: new TextEncoder().encode(oneEach) })
    expect(incident.snapshots.map((s) => s.label)).toEqual(['11:16:38', '12:00:05'])
    expect(hasSnapshotChoice(incident)).toBe(true)
    expect(getChosenSnapshot(incident, null)).toBe(1)
    expect([...getShownSnapshots(incident, 0)]).toEqual([0])
    expect(getSnapshotPosition(incident, 0)).toMatchObject({ index: 0, count: 2, run: 1, runs: 2 })
  })

  it("diffs the shown run's first snapshot against its last, never one run against another", async () => {
    const incident = await load({ name: 'memleak.txt', bytes: new TextEncoder().encode(twoRuns) })
    expect(getDefaultDiffInputs(incident)).toEqual({ type: 'snapshots', before: 0, after: 1 })
    expect(getDefaultDiffInputs(incident, 3)).toEqual({ type: 'snapshots', before: 2, after: 3 })
  })
})
