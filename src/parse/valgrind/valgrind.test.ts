import { checkMutatedSamples } from '../../test/mutated-samples'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeGroups, defaultGroupMode } from '../../model/group'
import { getFrameFunc, getStackFrames } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  parseFixture,
  parseText,
} from '../../test/incident-snapshot'
import { errorKind, parseElapsed, parseLossRecord } from './valgrind-common'
import { tokenizeXmlLine } from './valgrind-xml'

const dir = join(__dirname, '__fixtures__')
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt') || f.endsWith('.xml'))
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

const KINDS = [
  'definitely lost',
  'indirectly lost',
  'possibly lost',
  'still reachable',
  'suppressed',
]

/** The LEAK SUMMARY as the tool printed it, read straight from the fixture text. */
function printedLeakSummary(text: string): Record<string, { bytes: number; allocations: number }> {
  const out: Record<string, { bytes: number; allocations: number }> = {}
  for (const kind of KINDS) {
    const t = new RegExp(`${kind}: ([\\d,]+) bytes in ([\\d,]+) blocks`).exec(text)
    const tag = kind.replace(' ', '_')
    const x = new RegExp(
      `<${tag}>\\s*<bytes>([\\d,]+)</bytes>\\s*<(?:in_)?blocks>([\\d,]+)</(?:in_)?blocks>`,
    ).exec(text)
    const m = t ?? x
    if (m)
      out[kind] = {
        bytes: Number(m[1].replace(/,/g, '')),
        allocations: Number(m[2].replace(/,/g, '')),
      }
  }
  return out
}

function sumByState(incident: Incident): Map<string, { bytes: number; allocations: number }> {
  const out = new Map<string, { bytes: number; allocations: number }>()
  const r = incident.records
  for (let i = 0; i < r.length; i++) {
    const state = incident.strings[r.state[i]]
    const s = out.get(state) ?? { bytes: 0, allocations: 0 }
    s.bytes += r.bytes[i]
    s.allocations += r.allocations[i]
    out.set(state, s)
  }
  return out
}

describe('valgrind fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    expect(
      incident.sources[0].regions.some(
        (r) => r.format === 'valgrind' || r.format === 'valgrind-xml',
      ),
    ).toBe(true)
  })

  // Guards against per-kind totals that drift from the tool's own LEAK SUMMARY.
  const withSummary = fixtures.filter((f) => /LEAK SUMMARY|<leak_summary>/.test(read(f)))
  it.each(withSummary)('%s: leak kinds equal the LEAK SUMMARY', async (name) => {
    const printed = printedLeakSummary(read(name))
    expect(Object.keys(printed)).toHaveLength(5)
    const incident = await parseFixture(join(dir, name))
    expect(incident.leakKinds).toEqual(printed)
  })

  it('loss records of every kind add up to the LEAK SUMMARY (--show-leak-kinds=all)', async () => {
    const incident = await parseFixture(join(dir, 'memcheck-leaks-all-kinds.txt'))
    const printed = printedLeakSummary(read('memcheck-leaks-all-kinds.txt'))
    const sums = sumByState(incident)
    for (const kind of ['definitely lost', 'indirectly lost', 'possibly lost', 'still reachable'])
      expect(sums.get(kind), kind).toEqual(printed[kind])
  })

  // memcheck lists indirectly lost blocks only with --show-leak-kinds=all, and a run without
  // --leak-check=full lists no record: the stacks then hold less than the LEAK SUMMARY says.
  const textWithSummary = withSummary.filter((f) => f.endsWith('.txt'))
  it.each(textWithSummary)('%s: a lost kind the records do not list is warned', async (name) => {
    const printed = printedLeakSummary(read(name))
    const incident = await parseFixture(join(dir, name))
    const sums = sumByState(incident)
    const short = ['definitely lost', 'indirectly lost', 'possibly lost'].filter(
      (kind) => printed[kind].bytes > (sums.get(kind)?.bytes ?? 0),
    )
    const warning = incident.sources[0].warnings.find((w) => w.includes('no loss record lists'))
    if (short.length === 0) expect(warning).toBeUndefined()
    for (const kind of short)
      expect(warning).toContain(
        `${kind}: ${printed[kind].bytes.toLocaleString('en-US')} bytes in ${printed[kind].allocations.toLocaleString('en-US')} blocks`,
      )
  })

  it('warns in XML too when <leak_summary> counts lost bytes no leak error lists', async () => {
    // Protocol 6 with no leak errors, its summary edited to count 1,234 bytes definitely lost:
    // what a run without --leak-check=full writes.
    const clean = read('cargo-valgrind-src_valgrind_xml_version6.xml')
    const lost = clean.replace(
      /<definitely_lost>\s*<bytes>0<\/bytes>\s*<blocks>0<\/blocks>/,
      '<definitely_lost><bytes>1,234</bytes><blocks>5</blocks>',
    )
    expect(lost).not.toBe(clean)
    expect(printedLeakSummary(lost)['definitely lost']).toEqual({ bytes: 1234, allocations: 5 })
    const incident = await parseText(lost, 'memcheck.xml')
    expect(incident.sources[0].warnings.join('\n')).toContain(
      'definitely lost: 1,234 bytes in 5 blocks, none listed',
    )
    // Its banner is the summary's, which the input printed: not one summed for want of it.
    const leak = incident.crashes.find((c) => c.kind === 'leak')!
    expect(leak.message).toBe('definitely lost: 1,234 bytes in 5 blocks')
    expect(leak.details.join('\n')).not.toContain('no LEAK SUMMARY')
    const whole = await parseText(clean, 'memcheck.xml')
    expect(whole.sources[0].warnings.join('\n')).not.toContain('no loss record lists')
  })

  it('the XML of the same run gives the text run`s totals', async () => {
    const xml = await parseFixture(join(dir, 'memcheck-leaks.xml'))
    const printed = printedLeakSummary(read('memcheck-leaks-all-kinds.txt'))
    delete printed['suppressed']
    expect(xml.leakKinds).toEqual(printed)
  })

  it('the XML and the text of the same program name the same leak and the same groups', async () => {
    const [xml, text] = await Promise.all(
      ['memcheck-leaks.xml', 'memcheck-leaks-all-kinds.txt'].map((f) => parseFixture(join(dir, f))),
    )
    // The text's banner is its LEAK SUMMARY's first kind that lost bytes, as printed.
    const printed = /definitely lost: ([\d,]+) bytes in ([\d,]+) blocks/.exec(
      read('memcheck-leaks-all-kinds.txt'),
    )!
    const leak = (i: Incident) => i.crashes.find((c) => c.kind === 'leak')?.message
    expect(leak(text)).toBe(printed[0])
    // The XML has no LEAK SUMMARY: the same line, summed from its Leak_DefinitelyLost errors.
    expect(leak(xml)).toBe(printed[0])
    expect(xml.crashes.find((c) => c.kind === 'leak')!.details).toContain(
      'summed from the loss records listed: the input has no LEAK SUMMARY',
    )
    // The XML knows `std::__new_allocator` is in /usr/include/c++; the text prints only
    // `new_allocator.h`. Both must name the leak after the program's own app::open_session.
    const labels = (i: Incident) =>
      computeGroups(i, defaultGroupMode)
        .map((g) => `${g.count} ${g.label}`)
        .sort()
    expect(labels(text)).toEqual(labels(xml))
    expect(labels(text).filter((l) => l.includes('std::'))).toEqual([])
  })

  it('a report cut before its LEAK SUMMARY still names its leak, from the records shown', async () => {
    const name = 'issue-hed-7-memcheck-3.19-records.txt'
    const incident = await parseFixture(join(dir, name))
    // `1,040 (16 direct, 1,024 indirect) bytes ... definitely lost`: its direct 16 bytes.
    let bytes = 0
    let blocks = 0
    for (const m of read(name).matchAll(
      /([\d,]+) (?:\(([\d,]+) direct, [\d,]+ indirect\) )?bytes in ([\d,]+) blocks are definitely lost/g,
    )) {
      bytes += Number((m[2] ?? m[1]).replace(/,/g, ''))
      blocks += Number(m[3])
    }
    expect(bytes).toBeGreaterThan(0)
    expect(incident.crashes.find((c) => c.kind === 'leak')?.message).toBe(
      `definitely lost: ${bytes.toLocaleString('en-US')} bytes in ${blocks} blocks`,
    )
  })

  it('names no leak when nothing was lost', async () => {
    const incident = await parseFixture(join(dir, 'cargo-valgrind-src_valgrind_xml_version6.xml'))
    expect(incident.crashes.filter((c) => c.kind === 'leak')).toEqual([])
  })

  it('reads thousands separators in LEAK SUMMARY and loss records', async () => {
    const incident = await parseFixture(
      join(dir, 'issue-dsm2-9-memcheck-3.x-vg_replace_malloc.txt'),
    )
    expect(incident.leakKinds['indirectly lost']).toEqual({ bytes: 8016, allocations: 501 })
    expect(incident.snapshots[0]).toMatchObject({ bytes: 8032, allocations: 502 })
    // `8,032 (16 direct, 8,016 indirect) bytes`: the record keeps its direct bytes.
    expect(incident.records.bytes[0]).toBe(16)
  })

  it('turns a fatal signal into a crash fact with its stack flagged', async () => {
    const incident = await checkIncidentSnapshot(join(dir, 'memcheck-error-null-deref.txt'))
    const crash = incident.crashes.find((c) => c.kind === 'signal')!
    expect(crash).toMatchObject({ signal: 'SIGSEGV', format: 'valgrind' })
    expect(incident.records.flags[crash.record] & RecordFlag.crashed).toBeTruthy()
    const frames = getStackFrames(incident, incident.records.stack[crash.record])
    expect(getFrameFunc(incident, frames[0])).toBe('handle_request')
    expect(incident.crashes[0]).toMatchObject({ kind: 'Invalid read', addr: '0x0' })
  })

  it('reads errors with aux stacks from XML', async () => {
    const incident = await checkIncidentSnapshot(join(dir, 'memcheck-error-uaf.xml'))
    expect(incident.crashes.map((c) => c.kind)).toEqual(['Invalid read', 'Invalid read'])
    expect(incident.crashes[0].addr).toBe('0x4a42040')
    expect(sumByState(incident).get('freed at')).toBeDefined()
    expect(sumByState(incident).get('allocated at')).toBeDefined()
  })
})

describe('helpers', () => {
  it.each([
    ['40 bytes in 1 blocks are definitely lost in loss record 1 of 3', 'definitely lost', 40, 1],
    [
      '144 (16 direct, 128 indirect) bytes in 1 blocks are definitely lost in loss record 7 of 12',
      'definitely lost',
      16,
      1,
    ],
    [
      '1,024 bytes in 1 blocks are indirectly lost in loss record 9 of 13',
      'indirectly lost',
      1024,
      1,
    ],
    ['2,304 bytes in 1,001 blocks are possibly lost', 'possibly lost', 2304, 1001],
  ])('loss record %s', (text, kind, bytes, blocks) => {
    expect(parseLossRecord(text)).toMatchObject({ kind, bytes, blocks })
  })

  it.each([
    ['Invalid read of size 4', 'Invalid read'],
    ['Conflicting load by thread 3 at 0x0010c060 size 8', 'Conflicting load'],
    ['Invalid free() / delete / delete[] / realloc()', 'Invalid free'],
    ['Syscall param write(buf) points to uninitialised byte(s)', 'Syscall param write'],
  ])('error kind %s', (headline, kind) => expect(errorKind(headline)).toBe(kind))

  it('parses --time-stamp elapsed times', () => {
    expect(parseElapsed('00:00:00:01.234')).toBeCloseTo(1234)
    expect(parseElapsed('01:02:03:04.5')).toBeCloseTo(((26 * 60 + 3) * 60 + 4.5) * 1000)
    expect(parseElapsed('nope')).toBeNaN()
  })

  it('tokenizes XML lines tolerantly', () => {
    expect(tokenizeXmlLine('  <fn>operator new(unsigned long)</fn>')).toEqual([
      { type: 'leaf', name: 'fn', text: 'operator new(unsigned long)' },
    ])
    expect(tokenizeXmlLine('<a><b>x &lt;y&gt;</b></a>')).toEqual([
      { type: 'open', name: 'a' },
      { type: 'leaf', name: 'b', text: 'x <y>' },
      { type: 'close', name: 'a' },
    ])
    expect(tokenizeXmlLine('<?xml version="1.0"?>')).toEqual([])
  })
})

const TEXT = `==20447== Memcheck, a memory error detector
==20447== 40 bytes in 1 blocks are definitely lost in loss record 1 of 1
==20447==    at 0x4C29BE3: malloc (vg_replace_malloc.c:299)
==20447==    by 0x4013C8: main (main.c:6)
==20447== 
==20447== LEAK SUMMARY:
==20447==    definitely lost: 40 bytes in 1 blocks
==20447==    indirectly lost: 0 bytes in 0 blocks
==20447==      possibly lost: 0 bytes in 0 blocks
==20447==    still reachable: 0 bytes in 0 blocks
==20447==         suppressed: 0 bytes in 0 blocks
`

describe('edge cases', () => {
  it.each([
    ['plain', TEXT],
    ['CRLF', TEXT.replace(/\n/g, '\r\n')],
    [
      'marker lost on the first line',
      TEXT.split('\n')
        .slice(1)
        .join('\n')
        .replace(/^==20447== /, ''),
    ],
    ['a prefix on every line', TEXT.replace(/^/gm, 'Jan 02 03:04:05 host test[1]: ')],
    ['timestamps inside the marker', TEXT.replace(/==20447==/g, '==00:00:00:01.234 20447==')],
    ['truncated last line', TEXT.slice(0, -12)],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(1)
    expect(incident.records.bytes[0]).toBe(40)
    expect(incident.leakKinds['definitely lost']).toEqual({ bytes: 40, allocations: 1 })
  })

  it.each([
    ['empty', ''],
    ['only junk', 'hello\n==12== not valgrind\n'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    expect(incident.records.length).toBe(0)
    expect(incident.crashes).toHaveLength(0)
  })

  it('makes relative events from --time-stamp=yes', async () => {
    const incident = await parseText(
      '==00:00:00:00.100 7== Memcheck, a memory error detector\n' +
        '==00:00:00:02.500 7== Invalid read of size 4\n' +
        '==00:00:00:02.500 7==    at 0x1: f (a.c:1)\n',
    )
    expect(incident.events.length).toBe(1)
    expect(incident.events.time[0]).toBeCloseTo(2500)
    expect(incident.events.relative[0]).toBe(1)
  })

  it('keeps what an unclosed XML document had, with a warning', async () => {
    const xml = read('memcheck-leaks.xml')
    const cut = xml.slice(0, xml.indexOf('loss record 5 of 12'))
    const incident = await parseText(cut)
    expect(incident.records.length).toBe(4)
    expect(incident.sources[0].warnings.join('\n')).toMatch(/ends before <\/valgrindoutput>/)
  })

  it('does not claim sanitizer marker lines', async () => {
    const incident = await parseText('==25757==ABORTING\n')
    expect(incident.sources[0].regions.filter((r) => r.format.startsWith('valgrind'))).toEqual([])
    expect(incident.records.length).toBe(0)
    expect(NONE).toBe(-1)
  })
})

describe('properties', () => {
  const samples = fixtures.map(read)
  it('never throws and is deterministic on mutated samples and arbitrary text', async () => {
    await checkMutatedSamples(samples, parseText, { maxEdits: 6, arbitraryText: 400 })
    // 200 async parses: generous when the whole suite runs in parallel.
  }, 60_000)
})
