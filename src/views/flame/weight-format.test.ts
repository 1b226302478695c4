import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFixture, parseText } from '../../test/incident-snapshot'
import { weightLabel } from './weight-format'

const fixtures = join(__dirname, '../../parse')

/** The weight picker names what the inputs counted: folded stacks count samples, not goroutines. */
describe('weightLabel', () => {
  it('names folded stacks samples', async () => {
    const incident = await parseText('main;serve;read 30\nmain;serve;write 12\n', 'cpu.folded')
    expect(incident.sources[0].regions.map((r) => r.format)).toEqual(['folded'])
    expect(weightLabel(incident, 'count')).toBe('Count (samples)')
  })

  it('names a Go dump goroutines', async () => {
    const incident = await parseFixture(join(fixtures, 'go/__fixtures__/gotfmt-deadlock-go12.txt'))
    expect(weightLabel(incident, 'count')).toBe('Count (goroutines)')
  })

  it('names both when a Go dump and folded stacks are opened together', async () => {
    const dump = readFileSync(join(fixtures, 'go/__fixtures__/gotfmt-deadlock-go12.txt'), 'utf8')
    const incident = await parseText(`${dump}\n\nmain;serve;read 30\nmain;serve;write 12\n`)
    expect(weightLabel(incident, 'count')).toBe('Count (goroutines, samples)')
  })

  it('names memleak allocations, the count its stacks print (seed 004)', async () => {
    const incident = await parseFixture(
      join(fixtures, 'memleak/__fixtures__/seed004-zookeeper-symbolized-o5000.txt'),
    )
    expect(weightLabel(incident, 'count')).toBe('Count (allocations)')
  })

  it('says no goroutines or threads for a sanitizer report, whose count mixes objects and stacks', async () => {
    const incident = await parseFixture(
      join(fixtures, 'sanitizer/__fixtures__/lsan-report_objects.txt'),
    )
    expect(weightLabel(incident, 'count')).toBe('Count')
  })

  it('keeps the other weights as they were', async () => {
    const incident = await parseText('main;serve;read 30\n')
    expect(weightLabel(incident, 'bytes')).toBe('Bytes')
  })
})
