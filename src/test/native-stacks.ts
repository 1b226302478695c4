import { mutatedSample } from './mutated-samples'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { expect } from 'vitest'
import {
  getFrameFunc,
  getFrameKindName,
  getFrameLocation,
  getFrameModule,
  getStackFrames,
} from '../model/stacks'
import type { Incident } from '../model/types'
import { NONE } from '../model/types'
import { parseInputs } from '../parse/index'
import type { RegionFormat } from '../parse/region'
import { dumpIncident, inputFromBytes } from './incident-snapshot'

/** Frames of a record, leaf first, as `func@file:line` (or `func`). */
export function recordFrames(incident: Incident, record: number): string[] {
  const leaf = incident.records.stack[record]
  if (leaf === NONE) return []
  return getStackFrames(incident, leaf).map((f) => {
    const loc = getFrameLocation(incident, f)
    return loc ? `${getFrameFunc(incident, f)}@${loc}` : getFrameFunc(incident, f)
  })
}

/** `kind module` of a record's frames, leaf first. */
export function recordFrameKinds(incident: Incident, record: number): string[] {
  const leaf = incident.records.stack[record]
  if (leaf === NONE) return []
  return getStackFrames(incident, leaf).map((f) =>
    `${getFrameKindName(incident, f)} ${getFrameModule(incident, f)}`.trim(),
  )
}

export function stringOrNull(incident: Incident, index: number): string | null {
  return index === NONE ? null : incident.strings[index]
}

/** Parses text with only the given formats. */
export function parseWith(formats: readonly RegionFormat[], text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('input.txt', text)], { formats })
}

/**
 * Property: the formats never throw and are deterministic, on arbitrary strings and on
 * random line drops, duplications and truncations of the given samples.
 */
export async function checkNeverThrows(
  formats: readonly RegionFormat[],
  samplePaths: readonly string[],
): Promise<void> {
  const mutated = mutatedSample(samplePaths.map((p) => readFileSync(p, 'utf8')))
  const text = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  )
  await fc.assert(
    fc.asyncProperty(fc.oneof(text, mutated), async (input) => {
      const a = dumpIncident(await parseWith(formats, input))
      const b = dumpIncident(await parseWith(formats, input))
      expect(a).toBe(b)
    }),
    { numRuns: 200 },
  )
}
