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

/** `main`, a test package, or a module path (`github.com/...`): not the standard library. */
function isOwnPackage(func: string): boolean {
  const slash = func.lastIndexOf('/')
  const pkg = func.slice(0, func.indexOf('.', slash + 1))
  return pkg === 'main' || pkg.endsWith('_test') || pkg.split('/')[0].includes('.')
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
  // access was made: under the first `... by goroutine N:` line, the first frame of the
  // program's own packages, as the table names its group.
  it.each(RACES)('%s: each race is named by where its first access was made', async (name) => {
    const text = read(name)
    const expected = text
      .split('WARNING: DATA RACE\n')
      .slice(1)
      .map((report) => {
        const lines = report.split('\n')
        const frames: { func: string; file: string }[] = []
        for (let i = 1; i + 1 < lines.length && lines[i].trim() !== ''; i += 2)
          frames.push({
            func: lines[i].trim().replace(/\(.*\)$/, ''),
            file: lines[i + 1].trim().split(' ')[0],
          })
        const at = frames.find((f) => isOwnPackage(f.func)) ?? frames[0]
        return `data race ${at.file.slice(at.file.lastIndexOf('/') + 1)} in ${at.func}`
      })
    expect(expected.length).toBeGreaterThan(0)
    const incident = await parseGo(text)
    expect(incident.crashes.filter((c) => c.kind === 'race').map((c) => c.message)).toEqual(
      expected,
    )
  })
})
