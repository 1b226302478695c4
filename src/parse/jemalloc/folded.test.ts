import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeCallTree, computeRecordWeights } from '../../model/flame/call-tree'
import type { Incident } from '../../model/types'
import { assertIncidentIntegrity, parseFixture, parseText } from '../../test/incident-snapshot'

const dir = join(__dirname, '__fixtures__')

/**
 * What a flame graph of folded lines must show, counted from the text alone, as
 * `awk '{ sum[$1] += $2 }'` over every root-first prefix would: the weight of the lines under
 * each prefix, by depth. Lines weighing nothing are left out, as the call tree leaves them.
 */
function countFromText(text: string): { lines: number; sum: number; prefixes: string[] } {
  const under = new Map<string, { depth: number; weight: number }>()
  let lines = 0
  let sum = 0
  for (const line of text.split('\n')) {
    const m = /^(\S.*?);? (\d+(?:\.\d+)?)$/.exec(line)
    if (!m || !m[1].includes(';')) continue
    lines++
    const weight = Number(m[2])
    sum += weight
    if (weight === 0) continue
    const frames = m[1].split(';').filter((f) => f.trim() !== '')
    for (let d = 1; d <= frames.length; d++) {
      const key = frames.slice(0, d).join(';')
      const entry = under.get(key) ?? { depth: d, weight: 0 }
      entry.weight += weight
      under.set(key, entry)
    }
  }
  return { lines, sum, prefixes: [...under.values()].map((e) => `${e.depth}:${e.weight}`).sort() }
}

/** The same figures from the model: records, their weight, and the call tree's nodes. */
function countFromModel(incident: Incident): { lines: number; sum: number; prefixes: string[] } {
  const r = incident.records
  const weight = r.bytes.some((b) => b > 0) ? 'bytes' : 'count'
  const weights = computeRecordWeights(incident, weight)
  const tree = computeCallTree(incident, weights)
  const prefixes: string[] = []
  for (let n = 1; n < tree.length; n++) prefixes.push(`${tree.depth[n]}:${tree.total[n]}`)
  const column = weight === 'bytes' ? r.bytes : r.count
  return { lines: r.length, sum: column.reduce((s, w) => s + w, 0), prefixes: prefixes.sort() }
}

// Guards against a faster folded reader that gets a figure wrong: a frame cached by its text
// under the wrong stack, a repeated stack counted once, an empty frame made a node.
describe('folded stacks add up to what the lines say', () => {
  it.each([
    'jeprof-collapsed.txt',
    'heaptrack_print-F-leaky_cache.txt',
    'heaptrack_print-F-peak-leaky_cache.txt',
  ])('%s', async (name) => {
    const incident = await parseFixture(join(dir, name))
    assertIncidentIntegrity(incident)
    expect(countFromModel(incident)).toEqual(countFromText(readFileSync(join(dir, name), 'utf8')))
  })

  it.each([
    ['repeated stacks', 'a;b;c 3\na;b;d 4\na;b;c 5\nx;b;c 1\n'],
    ['empty frames and a trailing separator', 'a;b;c; 7\na;;b;c 2\n'],
    ['decimal weights after the first line', 'a;b;c 1\na;b;c 1.5\na;b;d 2.25\n'],
    ['deep and shallow', 'r;a;b;c;d;e;f 1\nr;a;b 2\nr;a;b;c 3\n'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.sources[0].regions.map((g) => g.format)).toEqual(['folded'])
    expect(countFromModel(incident)).toEqual(countFromText(text))
  })
})
