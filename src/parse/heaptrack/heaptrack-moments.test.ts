import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../../cli/incident-json'
import { defaultGroupMode } from '../../model/group'
import { getChosenSnapshot, getSnapshotPoints } from '../../model/snapshot-view'
import type { Incident } from '../../model/types'
import { parseFixture } from '../../test/incident-snapshot'
import { HEAPTRACK_END, HEAPTRACK_PEAK } from './heaptrack-moments'
import { parseHeaptrackBytes } from './heaptrack-size'

const dir = join(__dirname, '__fixtures__')

type Moment = { calls: number; bytes: number; allocations: number }

/**
 * The run's two moments, read straight from the data file's `a`, `+` and `-` lines with none of
 * the parser's code: the peak is the first time the running sum of live bytes is largest.
 * Interpreted files: `a size trace` infos, `+ info`, `- info`; raw files: `+ size trace ptr`,
 * `- ptr` (a free of memory allocated before heaptrack attached is not counted).
 */
function replay(text: string): { peak: Moment; end: Moment } {
  const sizes: number[] = []
  const rawSizes = new Map<string, number>()
  const now: Moment = { calls: 0, bytes: 0, allocations: 0 }
  let peak: Moment = { ...now }
  for (const line of text.split('\n')) {
    const f = line.trimEnd().split(' ')
    if (f[0] === 'a') sizes.push(parseInt(f[1], 16))
    else if (f[0] === '+') {
      const size = f.length > 3 ? parseInt(f[1], 16) : sizes[parseInt(f[1], 16)]
      if (f.length > 3) rawSizes.set(f[3], size)
      now.calls++
      now.bytes += size
      now.allocations++
      if (now.bytes > peak.bytes) peak = { ...now }
    } else if (f[0] === '-') {
      const size = rawSizes.size > 0 ? rawSizes.get(f[1]) : sizes[parseInt(f[1], 16)]
      if (size === undefined) continue
      rawSizes.delete(f[1])
      now.bytes -= size
      now.allocations--
    }
  }
  return { peak, end: now }
}

/** Each snapshot's records added up, by label. */
function totalsBySnapshot(incident: Incident): Record<string, Moment> {
  const out: Record<string, Moment> = {}
  const r = incident.records
  for (let i = 0; i < r.length; i++) {
    const label = incident.snapshots[r.snapshot[i]]?.label ?? 'none'
    const t = (out[label] ??= { calls: 0, bytes: 0, allocations: 0 })
    t.calls += r.count[i]
    t.bytes += r.bytes[i]
    t.allocations += r.allocations[i]
  }
  return out
}

// Every total of one snapshot is one measure, heaptrack's own. They added a stack's share of the
// peak to its leaked bytes: heaptrack.david.18594 read 1,027,433 bytes, the peak (996,970)
// plus the leaks (30,463), which is neither of heaptrack's figures.
describe('heaptrack data files as two moments', () => {
  it.each([
    ['heaptrack.david.18594.v2.txt', (p: string) => readFileSync(p, 'utf8')],
    ['heaptrack.david.18594.gz', (p: string) => gunzipSync(readFileSync(p)).toString('utf8')],
    ['heaptrack-test_sysroot.expected.txt', (p: string) => readFileSync(p, 'utf8')],
    ['heaptrack-test_sysroot.raw.txt', (p: string) => readFileSync(p, 'utf8')],
    ['heaptrack.leaky_service.raw.txt', (p: string) => readFileSync(p, 'utf8')],
  ])('%s: each snapshot adds up to the data file', async (name, read) => {
    const path = join(dir, name)
    const want = replay(read(path))
    const incident = await parseFixture(path)
    expect(incident.snapshots.map((s) => s.label)).toEqual([HEAPTRACK_PEAK, HEAPTRACK_END])
    expect(totalsBySnapshot(incident)).toEqual({
      [HEAPTRACK_PEAK]: want.peak,
      [HEAPTRACK_END]: want.end,
    })
    const [peak, end] = incident.snapshots
    expect([peak.bytes, peak.allocations]).toEqual([want.peak.bytes, want.peak.allocations])
    expect([end.bytes, end.allocations]).toEqual([want.end.bytes, want.end.allocations])
    expect(incident.leakKinds.leaked).toEqual({
      bytes: want.end.bytes,
      allocations: want.end.allocations,
    })
    // The run summary quotes the same figures.
    const details = incident.crashes[0].details
    expect(details).toContain(`calls to allocation functions: ${want.end.calls}`)
    expect(details.join('\n')).toContain(`(${want.peak.bytes} bytes)`)
    expect(details).toContain(
      `total memory leaked: ${want.end.bytes} bytes in ${want.end.allocations} allocations`,
    )
  })

  it('opens at the end of the run: the leaks, as `--json` reports them', async () => {
    const path = join(dir, 'heaptrack.david.18594.v2.txt')
    const want = replay(readFileSync(path, 'utf8'))
    const incident = await parseFixture(path)
    expect(getChosenSnapshot(incident, null)).toBe(1)
    const json = toIncidentJson(incident)
    expect(json.snapshot).toBe(1)
    expect(json.totals).toEqual({
      count: want.end.calls,
      bytes: want.end.bytes,
      allocations: want.end.allocations,
    })
    const atPeak = toIncidentJson(incident, defaultGroupMode, 0)
    expect(atPeak.totals).toEqual({
      count: want.peak.calls,
      bytes: want.peak.bytes,
      allocations: want.peak.allocations,
    })
    // A group's Bytes is of one moment too: no group's end-of-run bytes exceed the leaks.
    expect(json.groups.reduce((n, g) => n + g.bytes, 0)).toBe(want.end.bytes)
    expect(getSnapshotPoints(incident).map((p) => [p.label, p.bytes])).toEqual([
      [HEAPTRACK_PEAK, want.peak.bytes],
      [HEAPTRACK_END, want.end.bytes],
    ])
  })
})

/** A summary line of heaptrack_print (`peak heap memory consumption: 80.41K`), in bytes. */
function summary(text: string, key: string): number {
  return parseHeaptrackBytes(new RegExp(`^${key}: (\\S+)$`, 'm').exec(text)![1])
}

// heaptrack_print's sections had the same mix: peak consumers' bytes beside leaked bytes, and a
// stack's calls counted once per section that listed it.
describe('heaptrack_print text as two moments', () => {
  it.each(['heaptrack_print-default.txt', 'heaptrack_print-leaks.txt'])('%s', async (name) => {
    const text = readFileSync(join(dir, name), 'utf8')
    const incident = await parseFixture(join(dir, name))
    const [peak, end] = incident.snapshots
    expect([peak.label, end.label]).toEqual([HEAPTRACK_PEAK, HEAPTRACK_END])
    expect(peak.bytes).toBe(summary(text, 'peak heap memory consumption'))
    expect(end.bytes).toBe(summary(text, 'total memory leaked'))
    const totals = totalsBySnapshot(incident)
    // The sections list the top entries only: their sums stay within heaptrack's totals.
    const calls = Number(/^calls to allocation functions: (\d+)/m.exec(text)![1])
    expect(totals[HEAPTRACK_PEAK].bytes).toBeGreaterThan(0)
    expect(totals[HEAPTRACK_PEAK].bytes).toBeLessThanOrEqual(peak.bytes)
    expect(totals[HEAPTRACK_END].bytes).toBeLessThanOrEqual(end.bytes)
    expect(totals[HEAPTRACK_END].calls).toBeGreaterThan(0)
    expect(totals[HEAPTRACK_END].calls).toBeLessThanOrEqual(calls)
    // Where the listed stacks fall short of the summary, the input's warnings say by how much,
    // so the table's total and the snapshot's figure do not read as a contradiction.
    const warnings = incident.sources[0].warnings.join('\n')
    for (const [moment, snapshot] of [
      [HEAPTRACK_PEAK, peak],
      [HEAPTRACK_END, end],
    ] as const) {
      const listed = totals[moment].bytes
      if (listed === snapshot.bytes) continue
      expect(warnings).toContain(
        `listed ${moment} hold ${listed.toLocaleString('en-US')} B of the ${snapshot.bytes.toLocaleString('en-US')} B`,
      )
    }
    // One record per stack and moment, so no stack's calls are counted twice.
    const r = incident.records
    const seen = new Set<string>()
    for (let i = 0; i < r.length; i++) {
      const key = `${r.snapshot[i]}:${r.stack[i]}`
      expect(seen.has(key)).toBe(false)
      seen.add(key)
    }
  })
})
