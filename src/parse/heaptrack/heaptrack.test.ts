import { checkMutatedSamples } from '../../test/mutated-samples'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  dumpIncident,
  parseFixture,
  parseText,
} from '../../test/incident-snapshot'
import { formatHeaptrackBytes, parseHeaptrackBytes } from './heaptrack-size'

const dir = join(__dirname, '__fixtures__')
const fixtures = readdirSync(dir).filter((f) => f !== 'PROVENANCE.tsv')
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

function sumState(incident: Incident, state: string): { bytes: number; records: number } {
  let bytes = 0
  let records = 0
  for (let i = 0; i < incident.records.length; i++) {
    if (incident.strings[incident.records.state[i]] !== state) continue
    bytes += incident.records.bytes[i]
    records++
  }
  return { bytes, records }
}

describe('heaptrack fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    expect(incident.sources[0].regions.some((r) => r.format.startsWith('heaptrack'))).toBe(true)
    // heaptrack_print's listings warn where they hold less than its summary (checked in
    // heaptrack-moments.test.ts); a run log with no stacks names its recording; nothing else
    // warns.
    const text = /\.(gz|zst)$/.test(name) ? '' : read(name)
    const recording = /^heaptrack output will be written to "(.+)"$/m.exec(text)?.[1]
    const runLogOnly = recording !== undefined && incident.records.length === 0
    expect(
      incident.sources[0].warnings.filter((w) => !w.startsWith('heaptrack_print lists only')),
    ).toEqual(runLogOnly ? [expect.stringContaining(`wrote them to "${recording}"`)] : [])
  })

  it('names the recording when the run log lists no stacks, and the line it says so', async () => {
    const text = 'some output\nheaptrack output will be written to "/go/heaptrack.app.578.gz"\n'
    const incident = await parseText(text)
    expect(incident.records.length).toBe(0)
    expect(incident.sources[0].warnings).toEqual([
      `heaptrack's run log (line 2) lists no stacks: heaptrack wrote them to "/go/heaptrack.app.578.gz". Open that file (a .gz or .zst is read as it is) to see them.`,
    ])
  })

  // Guards against the gzip and text forms of one data file drifting apart.
  it('reads the .gz data file exactly as its decompressed text', async () => {
    const gz = await parseFixture(join(dir, 'heaptrack.david.18594.gz'))
    const text = await parseFixture(join(dir, 'heaptrack.david.18594.v2.txt'))
    expect(dumpIncident(gz)).toBe(dumpIncident(text))
    expect(gz.leakKinds).toEqual({ leaked: { bytes: 30463, allocations: 37 } })
  })

  it('decompresses zstd data files (heaptrack 1.2+ default)', async () => {
    const incident = await parseFixture(join(dir, 'heaptrack.embedded_lsan_suppressions.84207.zst'))
    expect(incident.sources[0].compression).toBe('zstd')
    // The test program leaks malloc(1), (2), (3) and (4) (heaptrack tests/manual).
    expect(incident.leakKinds).toEqual({ leaked: { bytes: 10, allocations: 4 } })
    expect(sumState(incident, 'leaked')).toEqual({ bytes: 10, records: 4 })
  })

  it('gives the same totals for a raw recording and its interpreted file', async () => {
    const raw = await parseFixture(join(dir, 'heaptrack-test_sysroot.raw.txt'))
    const interpreted = await parseFixture(join(dir, 'heaptrack-test_sysroot.expected.txt'))
    expect(raw.leakKinds).toEqual(interpreted.leakKinds)
    expect(raw.leakKinds.leaked.bytes).toBe(0x12000 + 0x18 + 0x8)
    expect(sumState(raw, 'peak')).toEqual(sumState(interpreted, 'peak'))
  })

  it('reads symbols, files and inlined frames of interpreted v3 files', async () => {
    const dump = dumpIncident(await parseFixture(join(dir, 'heaptrack-test_sysroot.expected.txt')))
    // `i 7bf3f6a00b97 3 e f 7b 10 11 515 12 d 12 13 d 22`: emplace_back inlined into push_back,
    // Foo::Private::push and Foo::doBar; line numbers are hex.
    expect(dump).toMatch(
      /Foo::doBar\(\)@[^;]*lib\.cpp:34;Foo::Private::push\(\)@[^;]*lib\.cpp:18;[^;]*push_back[^;]*@[^;]*stl_vector\.h:1301;[^;]*emplace_back[^;]*@[^;]*vector\.tcc:123/,
    )
  })

  // heaptrack_print rounds every size and lists only the top entries (--peak-limit), so its
  // entries add up to at most its own total.
  it.each(['heaptrack_print-leaks.txt'])('%s: MEMORY LEAKS stay within its total', async (name) => {
    const text = read(name)
    const total = parseHeaptrackBytes(/^total memory leaked: (\S+)$/m.exec(text)![1])
    const incident = await parseFixture(join(dir, name))
    expect(incident.leakKinds.leaked.bytes).toBe(total)
    const leaked = sumState(incident, 'leaked')
    expect(leaked.records).toBeGreaterThan(5)
    // 4.10K + 1.14K + 680B + 170B + 512B + 400B as printed, out of 7.67K.
    expect(leaked.bytes).toBe(4100 + 1140 + 680 + 170 + 512 + 400)
    expect(leaked.bytes).toBeLessThanOrEqual(total)
  })

  it('prints sizes the way heaptrack_print does', () => {
    expect(formatHeaptrackBytes(32)).toBe('32B')
    expect(formatHeaptrackBytes(1000)).toBe('1000B')
    expect(formatHeaptrackBytes(1144)).toBe('1.14K')
    expect(formatHeaptrackBytes(80410)).toBe('80.41K')
    expect(formatHeaptrackBytes(4_200_000)).toBe('4.20M')
    expect(parseHeaptrackBytes('7.67K')).toBe(7670)
    expect(parseHeaptrackBytes('850B')).toBe(850)
    expect(parseHeaptrackBytes('4.20MB')).toBe(4_200_000)
  })

  it('puts the run totals in a crash fact as heaptrack_print words them', async () => {
    const incident = await parseFixture(join(dir, 'heaptrack.leaky_service.raw.txt'))
    const crash = incident.crashes[0]
    expect(crash.message).toBe(`total memory leaked: ${formatHeaptrackBytes(2609)}`)
    expect(crash.details).toContain('calls to allocation functions: 1055')
    expect(incident.series.map((s) => s.name)).toEqual(['heap', 'rss'])
  })
})

const V3 = `v 10400 3
X ./prog
s 4 main
s 8 /a b.cpp
s 6 a.out!
i 1000 3 1 2 c
t 1 0
a 40 1
+ 0
+ 0
- 0
`

describe('edge cases', () => {
  it.each([
    ['plain', V3],
    ['CRLF', V3.replace(/\n/g, '\r\n')],
    ['truncated last line', V3 + '+ '],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.leakKinds.leaked).toEqual({ bytes: 0x40, allocations: 1 })
    expect(dumpIncident(incident)).toContain('main@/a b.cpp:12')
  })

  it.each([
    ['empty', ''],
    ['only junk', 'v is not a version\nhello\n'],
    ['a version line alone', 'v 10400 3\n'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    expect(incident.records.length).toBe(0)
    expect(incident.crashes).toHaveLength(0)
  })

  it('marks a free right after its allocation as temporary', async () => {
    const incident = await parseText(V3)
    expect(incident.crashes[0].details).toContain('temporary memory allocations: 1')
  })
})

describe('properties', () => {
  const samples = fixtures.filter((f) => !/\.(gz|zst)$/.test(f)).map(read)
  it('never throws and is deterministic on mutated samples and arbitrary text', async () => {
    await checkMutatedSamples(samples, parseText, { maxEdits: 6, arbitraryText: 400 })
    // 200 async parses: generous when the whole suite runs in parallel.
  }, 60_000)
})
