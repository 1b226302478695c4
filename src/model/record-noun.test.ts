import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFixture } from '../test/incident-snapshot'
import { dumpRecordNoun, leakWeightText } from './record-noun'

const format = (n: number) => n.toLocaleString('en-US')

describe('leakWeightText', () => {
  it('quotes bytes in allocations where the tool counted both', () => {
    expect(leakWeightText(120, 3, format)).toBe('120 B in 3 allocations')
    expect(leakWeightText(16, 1, format)).toBe('16 B in 1 allocation')
    // bcc memleak's `0 bytes in 6261 allocations` is a reading, and so is nothing at all.
    expect(leakWeightText(0, 6261, format)).toBe('0 B in 6,261 allocations')
    expect(leakWeightText(0, 0, format)).toBe('0 B in 0 allocations')
  })

  it('quotes bytes alone for massif, which counts no allocations', async () => {
    const path = 'src/parse/massif/__fixtures__/ms_print-leaky_cache.txt'
    // The peak's total, as ms_print's table prints it (`90  4,571,259  2,827,048 …`).
    const row = /^ *90 +[\d,]+ +([\d,]+) /m.exec(readFileSync(path, 'utf8'))!
    const incident = await parseFixture(path)
    const peak = incident.snapshots.find((s) => s.label.includes('(peak)'))!
    expect(format(peak.bytes)).toBe(row[1])
    expect(leakWeightText(peak.bytes, peak.allocations, format)).toBe(`${row[1]} B`)
  })
})

describe('dumpRecordNoun', () => {
  it('counts goroutines in Go dumps, threads in the others, records in a format of neither', () => {
    expect(dumpRecordNoun('go', 1)).toBe('goroutine')
    expect(dumpRecordNoun('go', 2002)).toBe('goroutines')
    for (const format of ['gdb', 'lldb', 'eu-stack', 'java', 'python'])
      expect(dumpRecordNoun(format, 2)).toBe('threads')
    expect(dumpRecordNoun('memleak', 2)).toBe('records')
    expect(dumpRecordNoun(undefined, 1)).toBe('record')
  })
})
