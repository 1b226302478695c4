import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from './builder'
import { computeGroups } from './group'
import { computeGroupGrowth } from './group-growth'
import { FrameKind } from './types'

describe('computeGroupGrowth', () => {
  // Groups of one record take a way of their own: their rows must be those of summing the
  // group's records into its series, as for any other group.
  it("sums each group's records into the snapshots of its series, groups of one too", () => {
    const record = fc.record({
      stack: fc.nat(5),
      snapshot: fc.integer({ min: -1, max: 2 }),
      count: fc.integer({ min: 1, max: 9 }),
      bytes: fc.nat(1000),
    })
    fc.assert(
      fc.property(record, fc.array(record, { maxLength: 30 }), (alone, records) => {
        const b = new IncidentBuilder()
        b.beginSource('dumps.txt', 0, '')
        for (let s = 0; s < 3; s++)
          b.addSnapshot({ label: `dump ${s}`, kind: 'dump', bytes: 0, allocations: 0, line: s })
        const stacks = Array.from({ length: 7 }, (_, k) =>
          b.stack(-1, b.frame({ func: `f${k}`, kind: FrameKind.app })),
        )
        // The last stack has a record of its own: a group of one.
        for (const r of [...records, { ...alone, stack: 6 }]) {
          b.addRecord({
            stack: stacks[r.stack],
            snapshot: r.snapshot < 0 ? undefined : r.snapshot,
            count: r.count,
            bytes: r.bytes,
            line: 0,
          })
        }
        const incident = b.build()
        const groups = computeGroups(incident)
        const growth = computeGroupGrowth(incident, { type: 'lines' }, groups)
        const r = incident.records
        for (const g of groups) {
          const member = [...g.records].find((i) => r.snapshot[i] >= 0)
          const rows = [0, 1, 2].map((snapshot) => {
            const of = [...g.records].filter((i) => r.snapshot[i] === snapshot)
            const sum = (column: ArrayLike<number>) => of.reduce((n, i) => n + column[i], 0)
            return { snapshot, count: sum(r.count), bytes: sum(r.bytes), allocations: 0 }
          })
          expect(growth.get(g.key)).toEqual(member === undefined ? [] : rows)
        }
      }),
    )
  })
})
