import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../../model/types'
import { describeParserProperties } from '../../test/parser-properties'
import { checkIncidentSnapshot, dumpIncident, parseFixture } from '../../test/incident-snapshot'
import { parseMassifFrame } from './massif-node'
import { toIncidentJson } from '../../cli/incident-json'
import { getChosenSnapshot, getSnapshotSeries } from '../../model/snapshot-view'

const dir = join(__dirname, '__fixtures__')
const fixtures = readdirSync(dir).filter((f) => f !== 'PROVENANCE.tsv')
const read = (name: string) => readFileSync(join(dir, name), 'utf8')

/** Bytes of the records of one model snapshot. */
function snapshotRecordBytes(incident: Incident, snapshot: number): number {
  let bytes = 0
  for (let i = 0; i < incident.records.length; i++)
    if (incident.records.snapshot[i] === snapshot) bytes += incident.records.bytes[i]
  return bytes
}

const peakOf = (incident: Incident) => incident.snapshots.findIndex((s) => /\(peak\)/.test(s.label))

describe('massif fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    const incident = await checkIncidentSnapshot(join(dir, name))
    // ms_print opens with a line of dashes, too common to open a region on.
    expect(incident.sources[0].unrecognizedLines).toBe(name.startsWith('ms_print') ? 1 : 0)
    expect(incident.sources[0].warnings).toEqual([])
  })
})

describe('massif.out against ms_print', () => {
  const msPrint = read('ms_print-leaky_cache.txt')

  it('has as many snapshots as ms_print counts, and the peak ms_print marks', async () => {
    const incident = await parseFixture(join(dir, 'massif.out.leaky_cache'))
    expect(incident.snapshots.length).toBe(
      Number(/^Number of snapshots: (\d+)$/m.exec(msPrint)![1]),
    )
    const peakIndex = Number(/(\d+) \(peak\)\]/.exec(msPrint)![1])
    const peak = incident.snapshots[peakOf(incident)]
    expect(peak.label).toMatch(new RegExp(`^snapshot ${peakIndex} \\(peak\\)`))
    // ms_print's row for the peak: total(B) is the figure its graph tops out at.
    const row = new RegExp(`^ +${peakIndex} +[\\d,]+ +([\\d,]+) `, 'm').exec(msPrint)!
    expect(peak.bytes).toBe(Number(row[1].replaceAll(',', '')))
    // The graph's scale: `2.696^` MB (ms_print's MB is 2^20 bytes).
    const top = /^ *([\d.]+)\^/m.exec(msPrint)![1]
    expect((peak.bytes / 2 ** 20).toFixed(3)).toBe(top)
  })

  it('weighs the peak tree at the useful heap massif recorded for it', async () => {
    const data = read('massif.out.leaky_cache')
    const incident = await parseFixture(join(dir, 'massif.out.leaky_cache'))
    const peak = peakOf(incident)
    const heap = /heap_tree=peak/.exec(data)!
    const heapB = /mem_heap_B=(\d+)\n(?:.*\n){2}heap_tree=peak/.exec(data)
    expect(heap).not.toBeNull()
    expect(snapshotRecordBytes(incident, peak)).toBe(Number(heapB![1]))
    // Each detailed snapshot's tree adds up to its mem_heap_B.
    const detailed = [...data.matchAll(/mem_heap_B=(\d+)\n.*\n.*\nheap_tree=(?:detailed|peak)/g)]
    const withRecords = incident.snapshots
      .map((_, i) => snapshotRecordBytes(incident, i))
      .filter((b) => b > 0)
    expect(withRecords).toEqual(detailed.map((m) => Number(m[1])))
  })

  it('reads ms_print’s text into the same snapshots and trees', async () => {
    const data = await parseFixture(join(dir, 'massif.out.leaky_cache'))
    const text = await parseFixture(join(dir, 'ms_print-leaky_cache.txt'))
    expect(text.snapshots.map((s) => s.bytes)).toEqual(data.snapshots.map((s) => s.bytes))
    expect(peakOf(text)).toBe(peakOf(data))
    // ms_print hides sites under 1% in `in 1+ places` nodes: same bytes, fewer frames.
    const peak = peakOf(data)
    expect(snapshotRecordBytes(text, peak)).toBe(snapshotRecordBytes(data, peak))
  })

  it('marks the largest snapshot as the peak in heaptrack_print -M output', async () => {
    const data = read('heaptrack_print-M-leaky_cache.massif')
    const incident = await parseFixture(join(dir, 'heaptrack_print-M-leaky_cache.massif'))
    const heaps = [...data.matchAll(/^mem_heap_B=(\d+)$/gm)].map((m) => Number(m[1]))
    expect(incident.snapshots.map((s) => s.bytes)).toEqual(heaps)
    expect(incident.snapshots[peakOf(incident)].bytes).toBe(Math.max(...heaps))
  })
})

describe('massif tree nodes', () => {
  it.each([
    ['0x109170: make_entry (leaky_cache.c:9)', 'make_entry', 'leaky_cache.c', 9, undefined],
    [
      '0x4C2B6A3: malloc (in /usr/lib/vgpreload_memcheck.so)',
      'malloc',
      undefined,
      undefined,
      '/usr/lib/vgpreload_memcheck.so',
    ],
    [
      '0x10A: std::vector<int>::push_back(int const&) (stl_vector.h:1198)',
      'std::vector<int>::push_back(int const&)',
      'stl_vector.h',
      1198,
      undefined,
    ],
    // As memcheck names an unknown frame: by its address.
    ['0x4005: ???', 'unknown in 0x4005', undefined, undefined, undefined],
    [
      "in 1+ places, all below ms_print's threshold (01.00%)",
      '(1+ places below threshold)',
      undefined,
      undefined,
      undefined,
    ],
  ])('%s', (text, func, file, line, module) => {
    const f = parseMassifFrame(text)
    expect([f.func, f.file, f.line, f.module]).toEqual([func, file, line, module])
  })
})

describeParserProperties(fixtures.map(read))

it('dumps the peak tree root first', async () => {
  const dump = dumpIncident(await parseFixture(join(dir, 'massif.out.leaky_cache')))
  expect(dump).toMatch(
    /\[peak\] main@leaky_cache\.c:26;scratch@leaky_cache\.c:16;make_entry@leaky_cache\.c:9/,
  )
})

describe('massif snapshots follow the snapshot rule', () => {
  // Guards against adding up every snapshot's tree, and against showing an undetailed
  // snapshot (totals only) as an empty table: one detailed snapshot is shown, the last.
  it.each(['massif.out.leaky_cache', 'heaptrack_print-M-leaky_cache.massif'])(
    '%s: one series of the detailed snapshots; JSON totals and groups are the last one',
    async (name) => {
      const data = read(name)
      const incident = await parseFixture(join(dir, name))
      // Each snapshot block as massif writes it: `snapshot=N`, its sizes, `heap_tree=...`.
      const blocks = data.split(/^snapshot=/m).slice(1)
      const detailed = blocks
        .map((b, i) => ({
          i,
          tree: /^heap_tree=(\w+)$/m.exec(b)![1],
          heap: /^mem_heap_B=(\d+)$/m.exec(b)![1],
        }))
        .filter((b) => b.tree !== 'empty')
      const series = getSnapshotSeries(incident)
      expect(series.map((s) => s.snapshots)).toEqual([detailed.map((b) => b.i)])
      const last = detailed.at(-1)!
      expect(getChosenSnapshot(incident, null)).toBe(last.i)
      const json = toIncidentJson(incident)
      expect(json.snapshot).toBe(last.i)
      expect(json.totals.bytes).toBe(Number(last.heap))
      expect(json.groups.reduce((sum, g) => sum + g.bytes, 0)).toBe(Number(last.heap))
      expect(json.snapshots.filter((s) => s.totalsOnly).length).toBe(
        blocks.length - detailed.length,
      )
      // The peak stays marked whichever snapshot is shown.
      expect(json.snapshots.filter((s) => s.label.includes('(peak)')).length).toBe(1)
    },
  )
})
