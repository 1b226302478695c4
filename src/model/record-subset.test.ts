import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assertIncidentIntegrity, parseFixture } from '../test/incident-snapshot'
import { keepRecords } from './record-subset'
import { getSampleColumns } from './sample-columns'
import { getRecordLabels } from './group'

const pprof = (name: string) => join('src/parse/pprof/__fixtures__', name)

// Guards against a narrowed view (one snapshot, a brushed range) reading another record's
// sample values or labels: they are kept beside the records, so they must move with them.
describe('keepRecords', () => {
  it('keeps each kept record with its own sample values', async () => {
    const incident = await parseFixture(pprof('heap-after.pb.gz'))
    const full = getSampleColumns(incident)!
    const keep = Array.from({ length: incident.records.length }, (_, i) => i).filter(
      (i) => i % 3 !== 1,
    )
    const subset = keepRecords(incident, keep)
    assertIncidentIntegrity(subset)
    const kept = getSampleColumns(subset)!
    expect(kept.types).toEqual(full.types)
    keep.forEach((old, k) => {
      for (let t = 0; t < full.types.length; t++)
        expect(kept.values[t][k]).toBe(full.values[t][old])
    })
  })

  it('keeps each kept record with its own labels', async () => {
    const incident = await parseFixture(pprof('goroutine.pb.gz'))
    const all = Array.from({ length: incident.records.length }, (_, i) => i)
    const kept = all.slice(1)
    const subset = keepRecords(incident, kept)
    kept.forEach((old, k) =>
      expect(getRecordLabels(subset, k)).toBe(getRecordLabels(incident, old)),
    )
    // The profile has labelled and unlabelled records, so a shift by the dropped one shows.
    const labels = new Set(all.map((r) => getRecordLabels(incident, r)))
    expect(labels.size).toBeGreaterThan(1)
  })
})
