import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { inputFromBytes } from '../../test/incident-snapshot'
import { parseInputs } from '../index'
import { goFormat } from './go-format'

const read = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8')
const RACES = [
  'local-go119-race.txt',
  'gotfmt-issue9307-race-go14.txt',
  'gotfmt-race-test-go14.txt',
  'issue-golang-go-65045-race-go121-finished.txt',
]

/** Parses with the Go format alone, so the test does not depend on other formats' sniffers. */
function parseGo(text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('input.txt', text)], { formats: [goFormat] })
}

describe('Go race reports', () => {
  it('one crash per report, as `Found N data race(s)` says', async () => {
    for (const name of ['local-go119-race.txt', 'gotfmt-issue9307-race-go14.txt']) {
      const text = read(name)
      const found = Number(/Found (\d+) data race\(s\)/.exec(text)![1])
      const incident = await parseGo(text)
      expect(incident.crashes.filter((c) => c.kind === 'race')).toHaveLength(found)
    }
  })

  it('race records carry their creator stack and the goroutine id', async () => {
    const incident = await parseGo(read('local-go119-race.txt'))
    const r = incident.records
    const state = (i: number) => incident.strings[r.state[i]]
    expect(r.length).toBe(2)
    expect(state(0)).toBe('race read')
    expect(r.id[0]).toBe(7)
    expect(r.createdBy[0]).not.toBe(NONE)
    expect(state(1)).toBe('race previous write')
    expect(incident.crashes[0].details).toEqual([
      'Read at 0x00c000016070 by goroutine 7',
      'Previous write at 0x00c000016070 by main goroutine',
      'Found 1 data race(s)',
    ])
  })

  // Guards against every race reading "DATA RACE": two races of one run could not be told
  // apart. Each is named, as ThreadSanitizer's SUMMARY names a C race, by where its first
  // access was made: the function and file line under the first `... by goroutine N:` line.
  it.each(RACES)('%s: each race is named by where its first access was made', async (name) => {
    const text = read(name)
    const expected = [
      ...text.matchAll(
        /WARNING: DATA RACE\n[A-Z][a-z ]+(?: at 0x[0-9a-f]+)? by (?:goroutine \d+|main goroutine):\n\s+(\S+)\(.*\)\n\s+(?:.*\/)?([^/\s]+:\d+)/g,
      ),
    ].map((m) => `data race ${m[2]} in ${m[1]}`)
    expect(expected.length).toBeGreaterThan(0)
    const incident = await parseGo(text)
    expect(incident.crashes.filter((c) => c.kind === 'race').map((c) => c.message)).toEqual(
      expected,
    )
  })
})
