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
import { parseFoldedLine } from './folded'

const dir = join(__dirname, '__fixtures__')
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt'))
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

function bytesOf(incident: Incident, state: string): number {
  let sum = 0
  for (let i = 0; i < incident.records.length; i++)
    if (incident.strings[incident.records.state[i]] === state) sum += incident.records.bytes[i]
  return sum
}

describe('jemalloc fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    expect(incident.sources[0].regions.length).toBeGreaterThan(0)
  })

  // Guards against rows dropped from the flat profile: jeprof's own Total is the sum of flat.
  it.each(['jeprof-text.txt', 'issue-jemalloc-507-jeprof-show-bytes.txt'])(
    '%s: flat rows add up to Total',
    async (name) => {
      const total = Number(/^Total: (\d+) B$/m.exec(read(name))![1])
      const incident = await parseFixture(join(dir, name))
      expect(bytesOf(incident, 'flat')).toBe(total)
      expect(incident.sources[0].warnings).toEqual([])
    },
  )

  it('collapsed stacks carry the same bytes as the text profile of the same dump', async () => {
    const collapsed = await parseFixture(join(dir, 'jeprof-collapsed.txt'))
    const total = Number(/^Total: (\d+) B$/m.exec(read('jeprof-text.txt'))![1])
    expect(bytesOf(collapsed, 'in use')).toBe(total)
  })

  it('reads the leak summary into leakKinds and a crash fact', async () => {
    const incident = await parseFixture(
      join(dir, 'issue-jemalloc-1889-leak-summary-and-invalid-conf.txt'),
    )
    expect(incident.leakKinds).toEqual({ leak: { bytes: 267184, allocations: 473 } })
    expect(incident.crashes[0]).toMatchObject({ format: 'jemalloc', kind: 'leak' })
  })

  it('reads the 5.3 approximation wording', async () => {
    const incident = await parseText(
      '<jemalloc>: Leak approximation summary: ~84880 bytes, ~40 objects, >= 12 contexts\n' +
        '<jemalloc>: Run jeprof on dump output for leak detail\n',
    )
    expect(incident.leakKinds.leak).toEqual({ bytes: 84880, allocations: 40 })
    expect(incident.crashes[0].details).toContain('Run jeprof on dump output for leak detail')
  })

  it('reads --address locations', async () => {
    const dump = dumpIncident(
      await parseFixture(join(dir, 'issue-jemalloc-1419-jeprof-text-address.txt')),
    )
    expect(dump).toContain('je_prof_backtrace@/root/jemalloc/src/prof.c:367')
  })
})

describe('folded stacks', () => {
  it.each([
    ['jeprof', 'a<0000000000002230>;b;c<00000000000026cf> 112', ['a', 'b', 'c'], 112],
    ['heaptrack -F', 'main (x.cpp);fill_cache (x.cpp); 16', ['main', 'fill_cache'], 16],
    ['plain', 'x;y;z 3', ['x', 'y', 'z'], 3],
  ])('%s', (_name, line, funcs, value) => {
    const f = parseFoldedLine(line)!
    expect(f.frames.map((x) => x.func)).toEqual(funcs)
    expect(f.value).toBe(value)
  })

  it('claims a standalone region of folded lines, not prose with semicolons', async () => {
    const folded = await parseText('main;work;alloc 5\nmain;work;free 2\n')
    expect(folded.sources[0].regions.map((r) => r.format)).toEqual(['folded'])
    expect(folded.records.length).toBe(2)
    // Two frames with no space anywhere (`x;y 4`) read as folded: sorted output opens with such
    // stacks. With words around them they are prose.
    const prose = await parseText('see a; b; and c 3\nsee x;y 4\n')
    expect(prose.records.length).toBe(0)
  })
})

describe('edge cases', () => {
  const TEXT = 'Total: 30 B\n  20 66.7% 66.7% 20 66.7% f\n  10 33.3% 100.0% 30 100.0% g\n'
  it.each([
    ['plain', TEXT],
    ['CRLF', TEXT.replace(/\n/g, '\r\n')],
    ['a prefix on every line', TEXT.replace(/^/gm, '> ')],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(bytesOf(incident, 'flat')).toBe(30)
  })

  it.each([
    ['empty', ''],
    ['only junk', 'Total: lots\n<jemalloc> no colon\n'],
    ['truncated last line', 'Total: 30 B\n  20 66.'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(0)
  })
})

describe('properties', () => {
  const samples = fixtures.map(read)
  it('never throws and is deterministic on mutated samples and arbitrary text', async () => {
    await checkMutatedSamples(samples, parseText, { maxEdits: 6, arbitraryText: 300 })
    // 200 async parses: generous when the whole suite runs in parallel.
  }, 60_000)
})

// Guards against heaptrack_print -F lines going unrecognised: its frames hold spaces
// (`main (x.cpp)`) and a `;` ends each stack before the count.
describe('heaptrack_print -F folded stacks', () => {
  it.each(['heaptrack_print-F-leaky_cache.txt', 'heaptrack_print-F-peak-leaky_cache.txt'])(
    '%s: every line is a stack and the counts add up',
    async (name) => {
      const text = read(name)
      const lines = text.split('\n').filter((l) => l !== '')
      const sum = lines.reduce((s, l) => s + Number(/ (\d+)$/.exec(l)![1]), 0)
      const incident = await parseFixture(join(dir, name))
      expect(incident.sources[0].unrecognizedLines).toBe(0)
      expect(incident.records.length).toBe(lines.length)
      expect(incident.records.count.reduce((s, c) => s + c, 0)).toBe(sum)
      expect(dumpIncident(incident)).toContain(
        'main@leaky_cache.c;fill_cache@leaky_cache.c;make_entry@leaky_cache.c',
      )
    },
  )
})
