import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../../cli/incident-json'
import { getDefaultDiffInputs } from '../../model/flame/diff'
import { computeGroups, getRecordLabels } from '../../model/group'
import { getFrameFunc } from '../../model/stacks'
import { getSampleTypeTotals } from '../../model/sample-totals'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  inputFromBytes,
  parseFixture,
  parseText,
} from '../../test/incident-snapshot'
import { describeParserProperties } from '../../test/parser-properties'
import { parseInputs } from '../index'
import { parsePprofValue } from './pprof-top'
import { getSampleColumns } from '../../model/sample-columns'

const dir = join(__dirname, '__fixtures__')
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

/** `go tool pprof -top`'s total: `Showing nodes accounting for X, 100% of Y total` -> Y. */
function topTotal(name: string): { value: number; unit: string; printed: string } {
  const printed = /^Showing nodes accounting for \S+, [\d.]+% of (\S+) total$/m.exec(read(name))![1]
  return { ...parsePprofValue(printed)!, printed }
}

/** A total as pprof prints it: kB with two decimals, or a plain count. */
function asPprofPrints(total: number, unit: string): string {
  return unit === 'bytes' ? `${Number((total / 1024).toFixed(2))}kB` : String(total)
}

function totalOf(incident: Incident, type: string): number {
  return getSampleTypeTotals(incident).find((t) => t.type === type)!.total
}

describe('pprof protobuf profiles', () => {
  it.each(['heap-after.pb.gz', 'heap-before.pb.gz', 'allocs.pb.gz', 'goroutine.pb.gz'])(
    '%s',
    async (name) => {
      const incident = await checkIncidentSnapshot(join(dir, name))
      expect(incident.sources[0].warnings).toEqual([])
      expect(incident.sources[0].regions.map((r) => r.format)).toEqual(['pprof'])
    },
  )

  it.each([
    ['heap-after.pb.gz', 'inuse_space', 'top-heap-after-inuse_space.txt'],
    ['heap-after.pb.gz', 'inuse_objects', 'top-heap-after-inuse_objects.txt'],
    ['heap-after.pb.gz', 'alloc_space', 'top-heap-after-alloc_space.txt'],
    ['heap-after.pb.gz', 'alloc_objects', 'top-heap-after-alloc_objects.txt'],
    ['heap-before.pb.gz', 'inuse_space', 'top-heap-before-inuse_space.txt'],
    ['allocs.pb.gz', 'alloc_space', 'top-allocs-alloc_space.txt'],
    ['goroutine.pb.gz', 'goroutine', 'top-goroutine.txt'],
  ])('%s: %s adds up to the total go tool pprof -top prints', async (name, type, top) => {
    const incident = await parseFixture(join(dir, name))
    const total = totalOf(incident, type)
    expect(asPprofPrints(total, topTotal(top).unit)).toBe(topTotal(top).printed)
  })

  it('weighs records like pprof’s default view: in-use bytes and objects of a heap profile', async () => {
    const incident = await parseFixture(join(dir, 'heap-after.pb.gz'))
    const r = incident.records
    expect(r.bytes.reduce((s, v) => s + v, 0)).toBe(totalOf(incident, 'inuse_space'))
    expect(r.allocations.reduce((s, v) => s + v, 0)).toBe(totalOf(incident, 'inuse_objects'))
    expect(toIncidentJson(incident).totals.bytes).toBe(totalOf(incident, 'inuse_space'))
  })

  it('gives the flat value -top prints for its first function', async () => {
    const incident = await parseFixture(join(dir, 'heap-after.pb.gz'))
    const row = /^ +(\S+) +\S+% +\S+% +\S+ +\S+% +(\S+)/m.exec(
      read('top-heap-after-inuse_space.txt').split(/^ +flat +flat%.*$/m)[1],
    )!
    const func = row[2]
    let flat = 0
    const samples = getSampleColumns(incident)!
    const inuse = samples.types.findIndex((t) => t.type === 'inuse_space')
    for (let i = 0; i < incident.records.length; i++) {
      const leaf = incident.records.stack[i]
      if (leaf === NONE) continue
      if (getFrameFunc(incident, incident.stacks.frame[leaf]) === func)
        flat += samples.values[inuse][i]
    }
    expect(`${Number((flat / 1024).toFixed(2))}kB`).toBe(row[1])
  })

  it('counts goroutines per pprof label as go tool pprof -tags does', async () => {
    const incident = await parseFixture(join(dir, 'goroutine.pb.gz'))
    // ` route: Total 200.0` / `        200.0 (  100%): /upload`
    const tags = read('tags-goroutine.txt')
    const [, key] = /^ (\w+): Total/m.exec(tags)!
    const [, n, value] = /^ +([\d.]+) \( *[\d.]+%\): (\S+)$/m.exec(tags)!
    let labelled = 0
    const labels = incident.records.labels
    for (let i = 0; i < incident.records.length; i++) {
      if (labels[i] !== NONE && incident.strings[labels[i]] === `${key}=${value}`)
        labelled += incident.records.count[i]
    }
    expect(labelled).toBe(Number(n))
    // Grouped by labels: the labelled goroutines fold into one group of that size.
    const groups = computeGroups(incident, { type: 'labels' })
    const group = groups.find((g) => getRecordLabels(incident, g.records[0]) === `${key}=${value}`)
    expect(group?.count).toBe(Number(n))
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(totalOf(incident, 'goroutine'))
  })

  // Guards against the two heap profiles of one program being summed instead of compared.
  it('compares two heap profiles dropped together as before and after', async () => {
    const files = ['heap-before.pb.gz', 'heap-after.pb.gz'].map((n) =>
      inputFromBytes(n, readFileSync(join(dir, n))),
    )
    const incident = await parseInputs(files)
    assertIncidentIntegrity(incident)
    expect(getDefaultDiffInputs(incident)).toEqual({ type: 'sources', before: 0, after: 1 })
    const inuse = (source: number) =>
      getSampleTypeTotals(incident, (r) => incident.records.source[r] === source).find(
        (t) => t.type === 'inuse_space',
      )!.total
    expect(asPprofPrints(inuse(0), 'bytes')).toBe(
      topTotal('top-heap-before-inuse_space.txt').printed,
    )
    expect(asPprofPrints(inuse(1), 'bytes')).toBe(
      topTotal('top-heap-after-inuse_space.txt').printed,
    )
  })

  it.each([
    ['a truncated profile', (b: Uint8Array) => b.slice(0, b.length >> 1), /truncated or corrupt/],
    ['bytes that are no profile', () => new Uint8Array([0x08, 0xff, 0xff, 0, 1, 2, 3]), /binary/],
  ])('warns on %s and reads nothing from it', async (_name, damage, warning) => {
    const raw = await new Response(
      new Blob([readFileSync(join(dir, 'heap-after.pb.gz'))])
        .stream()
        .pipeThrough(new DecompressionStream('gzip')),
    ).arrayBuffer()
    const incident = await parseText(damage(new Uint8Array(raw)), 'broken.pb')
    assertIncidentIntegrity(incident)
    expect(incident.records.length).toBe(0)
    expect(incident.sources[0].warnings.join(' ')).toMatch(warning)
  })
})

describe('go tool pprof -top tables', () => {
  const tops = [
    'top-heap-after-inuse_space.txt',
    'top-heap-after-alloc_objects.txt',
    'top-allocs-alloc_space.txt',
    'top-goroutine.txt',
  ]

  it.each(tops)('%s: one record per function, flat adding up to the total', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    expect(incident.sources[0].unrecognizedLines).toBe(0)
    const rows = read(name).match(/^ *\S+ +\S+% +\S+% +\S+ +\S+% +\S/gm)!
    const flatRows = rows.filter((r) => !/^ *0 /.test(r))
    expect(incident.records.length).toBe(flatRows.length)
    const [t] = getSampleTypeTotals(incident)
    expect(t.type).toBe(/^Type: (\S+)$/m.exec(read(name))![1])
    // Each row is rounded as printed; the sum stays within half a unit per row.
    const { value, unit } = topTotal(name)
    expect(t.unit).toBe(unit)
    expect(Math.abs(t.total - value)).toBeLessThanOrEqual(
      flatRows.length * (unit === 'bytes' ? 5.12 : 0.5),
    )
  })

  it.each([
    ['12800kB', 12800 * 1024, 'bytes'],
    ['1.50MB', 1.5 * 2 ** 20, 'bytes'],
    ['10ms', 1e7, 'nanoseconds'],
    ['1.20s', 1.2e9, 'nanoseconds'],
    ['201', 201, 'count'],
  ])('%s', (text, value, unit) => {
    expect(parsePprofValue(text)).toEqual({ value, unit })
  })

  describeParserProperties(tops.map(read))
})
