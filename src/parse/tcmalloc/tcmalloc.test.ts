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

const dir = join(__dirname, '__fixtures__')
const fixtures = readdirSync(dir).filter((f) => f !== 'PROVENANCE.tsv')
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

function sum(incident: Incident, state: string): { bytes: number; objects: number } {
  const out = { bytes: 0, objects: 0 }
  for (let i = 0; i < incident.records.length; i++) {
    if (incident.strings[incident.records.state[i]] !== state) continue
    out.bytes += incident.records.bytes[i]
    out.objects += incident.records.count[i]
  }
  return out
}

describe('tcmalloc fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    expect(incident.sources[0].regions.length).toBeGreaterThan(0)
  })

  // Guards against leaks dropped between `Leak of` blocks: when every leak is printed, they
  // add up to the checker's own `detected leaks of` line.
  it.each(['heapcheck-normal.txt', 'issue-gperftools-205-heapcheck-leaks.txt'])(
    '%s: leaks add up to the detected total',
    async (name) => {
      const m = /detected leaks of (\d+) bytes in (\d+) objects/.exec(read(name))!
      const incident = await parseFixture(join(dir, name))
      expect(incident.leakKinds.leak).toEqual({ bytes: Number(m[1]), allocations: Number(m[2]) })
      expect(sum(incident, 'leak')).toEqual({ bytes: Number(m[1]), objects: Number(m[2]) })
      expect(incident.sources[0].warnings).toEqual([])
    },
  )

  it('warns when the printed leaks are fewer than the detected ones', async () => {
    const incident = await parseFixture(join(dir, 'issue-gperftools-1152-heapcheck-no-pprof.txt'))
    expect(incident.sources[0].warnings.join('\n')).toMatch(/only the largest leaks/)
  })

  // The heap profile's header line is the sum of its stacks' in-use columns.
  it('heap profile stacks add up to the header and resolve through MAPPED_LIBRARIES', async () => {
    const m = /^heap profile:\s*(\d+):\s*(\d+)/.exec(read('leaky.heap'))!
    const incident = await parseFixture(join(dir, 'leaky.heap'))
    expect(sum(incident, 'in use')).toEqual({ bytes: Number(m[2]), objects: Number(m[1]) })
    expect(incident.snapshots[0]).toMatchObject({ bytes: 2609, allocations: 39 })
    expect(dumpIncident(incident)).toContain('unknown in leaky_service+0x2251')
  })
})

const REPORT = `Leak check _main_ detected leaks of 8 bytes in 1 objects
The 1 largest leaks:
Leak of 8 bytes in 1 objects allocated from:
\t@ 40069a main
\t@ 4005d9 _start
`

describe('edge cases', () => {
  it.each([
    ['plain', REPORT],
    ['CRLF', REPORT.replace(/\n/g, '\r\n')],
    ['spaces instead of tabs', REPORT.replace(/\t/g, '        ')],
    ['a prefix on every line', REPORT.replace(/^/gm, '[test] ')],
    ['truncated last line', REPORT + 'Leak of 4'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(sum(incident, 'leak')).toEqual({ bytes: 8, objects: 1 })
    expect(dumpIncident(incident)).toContain('_start;main')
  })

  it.each([
    ['empty', ''],
    ['only junk', 'Leak of nothing\n@ 1234\n'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
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
