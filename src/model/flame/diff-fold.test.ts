import { describe, expect, it } from 'vitest'
import { parseText } from '../../test/incident-snapshot'
import { tenSnapshots } from '../../test/memleak-snapshots'
import { computeCallTree, computeRecordWeights } from './call-tree'
import { computeDiffTable, getDefaultDiffInputs, isRecordInSide } from './diff'

describe('diff table', () => {
  it('folds a change repeated down one stack into one row', async () => {
    const incident = await parseText(tenSnapshots(), 'memleak.txt')
    const inputs = getDefaultDiffInputs(incident)!
    expect(inputs).toEqual({ type: 'snapshots', before: 0, after: 9 })
    const side = (s: 'before' | 'after') =>
      computeRecordWeights(incident, 'bytes', (r) => isRecordInSide(incident, inputs, s, r))
    const tree = computeCallTree(incident, side('after'), side('before'))
    const rows = computeDiffTable(incident, tree)
    const name = (f: number) => incident.strings[f]
    // 9 MB more in deserialize_String_vector, and so in its caller: one row, not two.
    const leak = rows.find((r) => name(r.func) === 'deserialize_String_vector')!
    expect(leak.delta).toBe(9 * 1048576)
    expect(leak.via.map(name)).toEqual(['zookeeper_process'])
    expect(rows.filter((r) => r.delta === leak.delta)).toHaveLength(1)
    // Every function still counted once, in a row or its `via`.
    const listed = rows.flatMap((r) => [r.func, ...r.via]).map(name)
    expect(new Set(listed).size).toBe(listed.length)
  })
})
