import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from '../parse/index'
import { computeGroupComparison, getDefaultComparison, pickComparisonSide } from './compare-groups'
import { getDefaultDiffInputs } from './flame/diff'
import { computeGroups } from './group'
import { getFrameFunc, getStackFrames } from './stacks'
import { tenSnapshots } from '../test/memleak-snapshots'
import { getSnapshotSeries } from './snapshot-view'
import { applyTransforms } from './transforms/apply'

const fixture = (name: string) => `src/parse/go/__fixtures__/${name}`
// Two dumps of the same service, an hour apart: 302 goroutines, then 2,002.
const EARLY = fixture('local-go119-gen-dump-n300-wait61s.txt')
const LATE = fixture('local-go119-gen-dump-n2000-churn.txt')
const LOOKUP = 'example.com/edgeproxy/internal/dns.(*Resolver).lookupIPDeadline'

/** Goroutines of a dump whose stack calls `func`, counted in the text. */
function goroutinesThrough(path: string, func: string): number {
  return readFileSync(path, 'utf8')
    .split(/\n\s*\n/)
    .filter((b) => /^goroutine \d+ \[/m.test(b))
    .filter((b) => b.split('\n').some((l) => l.startsWith(`${func}(`))).length
}

const load = (...paths: string[]) =>
  parseInputs(paths.map((p) => inputFromBytes(basename(p), readFileSync(p))))

describe('comparing two dumps group by group', async () => {
  const incident = await load(EARLY, LATE)
  const inputs = getDefaultDiffInputs(incident)!

  it('compares the two files, each group with its count in each', () => {
    expect(inputs).toEqual({ type: 'sources', before: 0, after: 1 })
    const rows = computeGroupComparison(incident, computeGroups(incident), inputs)
    const sum = (side: 'before' | 'after') => rows.reduce((s, r) => s + r[side].count, 0)
    expect(sum('before')).toBe(302)
    expect(sum('after')).toBe(2002)
    for (const row of rows) expect(row.change.count).toBe(row.after.count - row.before.count)
  })

  it('puts the leak first, with the counts each dump printed', () => {
    const rows = computeGroupComparison(incident, computeGroups(incident), inputs)
    const calls = (row: (typeof rows)[number]) =>
      getStackFrames(incident, row.group.stack).some((f) => getFrameFunc(incident, f) === LOOKUP)
    expect(calls(rows[0])).toBe(true)
    // One exact stack per group: the rows through the lookup hold every such goroutine.
    const through = rows.filter(calls)
    expect(through.reduce((s, r) => s + r.before.count, 0)).toBe(goroutinesThrough(EARLY, LOOKUP))
    expect(through.reduce((s, r) => s + r.after.count, 0)).toBe(goroutinesThrough(LATE, LOOKUP))
    for (let i = 1; i < rows.length; i++)
      expect(rows[i].change.count).toBeLessThanOrEqual(rows[i - 1].change.count)
  })

  it('compares the transformed stacks: only those through the lookup', () => {
    const view = applyTransforms(incident, [{ type: 'through', func: LOOKUP }])
    const rows = computeGroupComparison(view, computeGroups(view, { type: 'firstApp' }), inputs)
    expect(rows.reduce((s, r) => s + r.before.count, 0)).toBe(goroutinesThrough(EARLY, LOOKUP))
    expect(rows.reduce((s, r) => s + r.after.count, 0)).toBe(goroutinesThrough(LATE, LOOKUP))
  })

  it('weighs leak snapshots in bytes', async () => {
    const report = await load('src/parse/memleak/__fixtures__/bcc-memleak_example.txt')
    const sides = getDefaultDiffInputs(report)!
    expect(sides.type).toBe('snapshots')
    const rows = computeGroupComparison(report, computeGroups(report), sides)
    const r = report.records
    let before = 0
    let after = 0
    for (let i = 0; i < r.length; i++) {
      if (r.snapshot[i] === sides.before) before += r.bytes[i]
      if (r.snapshot[i] === sides.after) after += r.bytes[i]
    }
    expect(rows.reduce((s, x) => s + x.before.bytes, 0)).toBe(before)
    expect(rows.reduce((s, x) => s + x.after.bytes, 0)).toBe(after)
    for (let i = 1; i < rows.length; i++)
      expect(rows[i].change.bytes).toBeLessThanOrEqual(rows[i - 1].change.bytes)
  })

  it('compares the two dumps as snapshots of one series, with the counts each dump printed', () => {
    // Each file is one Go dump; both dumps form one series (one service), so they are the sides.
    expect(getSnapshotSeries(incident).map((s) => s.snapshots)).toEqual([[0, 1]])
    const sides = getDefaultComparison(incident, null)!
    expect(sides).toEqual({ type: 'snapshots', before: 0, after: 1 })
    const rows = computeGroupComparison(incident, computeGroups(incident), sides)
    expect(rows.reduce((s, r) => s + r.before.count, 0)).toBe(302)
    expect(rows.reduce((s, r) => s + r.after.count, 0)).toBe(2002)
    // The dump shown first is compared against the last, any other one against the first.
    expect(getDefaultComparison(incident, 0)).toEqual(sides)
  })
})

describe('comparison sides stay within one series of snapshots', async () => {
  // Two runs of memleak in one file: two series of ten snapshots each, never added up.
  const twoRuns = await parseInputs([
    inputFromBytes('memleak.txt', `${tenSnapshots()}\n${tenSnapshots()}\n`),
  ])
  const series = getSnapshotSeries(twoRuns).map((s) => s.snapshots)

  it('starts with the first and the shown snapshot of the series shown', () => {
    expect(series.map((s) => s.length)).toEqual([10, 10])
    const [first, second] = series
    expect(getDefaultComparison(twoRuns, null)).toEqual({
      type: 'snapshots',
      before: first[0],
      after: first[9],
    })
    expect(getDefaultComparison(twoRuns, second[4])).toEqual({
      type: 'snapshots',
      before: second[0],
      after: second[4],
    })
  })

  it('moves the other side along when a side is picked in another series', () => {
    const [first, second] = series
    const start = getDefaultComparison(twoRuns, null)!
    expect(pickComparisonSide(twoRuns, start, 'before', first[3])).toEqual({
      ...start,
      before: first[3],
    })
    expect(pickComparisonSide(twoRuns, start, 'after', second[6])).toEqual({
      type: 'snapshots',
      before: second[0],
      after: second[6],
    })
    expect(pickComparisonSide(twoRuns, start, 'before', second[2])).toEqual({
      type: 'snapshots',
      before: second[2],
      after: second[9],
    })
  })

  it('weighs each side as the snapshot printed it', () => {
    const [, second] = series
    const sides = getDefaultComparison(twoRuns, second[9])!
    const rows = computeGroupComparison(twoRuns, computeGroups(twoRuns), sides)
    // tenSnapshots(): snapshot k holds (k + 1) MiB and k * 4096 + 64 bytes.
    expect(rows.reduce((s, r) => s + r.before.bytes, 0)).toBe(1048576 + 64)
    expect(rows.reduce((s, r) => s + r.after.bytes, 0)).toBe(10 * 1048576 + 9 * 4096 + 64)
    expect(rows[0].change.bytes).toBe(9 * 1048576)
  })
})
