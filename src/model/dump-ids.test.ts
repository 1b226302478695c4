import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DumpIds } from './dump-ids'

describe('DumpIds', () => {
  it('answers as a Set does, for ids in order, out of order, repeated and past 2^32', () => {
    const id = fc.oneof(
      fc.nat(50),
      fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1),
    )
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 300 }),
        fc.boolean(),
        fc.array(id, { maxLength: 20 }),
        (ids, sortFirst, probes) => {
          const added = sortFirst ? [...ids].sort((a, b) => a - b) : ids
          const ours = new DumpIds()
          const reference = new Set<number>()
          let wrong = 0
          for (const value of added) {
            if (ours.has(value) !== reference.has(value)) wrong++
            ours.add(value)
            reference.add(value)
          }
          for (const value of [...probes, ...added])
            if (ours.has(value) !== reference.has(value)) wrong++
          expect(wrong).toBe(0)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses a number that is not an integer, in order or not', () => {
    const ids = new DumpIds()
    expect(() => ids.add(1.5)).toThrow(RangeError)
    ids.add(3)
    ids.add(1)
    expect(() => ids.add(NaN)).toThrow(RangeError)
  })
})
