import { checkMutatedSamples } from '../../test/mutated-samples'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getFrameFunc, getFrameModule, getStackFrames } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { FrameKind, NONE } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  dumpIncident,
  parseText,
} from '../../test/incident-snapshot'
import { parseSanitizerFrame } from './sanitizer-frame'

const dir = join(__dirname, '__fixtures__')
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt'))

function stateRecords(incident: Incident, state: string): number[] {
  const out: number[] = []
  for (let i = 0; i < incident.records.length; i++) {
    const s = incident.records.state[i]
    if (s !== NONE && incident.strings[s] === state) out.push(i)
  }
  return out
}

function leafFunc(incident: Incident, record: number): string {
  return getFrameFunc(incident, getStackFrames(incident, incident.records.stack[record])[0])
}

describe('sanitizer fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    expect(incident.sources[0].regions.some((r) => r.format === 'sanitizer')).toBe(true)
  })

  // Guards against leak records that do not add up to what LSan itself printed.
  const withSummary = fixtures.filter((f) =>
    /SUMMARY: \w+Sanitizer: \d+ byte\(s\) leaked/.test(readFileSync(join(dir, f), 'utf8')),
  )
  it.each(withSummary)('%s: leak totals equal the LSan SUMMARY line', async (name) => {
    const text = readFileSync(join(dir, name), 'utf8')
    const m = /SUMMARY: \w+Sanitizer: (\d+) byte\(s\) leaked in (\d+) allocation\(s\)/.exec(text)!
    const incident = await checkIncidentSnapshot(join(dir, name))
    const kinds = Object.values(incident.leakKinds)
    expect(kinds.reduce((s, k) => s + k.bytes, 0)).toBe(Number(m[1]))
    expect(kinds.reduce((s, k) => s + k.allocations, 0)).toBe(Number(m[2]))
    let bytes = 0
    for (let i = 0; i < incident.records.length; i++) bytes += incident.records.bytes[i]
    expect(bytes).toBe(Number(m[1]))
    expect(incident.sources[0].warnings.filter((w) => w.includes('SUMMARY says'))).toEqual([])
  })

  it('splits LSan totals into direct and indirect kinds', async () => {
    const incident = await checkIncidentSnapshot(join(dir, 'lsan-report_objects.txt'))
    expect(incident.leakKinds).toEqual({
      direct: { bytes: 697, allocations: 12 },
      indirect: { bytes: 651, allocations: 9 },
    })
    const strdup = stateRecords(incident, 'direct leak').find(
      (r) => incident.records.bytes[r] === 153,
    )!
    expect(incident.records.count[strdup]).toBe(9)
    expect(incident.records.allocations[strdup]).toBe(9)
  })

  it('rejoins an ASan header wrapped inside `sp`', async () => {
    const incident = await checkIncidentSnapshot(
      join(dir, 'issue-wfqueue-3-asan-uaf-wrapped-line.txt'),
    )
    const crash = incident.crashes[0]
    expect(crash).toMatchObject({
      format: 'asan',
      kind: 'heap-use-after-free',
      addr: '0x62503173e040',
      pc: '0x0000004030f9',
      threadId: 2,
    })
    expect(leafFunc(incident, crash.record)).toBe('cleanup')
    expect(stateRecords(incident, 'freed by')).toHaveLength(1)
  })

  it('reads a report relayed by an application logger (prefix and `, r0=` suffix)', async () => {
    const incident = await checkIncidentSnapshot(
      join(dir, 'issue-srs-3413-asan-inside-app-log-lines.txt'),
    )
    expect(incident.sources[0].regions).toHaveLength(1)
    expect(incident.crashes[0].kind).toBe('heap-use-after-free')
    const frames = getStackFrames(incident, incident.records.stack[0])
    const root = frames[frames.length - 1]
    expect(frames).toHaveLength(7)
    expect(getFrameFunc(incident, root)).toBe('__libc_start_main')
    expect(getFrameModule(incident, root)).toBe('/lib/x86_64-linux-gnu/libc.so.6')
  })

  it('reads TSan sections, named threads and `[failed to restore the stack]`', async () => {
    const incident = await checkIncidentSnapshot(join(dir, 'tsan-data-race.txt'))
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0]).toMatchObject({ format: 'tsan', kind: 'data race', threadId: 2 })
    // The header says `data race`; the message is the SUMMARY's, which says where.
    const summary = /^SUMMARY: ThreadSanitizer: (.*)$/m.exec(
      readFileSync(join(dir, 'tsan-data-race.txt'), 'utf8'),
    )![1]
    expect(incident.crashes[0].message).toBe(summary)
    expect(summary).toMatch(/^data race \S+:\d+:\d+ in record_hit$/)
    expect(stateRecords(incident, 'write by T2')).toHaveLength(1)
    expect(stateRecords(incident, 'previous write by T1')).toHaveLength(1)
    expect(stateRecords(incident, 'thread created by')).toHaveLength(2)
    const thorvg = await parseText(
      readFileSync(join(dir, 'issue-thorvg-2463-tsan-named-thread-mutexes.txt')),
    )
    const created = stateRecords(thorvg, 'thread created by')[0]
    expect(thorvg.strings[thorvg.records.name[created]]).toBe('Duplicat:gdrv0')
    expect(thorvg.records.id[created]).toBe(13)
  })
})

describe('parseSanitizerFrame', () => {
  it.each([
    [
      'clang file:line:col',
      '    #0 0x5652deb47738 in handle_request /path/mem_errors.c:24:84',
      { func: 'handle_request', file: '/path/mem_errors.c', line: 24, kind: FrameKind.app },
    ],
    [
      'unsymbolized, two spaces',
      '    #0 0x4b9808  (/home/ubuntu/fuzz/cstring/app+0x4b9808)',
      { func: 'unknown in app+0x4b9808', module: '/home/ubuntu/fuzz/cstring/app' },
    ],
    [
      'TSan <null> <null>',
      '    #1 <null> <null> (libtsan.so.0+0x29b3d)',
      { func: 'unknown in libtsan.so.0+0x29b3d', kind: FrameKind.unknown },
    ],
    [
      'macOS module:arch+offset',
      '    #6 0x7fff7dd12144 in start (libdyld.dylib:x86_64+0x1144)',
      { func: 'start', module: 'libdyld.dylib', address: '0x7fff7dd12144' },
    ],
    [
      'C++ signature with spaces and BuildId',
      '    #0 0x55d5c572ce18 in operator new(unsigned long) (/b/leaky+0x32e18) (BuildId: 02a6)',
      { func: 'operator new(unsigned long)', module: '/b/leaky', kind: FrameKind.runtime },
    ],
    [
      'TSan, no address',
      '    #0 record_hit /p/tsan_race.c:12:62 (tsan_race+0xd02f1) (BuildId: ccba)',
      { func: 'record_hit', file: '/p/tsan_race.c', line: 12, module: 'tsan_race' },
    ],
  ])('%s', (_name, line, want) => {
    expect(parseSanitizerFrame(line)?.frame).toMatchObject(want)
  })
})

const LSAN = `=================================================================
==20068==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 40 byte(s) in 1 object(s) allocated from:
    #0 0x4c8e23 in malloc (/path/bin+0x4c8e23)
    #1 0x4f0a11 in make_thing /src/thing.c:12:3

SUMMARY: AddressSanitizer: 40 byte(s) leaked in 1 allocation(s).
`

describe('edge cases', () => {
  it.each([
    ['empty', '', 0],
    ['only junk', 'hello\nworld\n#0 not a frame\n', 0],
    ['plain LSan', LSAN, 1],
    ['CRLF', LSAN.replace(/\n/g, '\r\n'), 1],
    ['truncated last line', LSAN.slice(0, LSAN.indexOf('SUMMARY') + 20), 1],
    ['a prefix on every line', LSAN.replace(/^/gm, '2024-01-02T03:04:05.123Z stderr F '), 1],
    ['a Markdown quote on every line', LSAN.replace(/^/gm, '> '), 1],
  ])('%s', async (_name, text, records) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(records)
    if (records) {
      expect(incident.records.bytes[0]).toBe(40)
      expect(leafFunc(incident, 0)).toBe('malloc')
    }
  })

  it('warns when the records do not add up to the SUMMARY', async () => {
    const incident = await parseText(LSAN.replace('40 byte(s) leaked', '50 byte(s) leaked'))
    expect(incident.sources[0].warnings.join('\n')).toMatch(/SUMMARY says 50/)
  })

  it('ends a UBSan report without a stack at the next line', async () => {
    const incident = await parseText(
      'x.c:3:5: runtime error: load of null pointer of type int\nprogram output\nmore\n',
    )
    expect(incident.crashes).toHaveLength(1)
    expect(incident.crashes[0]).toMatchObject({ format: 'ubsan', record: NONE })
    expect(incident.sources[0].unrecognizedLines).toBe(2)
  })
})

describe('properties', () => {
  const samples = fixtures.map((f) => readFileSync(join(dir, f), 'utf8'))

  it('never throws and is deterministic on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              'Direct leak of 1 byte(s) in 1 object(s) allocated from:',
              '    #0 0x1 in f a.c:1',
              '==1==ERROR: AddressSanitizer: SEGV on unknown address 0x0 (pc 0x1 bp 0x2 s',
              'SUMMARY: AddressSanitizer: 1 byte(s) leaked in 1 allocation(s).',
              'WARNING: ThreadSanitizer: data race (pid=1)',
              '==================',
              '',
            ),
          ),
          { maxLength: 30 },
        ),
        async (lines) => {
          const text = lines.join('\n')
          const a = dumpIncident(await parseText(text))
          expect(dumpIncident(await parseText(text))).toBe(a)
        },
      ),
      { numRuns: 200 },
    )
    // 200 async parses: generous when the whole suite runs in parallel.
  }, 60_000)

  it('never throws on mutated samples', async () => {
    await checkMutatedSamples(samples, parseText, { maxEdits: 6 })
    // 200 async parses: generous when the whole suite runs in parallel.
  }, 60_000)
})
