import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rankOrder } from './rank-order'

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
