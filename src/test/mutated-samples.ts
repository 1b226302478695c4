import fc from 'fast-check'
import { expect } from 'vitest'
import type { Incident } from '../model/types'
import { assertIncidentIntegrity, dumpIncident } from './incident-snapshot'

/**
 * One edit of a sample's lines: drop a line, duplicate it, cut it short (the truncations
 * public pastes suffer); `swap` moves a line to the top and `junk` inserts a line of bytes
 * that look like several formats at once.
 */
export type LineEdit = 'drop' | 'dup' | 'cut' | 'swap' | 'junk'

const JUNK_LINE = '\u0000\uffff]]]((( goroutine [ #0 0x'

/** Applies edits `[kind, where, how much]` to a copy of `lines`. */
export function applyLineEdits(
  lines: readonly string[],
  edits: readonly (readonly [LineEdit, number, number])[],
): string[] {
  const out = [...lines]
  for (const [kind, at, n] of edits) {
    const i = at % Math.max(1, out.length)
    const line = out[i] ?? ''
    if (kind === 'drop') out.splice(i, 1)
    else if (kind === 'dup') out.splice(i, 0, line)
    else if (kind === 'cut') out[i] = line.slice(0, n % (line.length + 1))
    else if (kind === 'swap') [out[i], out[0]] = [out[0] ?? '', line]
    else out.splice(i, 0, JUNK_LINE)
  }
  return out
}

export type MutationOptions = {
  /** The kinds of edit to draw from; drop, dup and cut unless given. */
  edits?: readonly LineEdit[]
  /** At most this many edits per sample (8). */
  maxEdits?: number
  /** Also draw arbitrary text of up to this many characters instead of a sample. */
  arbitraryText?: number
}

/** A real sample with random line edits, as text. */
export function mutatedSample(
  samples: readonly string[],
  { edits = ['drop', 'dup', 'cut'], maxEdits = 8, arbitraryText }: MutationOptions = {},
): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.constantFrom(...edits), fc.nat(), fc.nat())
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.array(edit, { maxLength: maxEdits }))
    .map(([sample, list]) => applyLineEdits(sample.split('\n'), list).join('\n'))
  return arbitraryText === undefined
    ? mutated
    : fc.oneof(mutated, fc.string({ maxLength: arbitraryText }))
}

export type MutatedSampleCheck = MutationOptions & {
  /** A format's own invariant, checked on every parse (e.g. totals match their blocks). */
  check?: (incident: Incident, text: string) => void
  /** Runs (200). */
  numRuns?: number
}

/**
 * Property: on real samples with lines dropped, duplicated or cut, the parse never throws,
 * keeps every index in range, is deterministic, and passes `check` when one is given.
 */
export async function checkMutatedSamples(
  samples: readonly string[],
  parse: (text: string) => Promise<Incident>,
  { check, numRuns = 200, ...mutation }: MutatedSampleCheck = {},
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(mutatedSample(samples, mutation), async (text) => {
      const incident = await parse(text)
      assertIncidentIntegrity(incident)
      check?.(incident, text)
      expect(dumpIncident(await parse(text))).toBe(dumpIncident(incident))
    }),
    { numRuns },
  )
}
