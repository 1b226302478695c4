import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../model/types'
import { assertIncidentIntegrity, dumpIncident, parseText } from './incident-snapshot'

/**
 * The two properties every parser must hold, as one block a format's test file declares: it
 * never throws and is deterministic, on arbitrary text and on real samples with lines
 * dropped, duplicated or cut (the truncations public pastes suffer).
 */
export function describeParserProperties(
  samples: readonly string[],
  parse: (text: string) => Promise<Incident> = parseText,
): void {
  describe('properties', () => {
    it('never throws and is deterministic on arbitrary text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
          const a = dumpIncident(await parse(text))
          expect(dumpIncident(await parse(text))).toBe(a)
        }),
        { numRuns: 200 },
      )
    })

    it('never throws on mutated samples (dropped, duplicated, cut lines)', async () => {
      const op = fc.tuple(fc.constantFrom('drop', 'dup', 'cut'), fc.nat(), fc.nat())
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...samples),
          fc.array(op, { maxLength: 8 }),
          async (sample, ops) => {
            const lines = sample.split('\n')
            for (const [kind, i, j] of ops) {
              const at = i % lines.length
              if (kind === 'drop') lines.splice(at, 1)
              else if (kind === 'dup') lines.splice(at, 0, lines[at])
              else lines[at] = lines[at].slice(0, j % (lines[at].length + 1))
              if (lines.length === 0) lines.push('')
            }
            const text = lines.join('\n')
            const incident = await parse(text)
            assertIncidentIntegrity(incident)
            expect(dumpIncident(await parse(text))).toBe(dumpIncident(incident))
          },
        ),
        { numRuns: 200 },
      )
    })
  })
}
