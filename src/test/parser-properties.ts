import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../model/types'
import { dumpIncident, parseText } from './incident-snapshot'
import { checkMutatedSamples } from './mutated-samples'

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
      await checkMutatedSamples(samples, parse)
    })
  })
}
