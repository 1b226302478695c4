import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { GroupMode } from '../model/group'
import { parseFixture, parseText } from '../test/incident-snapshot'
import type { Incident } from '../model/types'
import { worstCaseGoroutine } from '../test/worst-case-stacks'
import { incidentJsonFields } from './incident-json'

const MODES: GroupMode[] = [
  { type: 'lines' },
  { type: 'exact' },
  { type: 'state' },
  { type: 'createdBy' },
  { type: 'labels' },
]

/** Every group's text against `JSON.stringify` of its object, in each mode. */
function expectTextsAsStringify(incident: Incident): number {
  let groups = 0
  for (const mode of MODES) {
    const list = incidentJsonFields(incident, mode).groups
    for (let i = 0; i < list.length; i++)
      expect(list.text!(i), `${mode.type} group ${i}`).toBe(JSON.stringify(list.at(i)))
    groups += list.length
  }
  return groups
}

describe('group JSON text', () => {
  it('is what JSON.stringify writes of the group, for every example', async () => {
    let groups = 0
    for (const name of readdirSync('public/examples'))
      if (!name.endsWith('.tsv'))
        groups += expectTextsAsStringify(await parseFixture(`public/examples/${name}`))
    expect(groups).toBeGreaterThan(10)
  })

  it('is what JSON.stringify writes for the worst-case shapes, whose groups repeat fields', async () => {
    for (const shape of ['distinct', 'near-identical'] as const) {
      // Runs of the shape between goroutines of the other, so that neighbours differ too.
      const goroutines = Array.from({ length: 300 }, (_, i) =>
        i % 7 === 6 ? worstCaseGoroutine('distinct', 1000 + i) : worstCaseGoroutine(shape, i),
      )
      const dump = goroutines.join('')
      expect(expectTextsAsStringify(await parseText(dump))).toBeGreaterThan(100)
    }
  })

  it('escapes what JSON.stringify escapes in names and states', async () => {
    const odd = ['quo"te', 'back\\slash', 'bell\u0007here', 'pair\ud83d\ude00', 'café', '\u2028']
    const dump = odd
      .map(
        (name, i) =>
          `goroutine ${i + 1} [chan ${name}, ${i} minutes]:\nmain.${name}(0x1)\n\t/src/${name}.go:${i} +0x1\n` +
          `main.shared()\n\t/src/main.go:3 +0x2\ncreated by main.${name}\n\t/src/main.go:9 +0x25\n\n`,
      )
      .join('')
    const incident = await parseText(dump)
    const written = incidentJsonFields(incident).groups
    expect(written.length).toBe(odd.length)
    expect(expectTextsAsStringify(incident)).toBeGreaterThan(odd.length)
    // The names came through as written: the escaping above was exercised.
    const labels = written.toArray().map((g) => g.label)
    for (const name of odd) expect(labels).toContain(`main.${name}`)
  })
})
