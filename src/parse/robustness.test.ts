import { checkMutatedSamples } from '../test/mutated-samples'
import fc from 'fast-check'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adversarialInputs } from '../test/adversarial-inputs'
import { assertIncidentIntegrity, dumpIncident, inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'

/** Every fixture the format parsers test with: the mutation tests start from real outputs. */
function fixtureFiles(dir = 'src/parse'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return fixtureFiles(path)
    return path.includes('__fixtures__') && /\.txt$/.test(name) && statSync(path).size < 64 * 1024
      ? [path]
      : []
  })
}

const samples = fixtureFiles().map((path) => readFileSync(path, 'utf8'))

async function parseString(text: string) {
  return parseInputs([inputFromBytes('fuzz.txt', text)])
}

describe('the whole pipeline (every format at once)', () => {
  it.each(adversarialInputs.map((a) => [a.name, a] as const))(
    'explains %s and never throws',
    async (_name, a) => {
      const incident = await parseInputs([inputFromBytes(a.name, a.bytes())])
      assertIncidentIntegrity(incident)
      const said = [
        ...incident.sources[0].warnings,
        ...incident.crashes.map((c) => c.message),
        `${incident.sources[0].lines} lines were read`,
      ]
      // The page shows these same words; the e2e test checks them there.
      expect(
        said.join('\n') +
          (incident.records.length || incident.events.length ? '' : '\nnone of them looked like'),
      ).toMatch(a.expect)
    },
  )

  it('never throws on arbitrary text, and is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2000 }), async (text) => {
        const a = await parseString(text)
        assertIncidentIntegrity(a)
        expect(dumpIncident(await parseString(text))).toBe(dumpIncident(a))
      }),
      { numRuns: 150 },
    )
  })

  it('never throws on mutations of real samples (lines dropped, repeated, cut, shuffled)', async () => {
    expect(samples.length).toBeGreaterThan(10)
    await checkMutatedSamples(samples, parseString, {
      edits: ['drop', 'dup', 'cut', 'swap', 'junk'],
      maxEdits: 12,
    })
  })
})
