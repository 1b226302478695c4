import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getFrameFunc, getStackFrames } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { inputFromBytes } from '../../test/incident-snapshot'
import { parseInputs } from '../index'
import { computeLeakGrowth, type LeakGrowthRow } from './leak-growth'
import { memleakFormat } from './memleak-format'

const readFixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8')

function parseMemleak(text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('input.txt', text)], { formats: [memleakFormat] })
}

const leaf = (incident: Incident, row: LeakGrowthRow) =>
  getFrameFunc(incident, getStackFrames(incident, row.stack)[0])

/** One memleak run with these snapshots, printed as memleak prints them. */
function memleak(...snapshots: [string, number, number][][]): string {
  const out = ['Attaching to pid 1, Ctrl+C to quit.']
  snapshots.forEach((blocks, i) => {
    out.push(`[10:00:0${i}] Top 10 stacks with outstanding allocations:`)
    for (const [func, bytes, allocations] of blocks) {
      out.push(`\t${bytes} bytes in ${allocations} allocations from stack`, `\t\t${func}+0x1 [app]`)
    }
  })
  return out.join('\n') + '\n'
}

describe('computeLeakGrowth', () => {
  it('shows deserialize_String_vector growing in the seed zookeeper run', async () => {
    const incident = await parseMemleak(readFixture('seed004-zookeeper-symbolized-o5000.txt'))
    const [run] = computeLeakGrowth(incident)
    expect(run.snapshots).toEqual([0])
    const row = run.rows[0]
    expect(leaf(incident, row)).toBe('deserialize_String_vector')
    // 6261 zero-byte allocations outstanding since attach: it grows in count, not in bytes.
    expect(row).toMatchObject({
      bytes: [0],
      allocations: [6261],
      allocationsSinceStart: 6261,
      bytesSinceStart: 0,
      onlyGrows: true,
    })
  })

  it('sums the stacks of the generated run per snapshot and finds both leaks', async () => {
    const incident = await parseMemleak(readFixture('memleak-bpfcc-default-age.txt'))
    const [run] = computeLeakGrowth(incident)
    expect(run.snapshots).toEqual([0, 1])
    const byLeaf = new Map(run.rows.map((r) => [leaf(incident, r), r]))
    expect(byLeaf.get('__GI___strdup')).toMatchObject({
      bytes: [816, 1802],
      allocations: [48, 106],
      bytesDelta: 986,
      allocationsDelta: 58,
      onlyGrows: true,
    })
    // build_list+0x26 and +0x39 are one frame (offsets are not identity): their blocks add up.
    expect(byLeaf.get('build_list(int)')).toMatchObject({
      bytes: [144 + 288, 288 + 576],
      allocations: [18, 36],
      onlyGrows: true,
    })
    expect(run.rows.map((r) => leaf(incident, r))).toEqual(['__GI___strdup', 'build_list(int)'])
  })

  it.each([
    { name: 'grows', snaps: [[['a', 16, 1]], [['a', 32, 2]]], want: true, delta: 16 },
    { name: 'shrinks', snaps: [[['a', 32, 2]], [['a', 16, 1]]], want: false, delta: -16 },
    { name: 'flat but held', snaps: [[['a', 16, 1]], [['a', 16, 1]]], want: true, delta: 0 },
    {
      name: 'gone in the last snapshot',
      snaps: [[['a', 16, 1]], [['b', 8, 1]]],
      want: false,
      delta: 0,
    },
    {
      name: 'missing in the middle',
      snaps: [[['a', 16, 1]], [['b', 8, 1]], [['a', 48, 3]]],
      want: true,
      delta: 32,
    },
  ] as { name: string; snaps: [string, number, number][][]; want: boolean; delta: number }[])(
    'flags a stack that $name',
    async ({ snaps, want, delta }) => {
      const incident = await parseMemleak(memleak(...snaps))
      const [run] = computeLeakGrowth(incident)
      const row = run.rows.find((r) => leaf(incident, r) === 'a')!
      expect(row.onlyGrows).toBe(want)
      expect(row.bytesDelta).toBe(delta)
    },
  )

  it('keeps runs apart', async () => {
    const text = memleak([['a', 16, 1]], [['a', 32, 2]]) + memleak([['a', 8, 1]])
    const incident = await parseMemleak(text)
    const runs = computeLeakGrowth(incident)
    expect(runs.map((r) => r.snapshots)).toEqual([[0, 1], [2]])
    expect(runs[0].rows[0].bytes).toEqual([16, 32])
    expect(runs[1].rows[0].bytes).toEqual([8])
  })

  it('returns nothing for an incident without snapshots', async () => {
    expect(computeLeakGrowth(await parseMemleak('hello\n'))).toEqual([])
  })
})
