import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../cli/incident-json'
import { parseFixture } from '../test/incident-snapshot'
import { computeCallTree, computeRecordWeights, getFlameWeights } from './flame/call-tree'
import { computeGroups, defaultGroupMode } from './group'
import { getGroupsTotal } from './groups-total'
import { getShownSnapshots, selectSnapshot } from './snapshot-view'

/**
 * One input, three views, one set of figures: the Stacks table (its groups and the "N groups
 * of M" total, each row's growth line), the flame graph's root, and the command line's
 * `totals` count the same records. A figure quoted from one view must not be contradicted by
 * another.
 */
const parseDir = join(__dirname, '..', 'parse')
const fixtures = readdirSync(parseDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = join(parseDir, d.name, '__fixtures__')
    try {
      return readdirSync(dir)
        .filter((f) => f !== 'PROVENANCE.tsv' && !f.endsWith('.md'))
        .map((f) => join(d.name, '__fixtures__', f))
    } catch {
      return []
    }
  })

const sum = (xs: Iterable<number>) => {
  let n = 0
  for (const x of xs) n += x
  return n
}

describe('the table, the flame graph and the command line agree', () => {
  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThan(200)
  })

  it.each(fixtures)('%s', async (path) => {
    const incident = await parseFixture(join(parseDir, path))
    // What the page shows by default: the chosen snapshot of an input that has several.
    const shown = selectSnapshot(incident, null)
    const groups = computeGroups(shown, defaultGroupMode)
    const json = toIncidentJson(incident)
    const table = {
      count: getGroupsTotal(groups),
      bytes: sum(groups.map((g) => g.bytes)),
      allocations: sum(groups.map((g) => g.allocations)),
    }
    expect(json.totals).toEqual(table)
    expect(sum(json.groups.map((g) => g.count))).toBe(table.count)
    // The same groups, in the same order: the table's first row is the command line's.
    expect(json.groups.map((g) => g.count)).toEqual(groups.map((g) => g.count))
    // A row's history across snapshots passes through the row's own figures at the shown one.
    const shownSnapshots = getShownSnapshots(incident, null)
    for (const g of json.groups) {
      if (g.bySnapshot.length === 0) continue
      const here = g.bySnapshot.filter((b) => shownSnapshots.has(b.snapshot))
      expect(
        { count: sum(here.map((b) => b.count)), bytes: sum(here.map((b) => b.bytes)) },
        g.label,
      ).toEqual({
        count: g.count,
        bytes: g.bytes,
      })
    }
    for (const weight of getFlameWeights(shown)) {
      if (weight !== 'count' && weight !== 'bytes' && weight !== 'allocations') continue
      const tree = computeCallTree(shown, computeRecordWeights(shown, weight))
      // The root of the flame graph: every record's weight (no weight is negative).
      const root = tree.length > 0 ? tree.total[0] : 0
      expect(root, weight).toBe(table[weight])
    }
  })
})
