import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import { computeGroups } from '../group'
import type { Incident } from '../types'
import {
  computeCallTree,
  computeRecordWeights,
  computeWeightTotals,
  findNodeByPath,
  getNodePath,
  type CallTree,
} from './call-tree'
import { computeDiffTable, getDefaultDiffInputs, getDiffRatio, isRecordInSide } from './diff'
import { computeFoldedStacks } from './folded'
import { computeFlameLayout, firstVisibleInRow, hitTest, moveInLayout } from './layout'
import { computeSandwich } from './sandwich'
import { compileFrameSearch, computeSearchMatches } from './search'
import { computeGroupsThroughPath } from './select'
import { incidentFromWeightedStacks } from '../../test/weighted-stacks'

const dump = `
main.main;main.serve;net.lookup;sync.wait;runtime.semacquire [semacquire 27] *5
main.main;main.serve;net.lookup;runtime.gopark [select 3] *2
main.main;main.work;runtime.chanrecv [chan receive]
main.main *1
worker.run;lib.loop [running] *3
`

/** `func:total/self` per node in depth-first display order, indented by depth: easy to read. */
function dumpLayout(incident: Incident, tree: CallTree, order: 'heavy' | 'name' = 'heavy') {
  const layout = computeFlameLayout(incident, tree, order)
  const out: string[] = []
  const visit = (node: number) => {
    const name = node === 0 ? 'all' : incident.strings[incident.frames.func[tree.frame[node]]]
    out.push(
      `${'  '.repeat(tree.depth[node])}${name} ${tree.total[node]}/${tree.self[node]} @${layout.start[node]}`,
    )
    const s = tree.childStart[node]
    for (let k = s; k < s + tree.childCount[node]; k++) visit(layout.sortedChildren[k])
  }
  visit(0)
  return out.join('\n')
}

function countTree(incident: Incident) {
  return computeCallTree(incident, computeRecordWeights(incident, 'count'))
}

describe('computeCallTree', () => {
  it('merges records by path and sums self and total weights', () => {
    const incident = incidentFromStacks(dump)
    expect(dumpLayout(incident, countTree(incident))).toMatchInlineSnapshot(`
      "all 12/0 @0
        main.main 9/1 @0
          main.serve 7/0 @0
            net.lookup 7/0 @0
              sync.wait 5/0 @0
                runtime.semacquire 5/5 @0
              runtime.gopark 2/2 @5
          main.work 1/0 @7
            runtime.chanrecv 1/1 @7
        worker.run 3/0 @9
          lib.loop 3/3 @9"
    `)
  })

  it('orders siblings by name when asked, whatever their weight', () => {
    const incident = incidentFromStacks('a;z *5\na;b\na;m *2')
    const text = dumpLayout(incident, countTree(incident), 'name')
    expect(text.split('\n').map((l) => l.trim().split(' ')[0])).toEqual(['all', 'a', 'b', 'm', 'z'])
    expect(text).toContain('z 5/5 @3')
  })

  it.each([
    ['count', 12],
    ['wait', 5 * 27 + 2 * 3],
    ['bytes', 0],
  ] as const)('weighs by %s', (weight, total) => {
    const incident = incidentFromStacks(dump)
    const tree = computeCallTree(incident, computeRecordWeights(incident, weight))
    expect(tree.total[0]).toBe(total)
  })

  it('leaves out records that weigh nothing, so a weight with no data draws nothing', () => {
    const incident = incidentFromStacks(dump)
    const tree = computeCallTree(incident, computeRecordWeights(incident, 'bytes'))
    expect(tree.length).toBe(1)
    expect(computeWeightTotals(incident)).toEqual({
      count: 12,
      bytes: 0,
      allocations: 0,
      wait: 141,
    })
  })

  it('finds nodes by path and back', () => {
    const incident = incidentFromStacks(dump)
    const tree = countTree(incident)
    for (let node = 0; node < tree.length; node++) {
      expect(findNodeByPath(tree, getNodePath(tree, node))).toBe(node)
    }
    // A path that no longer exists (another weight, another input) falls back to its deepest node.
    expect(findNodeByPath(tree, [...getNodePath(tree, 1), 99999])).toBe(1)
  })

  it('agrees with a slow reference on random stacks (property)', () => {
    const frameName = fc.constantFrom('a', 'b', 'c', 'runtime.d')
    const line = fc.tuple(
      fc.array(frameName, { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 4 }),
    )
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const text = lines.map(([frames, n]) => `${frames.join(';')} *${n}`).join('\n')
        const incident = incidentFromStacks(text)
        const tree = countTree(incident)
        // Reference: total of a path = records whose stack starts with it.
        const expected = new Map<string, number>()
        for (const [frames, n] of lines) {
          for (let d = 1; d <= frames.length; d++) {
            const key = frames.slice(0, d).join(';')
            expected.set(key, (expected.get(key) ?? 0) + n)
          }
        }
        const actual = new Map<string, number>()
        for (let i = 1; i < tree.length; i++) {
          const key = getNodePath(tree, i)
            .map((f) => incident.strings[incident.frames.func[f]])
            .join(';')
          actual.set(key, tree.total[i])
        }
        expect(actual).toEqual(expected)
        const layout = computeFlameLayout(incident, tree, 'heavy')
        // Children sit inside their parent, side by side, in every row.
        for (const row of layout.rows) {
          for (let k = 1; k < row.length; k++) {
            const prev = row[k - 1]
            expect(layout.start[row[k]]).toBeGreaterThanOrEqual(
              layout.start[prev] + tree.total[prev],
            )
          }
        }
        for (let i = 1; i < tree.length; i++) {
          const p = tree.parent[i]
          expect(layout.start[i]).toBeGreaterThanOrEqual(layout.start[p])
          expect(layout.start[i] + tree.total[i]).toBeLessThanOrEqual(
            layout.start[p] + tree.total[p],
          )
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('layout queries', () => {
  const incident = incidentFromStacks(dump)
  const tree = countTree(incident)
  const layout = computeFlameLayout(incident, tree, 'heavy')
  const name = (node: number) =>
    node < 0 ? '-' : incident.strings[incident.frames.func[tree.frame[node]]]

  it.each([
    [1, 0, 'main.main'],
    [1, 8.9, 'main.main'],
    [1, 9, 'worker.run'],
    [1, 12, '-'],
    [4, 6, 'runtime.gopark'],
    [4, 7.5, '-'],
    [9, 0, '-'],
  ])('hit test at depth %i, x %f is %s', (depth, x, expected) => {
    expect(name(hitTest(layout, depth, x))).toBe(expected)
  })

  it('finds the first node visible from an offset', () => {
    expect(firstVisibleInRow(layout, layout.rows[1], 0)).toBe(0)
    expect(firstVisibleInRow(layout, layout.rows[1], 9)).toBe(1)
    expect(firstVisibleInRow(layout, layout.rows[1], 20)).toBe(2)
  })

  it('moves between frames as the arrow keys do', () => {
    const main = hitTest(layout, 1, 0)
    expect(name(moveInLayout(layout, main, 'child'))).toBe('main.serve')
    expect(name(moveInLayout(layout, main, 'right'))).toBe('worker.run')
    expect(moveInLayout(layout, main, 'left')).toBe(main)
    expect(moveInLayout(layout, main, 'parent')).toBe(0)
    expect(moveInLayout(layout, 0, 'parent')).toBe(0)
    const loop = hitTest(layout, 2, 10)
    expect(moveInLayout(layout, loop, 'child')).toBe(loop)
  })
})

describe('search', () => {
  const incident = incidentFromStacks(dump)
  const tree = countTree(incident)

  it.each([
    ['runtime', 3, 8],
    ['/^main\\.(serve|work)$/', 2, 8],
    ['main', 3, 9],
    ['MAIN.MAIN', 1, 9],
    ['lib.loop', 1, 3],
    ['nothing', 0, 0],
  ])('%s matches %i frames and %i of the weight', (query, nodes, weight) => {
    const match = compileFrameSearch(query)
    if (typeof match !== 'function') throw new Error(match.error)
    const result = computeSearchMatches(incident, tree, match)
    expect([result.nodes, result.weight, result.total]).toEqual([nodes, weight, 12])
  })

  it('reports a bad regular expression instead of throwing', () => {
    expect(compileFrameSearch('/a(/')).toHaveProperty('error')
  })
})

describe('computeSandwich', () => {
  it('puts callers above and callees below, counting a recursive function once', () => {
    const incident = incidentFromStacks('main;a;f;f;g *2\nmain;b;f *3\nmain;c')
    const weights = computeRecordWeights(incident, 'count')
    const f = incident.strings.indexOf('f')
    const { callers, callees } = computeSandwich(incident, weights, f)
    expect(dumpLayout(incident, callers).replace(/ @\d+/g, '')).toBe(
      ['all 5/0', '  f 5/0', '    b 3/0', '      main 3/3', '    a 2/0', '      main 2/2'].join(
        '\n',
      ),
    )
    expect(dumpLayout(incident, callees).replace(/ @\d+/g, '')).toBe(
      ['all 5/0', '  f 5/3', '    f 2/0', '      g 2/2'].join('\n'),
    )
  })
})

describe('differential trees', () => {
  const incident = incidentFromWeightedStacks(`
    main;alloc;grow bytes=100 snapshot=0
    main;alloc;keep bytes=50 snapshot=0
    main;alloc;grow bytes=400 snapshot=1
    main;alloc;keep bytes=50 snapshot=1
    main;gone bytes=30 snapshot=0
    main;alloc;grow bytes=900 snapshot=2
    main;fresh bytes=10 snapshot=2
  `)

  it('compares the first and last snapshot of a memleak input by default', () => {
    expect(getDefaultDiffInputs(incident)).toEqual({ type: 'snapshots', before: 0, after: 2 })
  })

  it('compares two dropped inputs by source', () => {
    const two = incidentFromWeightedStacks('a;b source=0\na;c source=1 *2')
    expect(getDefaultDiffInputs(two)).toEqual({ type: 'sources', before: 0, after: 1 })
    expect(getDefaultDiffInputs(incidentFromWeightedStacks('a;b\na;c'))).toBeNull()
  })

  it('takes widths from the second input and the change from both', () => {
    const inputs = getDefaultDiffInputs(incident)!
    const w = (side: 'before' | 'after') =>
      computeRecordWeights(incident, 'bytes', (r) => isRecordInSide(incident, inputs, side, r))
    const tree = computeCallTree(incident, w('after'), w('before'))
    const node = (path: string) =>
      findNodeByPath(
        tree,
        path.split(';').map((f) => incident.frames.func.indexOf(incident.strings.indexOf(f))),
      )
    expect([tree.total[0], tree.baseTotal![0]]).toEqual([910, 180])
    expect(getDiffRatio(tree, node('main;alloc;grow'))).toBeCloseTo((900 - 100) / 900)
    expect(getDiffRatio(tree, node('main;alloc;keep'))).toBe(-1)
    expect(getDiffRatio(tree, node('main;gone'))).toBe(-1)
    expect(getDiffRatio(tree, node('main;fresh'))).toBe(1)
    // A node only in the first input has no width, so the layout leaves it out of its row.
    const layout = computeFlameLayout(incident, tree, 'heavy')
    expect(layout.indexInRow[node('main;gone')]).toBe(-1)

    const rows = computeDiffTable(incident, tree).map((r) => [incident.strings[r.func], r.delta])
    expect(rows).toEqual(
      [
        ['grow', 800],
        ['main', 730],
        ['alloc', 750],
        ['keep', -50],
        ['gone', -30],
        ['fresh', 10],
      ].sort((a, b) => Math.abs(b[1] as number) - Math.abs(a[1] as number)),
    )
  })
})

describe('computeDiffTable', () => {
  it('lists the function where a change sits before the callers it passes through', () => {
    const incident = incidentFromWeightedStacks(`
      start;main;leaky bytes=80 snapshot=0
      start;main;leaky bytes=800 snapshot=1
    `)
    const inputs = getDefaultDiffInputs(incident)!
    const w = (side: 'before' | 'after') =>
      computeRecordWeights(incident, 'bytes', (r) => isRecordInSide(incident, inputs, side, r))
    const tree = computeCallTree(incident, w('after'), w('before'))
    const rows = computeDiffTable(incident, tree).map((r) => [
      incident.strings[r.func],
      r.delta,
      r.via.map((f) => incident.strings[f]),
    ])
    // One row for the one change, its callers folded in, nearest first.
    expect(rows).toEqual([['leaky', 720, ['main', 'start']]])
  })
})

describe('computeFoldedStacks', () => {
  it('writes one line per stack that other tools read back', () => {
    const incident = incidentFromStacks(dump)
    expect(computeFoldedStacks(incident, countTree(incident))).toBe(
      [
        'main.main 1',
        'main.main;main.serve;net.lookup;sync.wait;runtime.semacquire 5',
        'main.main;main.serve;net.lookup;runtime.gopark 2',
        'main.main;main.work;runtime.chanrecv 1',
        'worker.run;lib.loop 3',
        '',
      ].join('\n'),
    )
  })

  it('keeps a frame whole when its name has a separator', () => {
    const incident = incidentFromStacks('a;b')
    const tree = countTree(incident)
    incident.strings[incident.frames.func[tree.frame[2]]] = 'op<;>'
    expect(computeFoldedStacks(incident, tree)).toBe('a;op<:> 1\n')
  })
})

describe('computeGroupsThroughPath', () => {
  it('selects the groups whose records pass through a frame', () => {
    const incident = incidentFromStacks(dump)
    const tree = countTree(incident)
    const groups = computeGroups(incident, { type: 'lines' })
    const keyCount = (path: string) => {
      const frames = path
        .split(';')
        .map((f) => incident.frames.func.indexOf(incident.strings.indexOf(f)))
      const keys = computeGroupsThroughPath(incident, groups, frames)
      return groups.filter((g) => keys.has(g.key)).map((g) => g.count)
    }
    expect(keyCount('main.main;main.serve')).toEqual([5, 2])
    expect(keyCount('main.main')).toEqual([5, 2, 1, 1])
    expect(keyCount('worker.run;lib.loop')).toEqual([3])
    expect(keyCount('main.serve')).toEqual([])
    expect(tree.length).toBeGreaterThan(0)
  })
})
