import { describe, expect, it } from 'vitest'
import { seededRandom } from '../lib/prng'
import { whyCutsDiffer } from '../parse/cut-safety'
import { parseInputs } from '../parse/index'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInParts } from '../test/parse-in-parts'
import { mergeIncidentParts } from './merge'
import { StackTreeMerger } from './merge-stacks'
import type { StackTable } from './types'
import { NONE } from './types'

/** Folded stacks sharing their first frames, with one caller of many callees (`wide`). */
function foldedText(lines: number, seed: number): Uint8Array {
  const random = seededRandom(seed)
  const out: string[] = []
  for (let n = 0; n < lines; n++) {
    // Three frames at least: shorter lines do not open a folded region, so a part could
    // not start with one (the cut check would then have the file read whole).
    const depth = 3 + Math.floor(random() * 5)
    const frames = [`root${Math.floor(random() * 3)}`]
    for (let d = 1; d < depth; d++) frames.push(`f${Math.floor(random() * (d < 3 ? 4 : 200))}`)
    // Every tenth line goes through one caller with hundreds of callees: the map path.
    if (n % 10 === 0) frames.splice(1, frames.length - 1, 'wide', `leaf${n}`)
    out.push(`${frames.join(';')} ${1 + (n % 7)}\n`)
  }
  return new TextEncoder().encode(out.join(''))
}

function columns(t: StackTable) {
  return { frame: [...t.frame], prefix: [...t.prefix], depth: [...t.depth], length: t.length }
}

describe('joining stack trees of parts', () => {
  it.each([2, 3, 4])(
    'numbers every node as the whole file does (%d parts of folded stacks)',
    async (n) => {
      const bytes = foldedText(6000, 0x5eed + n)
      const whole = await parseInputs([inputFromBytes('p.folded', bytes)])
      const { parts } = await parseInParts('p.folded', bytes, n)
      expect(parts.length).toBe(n)
      expect(whyCutsDiffer(parts.map((p) => p.incident))).toBeNull()
      const merged = mergeIncidentParts(parts)
      // The same frames in the same order, so the node columns compare as they are.
      expect([...merged.frames.func].map((s) => merged.strings[s])).toEqual(
        [...whole.frames.func].map((s) => whole.strings[s]),
      )
      expect(columns(merged.stacks)).toEqual(columns(whole.stacks))
      expect([...merged.records.stack]).toEqual([...whole.records.stack])
      // Shared nodes were found, not added twice: fewer nodes than the parts hold.
      const inParts = parts.reduce((sum, p) => sum + p.incident.stacks.length, 0)
      expect(merged.stacks.length).toBeLessThan(inParts)
    },
  )

  it('keeps the first arguments of a shared node and marks those that differ', () => {
    const part = (args: number[], differ: number[]): StackTable => ({
      frame: Int32Array.from([0, 1]),
      prefix: Int32Array.from([NONE, 0]),
      depth: Int32Array.from([0, 1]),
      args: Int32Array.from(args),
      argsDiffer: Uint8Array.from(differ),
      length: 2,
    })
    const texts = ['0x1', '0x2']
    const args: string[] = []
    const merger = new StackTreeMerger(4, 2)
    const note = (table: StackTable) => (node: number, i: number) => {
      const text = texts[table.args[i]]
      const seen = merger.args[node]
      if (seen === NONE) merger.setArgs(node, args.push(text) - 1)
      else if (args[seen] !== text) merger.argsDiffer[node] = 1
    }
    const a = part([NONE, 0], [0, 0])
    const b = part([NONE, 1], [1, 0])
    expect([...merger.addPart(a, Int32Array.from([0, 1]), note(a))]).toEqual([0, 1])
    expect([...merger.addPart(b, Int32Array.from([0, 1]), note(b))]).toEqual([0, 1])
    const t = merger.finish()
    expect(t.length).toBe(2)
    expect(args[t.args[1]]).toBe('0x1')
    // Node 0 was marked by the second part itself, node 1 by the arguments that differ.
    expect([...t.argsDiffer]).toEqual([1, 1])
  })
})
