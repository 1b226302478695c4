import { readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../parse/index'
import { assertIncidentIntegrity, inputFromBytes } from '../test/incident-snapshot'
import { canonicalModel, canonicalOfParts } from '../test/model-canonical'
import { parseInParts } from '../test/parse-in-parts'
import { withoutDumps } from './dumps'
import { mergeIncidentParts } from './merge'
import { whyCutsDiffer } from '../parse/cut-safety'

/** Every format's samples, except compressed ones and archives: those are never cut. */
const samples = readdirSync('src/parse', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = join('src/parse', d.name, '__fixtures__')
    try {
      return readdirSync(dir).map((f) => join(dir, f))
    } catch {
      return []
    }
  })
  .filter((p) => !/PROVENANCE\.tsv$|\.(gz|zst|zip|tar)$/.test(p))

// Guards against a column carried over unmoved (snapshot indices once kept each part's own
// numbering): the merge must say exactly what its parts said, each moved past the ones before.
describe('merging a sample parsed in parts', () => {
  it('covers every format', () => {
    const formats = new Set(samples.map((p) => p.split('/')[2]))
    // parse/native holds the frame classifier the native formats share, no format of its own;
    // parse/archive opens archives, which are never cut (their members are read whole).
    const formatDirs = readdirSync('src/parse/').filter(
      (d) => !d.includes('.') && d !== 'native' && d !== 'archive',
    )
    expect(formats.size).toBe(formatDirs.length)
  })

  it.each(samples)('keeps every row of every part, moved into place: %s', async (path) => {
    for (const n of [2, 3]) {
      const { parts } = await parseInParts(basename(path), readFileSync(path), n)
      const merged = mergeIncidentParts(parts)
      assertIncidentIntegrity(merged)
      // Dumps are found again over the whole file (one may straddle two parts): the rest of
      // the model is what the parts said.
      expect(canonicalModel(withoutDumps(merged), undefined, { firstSeen: false })).toEqual(
        canonicalOfParts(parts.map((p) => withoutDumps(p.incident))),
      )
      expect(merged.sources[0].lines).toBe(
        parts.reduce((sum, p) => sum + p.incident.sources[0].lines, 0),
      )
    }
  })
})

// The page reads a file in parts only where the parts say they read as the whole; elsewhere it
// reads the file whole again. So wherever `whyCutsDiffer` lets a cut through, the merged model
// must be the whole file's, dumps included.
describe('a sample cut where the parts read as the whole', () => {
  const compared = new Map<string, number>()

  it.each(samples)('gives the whole file model: %s', async (path) => {
    const bytes = readFileSync(path)
    const whole = await parseInputs([inputFromBytes(basename(path), bytes)])
    for (const n of [2, 3]) {
      const { parts } = await parseInParts(basename(path), bytes, n)
      if (parts.length < 2 || whyCutsDiffer(parts.map((p) => p.incident)) !== null) continue
      const merged = mergeIncidentParts(parts)
      expect(canonicalModel(merged, undefined, { firstSeen: false })).toEqual(
        canonicalModel(whole, undefined, { firstSeen: false }),
      )
      expect(merged.sources[0].regions).toEqual(whole.sources[0].regions)
      const format = path.split('/')[2]
      compared.set(format, (compared.get(format) ?? 0) + 1)
    }
  })

  it('compared samples of every format that may be cut', () => {
    // Folded stacks live with jemalloc's samples.
    expect([...compared.keys()].sort()).toEqual(['go', 'jemalloc', 'log', 'memleak'])
    expect(compared.get('go')).toBeGreaterThan(20)
    expect(compared.get('log')).toBeGreaterThan(20)
  })
})

describe('a bcc memleak report of ten snapshots, cut across workers', () => {
  // Ten snapshots in the layout of the real sample: each one's blocks grow by the first
  // snapshot's counts, as a leak does.
  const sample = readFileSync(
    'src/parse/memleak/__fixtures__/memleak-bpfcc-default-age.txt',
    'utf8',
  )
  const lines = sample.split('\n')
  const header = lines.findIndex((l) => /^\[\d\d:\d\d:\d\d\] Top/.test(l))
  const next = lines.findIndex((l, i) => i > header && /^\[\d\d:\d\d:\d\d\] Top/.test(l))
  const blocks = lines.slice(header + 1, next)
  const report = [
    ...lines.slice(0, header),
    ...Array.from({ length: 10 }, (_, k) => [
      `[19:${String(35 + k).padStart(2, '0')}:39] Top 10 stacks with outstanding allocations:`,
      ...blocks.map((l) =>
        l.replace(
          /^\t(\d+) bytes in (\d+) allocations/,
          (_, b, a) => `\t${b * (k + 1)} bytes in ${a * (k + 1)} allocations`,
        ),
      ),
    ]).flat(),
    '',
  ].join('\n')
  const bytes = new TextEncoder().encode(report)

  it.each([2, 3, 4])('keeps snapshot indices 0-9 in %d parts', async (n) => {
    const whole = await parseInputs([inputFromBytes('memleak.txt', bytes)])
    expect(whole.snapshots.length).toBe(10)
    const { parts } = await parseInParts('memleak.txt', bytes, n)
    expect(parts.length).toBe(n)
    const merged = mergeIncidentParts(parts)
    assertIncidentIntegrity(merged)
    expect(new Set(merged.records.snapshot)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
    expect(canonicalModel(merged)).toEqual(canonicalModel(whole))
    // The last snapshot holds ten times the first one's bytes, counted from the text.
    const firstBytes = blocks
      .map((l) => /^\t(\d+) bytes in/.exec(l)?.[1])
      .filter((b) => b !== undefined)
      .reduce((sum, b) => sum + Number(b), 0)
    expect(merged.snapshots[9].bytes).toBe(10 * firstBytes)
  })
})

// perf script samples are separate records between blank lines, so the workers' cuts fall
// between samples and the merged parts say exactly what the whole file says.
describe('perf script samples cut across workers', () => {
  const dir = 'src/parse/perf/__fixtures__'
  const files = readdirSync(dir).filter((f) => f.endsWith('.perf.txt'))

  it.each(files)('%s in 2, 3 and 4 parts merges to the whole', async (name) => {
    const bytes = readFileSync(join(dir, name))
    const whole = await parseInputs([inputFromBytes(name, bytes)])
    for (const n of [2, 3, 4]) {
      const { parts } = await parseInParts(name, bytes, n)
      expect(parts.length).toBe(n)
      const merged = mergeIncidentParts(parts)
      expect(merged.records.length).toBe(whole.records.length)
      expect(canonicalModel(merged, undefined, { firstSeen: false })).toEqual(
        canonicalModel(whole, undefined, { firstSeen: false }),
      )
    }
  })
})
