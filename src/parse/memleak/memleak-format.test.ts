import { checkMutatedSamples } from '../../test/mutated-samples'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getFrameFunc, getFrameKindName, getFrameModule, getStackFrames } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  dumpIncident,
  inputFromBytes,
} from '../../test/incident-snapshot'
import { parseInputs } from '../index'
import { memleakFormat } from './memleak-format'
import { formatFixtures } from '../../test/format-fixtures'

const { names: fixtures, path: fixture } = formatFixtures(__dirname)
const readFixture = (name: string) => readFileSync(fixture(name), 'utf8')

/** Parses with the memleak format alone, so other formats cannot change what these tests see. */
function parseMemleak(text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('input.txt', text)], { formats: [memleakFormat] })
}

function frames(
  incident: Incident,
  record: number,
): { func: string; module: string; kind: string }[] {
  const stack = incident.records.stack[record]
  if (stack === NONE) return []
  return getStackFrames(incident, stack).map((f) => ({
    func: getFrameFunc(incident, f),
    module: getFrameModule(incident, f),
    kind: getFrameKindName(incident, f),
  }))
}

/** Each snapshot's totals must equal the sum of the blocks printed under it. */
function expectTotalsMatchBlocks(incident: Incident): void {
  incident.snapshots.forEach((s, index) => {
    let bytes = 0
    let allocations = 0
    for (let i = 0; i < incident.records.length; i++) {
      if (incident.records.snapshot[i] !== index) continue
      bytes += incident.records.bytes[i]
      allocations += incident.records.allocations[i]
      expect(incident.records.count[i]).toBe(incident.records.allocations[i])
    }
    expect({ label: s.label, bytes, allocations }).toEqual({
      label: s.label,
      bytes: s.bytes,
      allocations: s.allocations,
    })
  })
}

describe('memleak fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(fixture(name))
    expect(incident.sources[0].regions.some((r) => r.format === 'memleak')).toBe(true)
    expectTotalsMatchBlocks(incident)
  })
})

describe('memleak output', () => {
  it('reads the printed blocks and totals of the generated run', async () => {
    const incident = await parseMemleak(readFixture('memleak-bpfcc-default-age.txt'))
    expect(incident.snapshots.map((s) => [s.label, s.bytes, s.allocations])).toEqual([
      ['19:35:39', 144 + 288 + 816, 9 + 9 + 48],
      ['19:35:42', 288 + 576 + 1802, 18 + 18 + 106],
    ])
    expect([...incident.records.snapshot]).toEqual([0, 0, 0, 1, 1, 1])
    expect([...incident.records.bytes]).toEqual([144, 288, 816, 288, 576, 1802])
    // Leaf first as printed; the address column is display only.
    expect(frames(incident, 0).map((f) => f.func)).toEqual([
      'build_list(int)',
      'drop_list()',
      'main',
      '__libc_start_call_main',
    ])
    expect(frames(incident, 0)[0]).toMatchObject({ module: 'leaky_service', kind: 'app' })
    expect(frames(incident, 2)).toEqual([
      { func: '__GI___strdup', module: 'libc.so.6', kind: 'stdlib' },
    ])
    expect([...incident.snapshots].every((s) => s.time === undefined)).toBe(true)
  })

  it('keeps the module of [unknown] frames', async () => {
    const incident = await parseMemleak(readFixture('seed004-zookeeper-unknown-frames.txt'))
    expect(frames(incident, 0)).toEqual([
      {
        func: 'unknown in libzookeeper_mt.so.2.0.0',
        module: 'libzookeeper_mt.so.2.0.0',
        kind: 'unknown',
      },
      { func: 'unknown', module: '', kind: 'unknown' },
    ])
    expect(incident.records.bytes[0]).toBe(0)
    expect(incident.records.allocations[0]).toBe(1228)
  })

  it('reads libbpf-tools frames: mangled names, full module paths, <null sym>', async () => {
    const incident = await parseMemleak(
      readFixture('issue-bcc-4958-libbpf-tools-memleak-frames.txt'),
    )
    expect(frames(incident, 0)).toEqual([
      { func: '_Znwm', module: 'libstdc++.so.6.0.30', kind: 'stdlib' },
      { func: '_Z3foov', module: 'a.out', kind: 'app' },
      { func: 'main', module: 'a.out', kind: 'app' },
      { func: 'unknown in libc.so.6', module: 'libc.so.6', kind: 'unknown' },
      { func: 'unknown', module: '', kind: 'unknown' },
    ])
    expect(incident.snapshots.map((s) => s.label)).toEqual(['17:35:42', '17:35:47'])
  })

  it('marks kernel-allocator frames as kernel frames', async () => {
    const incident = await parseMemleak(readFixture('issue-bcc-5268-libbpf-tools-kernel-mode.txt'))
    expect(frames(incident, 0)).toEqual([
      { func: '__alloc_pages_nodemask', module: 'kernel', kind: 'kernel' },
    ])
    expect(incident.snapshots[0]).toMatchObject({
      label: '10:45:48',
      bytes: 7626016,
      allocations: 1901,
    })
  })

  it('splits the 2019 bytes-repr stack into frames', async () => {
    const incident = await parseMemleak(readFixture('issue-bcc-2316-python-bytes-repr-bug.txt'))
    const f = frames(incident, 0)
    expect(f[0]).toEqual({ func: 'pcpu_alloc', module: 'kernel', kind: 'kernel' })
    expect(f.length).toBeGreaterThan(5)
    expect(f.every((x) => !x.func.includes('\\'))).toBe(true)
  })

  it('opens a snapshot for blocks printed without a header', async () => {
    const incident = await parseMemleak(readFixture('bcc-memleak_example.txt'))
    expect(incident.snapshots.map((s) => s.label)).toContain('(no header)')
    expect(incident.sources[0].regions.length).toBe(6)
  })

  it('skips -t trace tuples with a warning', async () => {
    const incident = await parseMemleak(readFixture('issue-bcc-4374-trace-mode-t.txt'))
    expect(incident.records.length).toBe(0)
    expect(incident.sources[0].warnings.join('\n')).toContain('3 memleak trace line(s)')
  })
})

const run = readFixture('memleak-bpfcc-default-age.txt')

describe('edge cases', () => {
  it.each([
    { name: 'empty', input: '', snapshots: 0, records: 0 },
    { name: 'only junk', input: 'hello\n[1:2:3] nothing\n0 bytes\n', snapshots: 0, records: 0 },
    { name: 'CRLF', input: run.replace(/\n/g, '\r\n'), snapshots: 2, records: 6 },
    {
      name: 'truncated last line',
      input: run.slice(0, run.indexOf('[libc.so.6]\n# exit') - 3),
      snapshots: 2,
      records: 6,
    },
    {
      name: 'a prefix on every line',
      input: run
        .split('\n')
        .map((l) => `2024-05-01T10:00:00Z stdout F ${l}`)
        .join('\n'),
      snapshots: 2,
      records: 6,
    },
    {
      name: 'tabs turned into spaces',
      input: run.replace(/\t/g, '    '),
      snapshots: 2,
      records: 6,
    },
    {
      name: 'two runs pasted back to back',
      input: run + run,
      snapshots: 4,
      records: 12,
    },
    {
      name: 'output cut inside a block header',
      input:
        'Attaching to pid 1, Ctrl+C to quit.\n[1:2:3] Top 10 stacks with outstanding allocations:\n\t16 bytes in 1 allocations from stack\n',
      snapshots: 1,
      records: 1,
    },
  ])('$name', async ({ input, snapshots, records }) => {
    const incident = await parseMemleak(input)
    expect(incident.snapshots.length).toBe(snapshots)
    expect(incident.records.length).toBe(records)
    expectTotalsMatchBlocks(incident)
    assertIncidentIntegrity(incident)
  })

  it('ends a region at a second Attaching line', async () => {
    const incident = await parseMemleak(run + run)
    expect(incident.sources[0].regions.map((r) => r.format)).toEqual(['memleak', 'memleak'])
  })

  it('flags a block whose stack is missing at the end of the input', async () => {
    const incident = await parseMemleak(
      'Attaching to pid 1, Ctrl+C to quit.\n[1:2:3] Top 10 stacks with outstanding allocations:\n\t16 bytes in 1 allocations from stack\n',
    )
    expect(incident.records.flags[0] & RecordFlag.truncated).toBe(RecordFlag.truncated)
    expect(incident.sources[0].warnings.join('\n')).toContain('ends inside a block')
  })
})

describe('properties', () => {
  const samples = fixtures.map(readFixture)

  it('never throws and is deterministic on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const a = dumpIncident(await parseMemleak(text))
        expect(dumpIncident(await parseMemleak(text))).toBe(a)
      }),
      { numRuns: 200 },
    )
  })

  it('keeps totals consistent on mutated samples', async () => {
    await checkMutatedSamples(samples, parseMemleak, {
      maxEdits: 6,
      check: expectTotalsMatchBlocks,
    })
  })
})
