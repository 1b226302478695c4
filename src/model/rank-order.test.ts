import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rankedTotal, rankOrder } from './rank-order'

// As groups were ranked before: an Int32Array sorted by comparison unless already in order.
const byComparison = (count: Float64Array, bytes: Float64Array, crashed: Uint8Array) => {
  const before = (a: number, b: number) =>
    count[b] - count[a] || bytes[b] - bytes[a] || crashed[b] - crashed[a] || a - b
  const order = Int32Array.from(count.keys())
  for (let g = 1; g < order.length; g++) if (before(g - 1, g) >= 0) return order.sort(before)
  return order
}

describe('rankOrder', () => {
  it('ranks as the comparison does, whether the groups are counted into place or sorted', () => {
    const weight = fc.oneof(
      fc.integer({ min: 0, max: 6 }),
      fc.constantFrom(0.5, 2 ** 21, -1, NaN, -0),
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(weight, fc.constantFrom(0, 0, 0, 16), fc.constantFrom(0, 0, 0, 1)), {
          maxLength: 60,
        }),
        fc.boolean(),
        (groups, uniform) => {
          const count = Float64Array.from(groups, ([c]) => c)
          const bytes = Float64Array.from(groups, ([, b]) => (uniform ? 0 : b))
          const crashed = Uint8Array.from(groups, ([, , x]) => (uniform ? 0 : x))
          expect(rankOrder(count, bytes, crashed)).toEqual(byComparison(count, bytes, crashed))
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('rankedTotal', () => {
  const byRank = (count: Float64Array, order: Int32Array) =>
    Array.from(order).reduce((sum, g) => sum + count[g], 0)

  it('sums the counts in ranking order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(60), fc.double({ noNaN: true }))), (counts) => {
        const count = Float64Array.from(counts)
        const order = rankOrder(count, new Float64Array(count.length), new Uint8Array(count.length))
        expect(Object.is(rankedTotal(count, order), byRank(count, order))).toBe(true)
      }),
    )
  })

  it('adds fractions largest first, where another order sums to another double', () => {
    const count = Float64Array.of(0.1, 0.2, 0.3)
    const order = rankOrder(count, new Float64Array(3), new Uint8Array(3))
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1)
    expect(rankedTotal(count, order)).toBe(0.3 + 0.2 + 0.1)
  })
})
