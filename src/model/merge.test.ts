import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../parse/index'
import { assertIncidentIntegrity, dumpIncident, inputFromBytes } from '../test/incident-snapshot'
import { canonicalModel } from '../test/model-canonical'
import { mergeIncidentParts } from './merge'
import { computeGroups } from './group'
import { parseInParts } from '../test/parse-in-parts'

const dump = readFileSync('public/examples/go-goroutine-leak-dump.txt')

describe('parsing a file in parts and merging', () => {
  it.each([2, 3, 7])('gives the same model as parsing it whole (%d parts)', async (n) => {
    const whole = await parseInputs([inputFromBytes('dump.txt', dump)])
    const { cuts, parts } = await parseInParts('dump.txt', dump, n)
    expect(cuts.length).toBe(n + 1)
    const merged = mergeIncidentParts(parts)
    assertIncidentIntegrity(merged)
    expect(dumpIncident(merged)).toBe(dumpIncident(whole))
    expect(canonicalModel(merged)).toEqual(canonicalModel(whole))
    expect(computeGroups(merged).map((g) => g.count)).toEqual(
      computeGroups(whole).map((g) => g.count),
    )
    expect(merged.sources[0].lines).toBe(whole.sources[0].lines)
    expect(merged.sources[0].regions).toEqual(whole.sources[0].regions)
    expect(merged.crashes.map((c) => [c.line, c.record])).toEqual(
      whole.crashes.map((c) => [c.line, c.record]),
    )
  })
})

describe('a log without blank lines', () => {
  it('is cut after line breaks and merges to the same events', async () => {
    const log = Array.from(
      { length: 20000 },
      (_, i) =>
        `2024-11-22T10:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00.000Z INFO request n=${i}`,
    ).join('\n')
    const bytes = new TextEncoder().encode(log)
    const whole = await parseInputs([inputFromBytes('log.txt', bytes)])
    const { cuts, parts } = await parseInParts('log.txt', bytes, 3)
    expect(cuts.length).toBe(4)
    const merged = mergeIncidentParts(parts)
    expect(merged.events.length).toBe(whole.events.length)
    expect([...merged.events.line]).toEqual([...whole.events.line])
  })
})

describe('metric series', () => {
  it('join in part order, however many points they hold', async () => {
    const log = (from: number) =>
      new TextEncoder().encode(`2024-11-22T10:00:00.000Z INFO goroutines: ${from}\n`)
    const points = 400_000 // more than a spread argument list can hold
    const parts = await Promise.all(
      [0, 1].map(async (k) => {
        const incident = await parseInputs([inputFromBytes('log.txt', log(k))])
        const [series] = incident.series
        series.time = Float64Array.from({ length: points }, (_, i) => k * points + i)
        series.value = Float64Array.from({ length: points }, (_, i) => k * points + i)
        return { startByte: k * 100, incident }
      }),
    )
    const merged = mergeIncidentParts(parts)
    expect(merged.series.map((s) => s.name)).toEqual(['goroutines'])
    const { time, value } = merged.series[0]
    expect(time.length).toBe(2 * points)
    expect(value[points - 1]).toBe(points - 1)
    expect(value[points]).toBe(points)
    expect(time.every((t, i) => i === 0 || t > time[i - 1])).toBe(true)
  })
})
