import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IntegerSet } from './integer-set'

describe('IntegerSet', () => {
  it('answers as a Set does for any integers, negative and beyond 32 bits, through growth', () => {
    const integer = fc.oneof(
      fc.integer({ min: -5, max: 40 }),
      fc.maxSafeInteger(),
      fc.integer().map((n) => n * 4294967296),
    )
    fc.assert(
      fc.property(
        fc.array(integer, { maxLength: 300 }),
        fc.array(integer, { maxLength: 50 }),
        (added, asked) => {
          const set = new IntegerSet(4)
          const reference = new Set<number>()
          for (const n of added) {
            expect(set.has(n)).toBe(reference.has(n))
            set.add(n)
            reference.add(n)
          }
          expect(set.size).toBe(reference.size)
          for (const n of [...added, ...asked]) expect(set.has(n)).toBe(reference.has(n))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('tells apart ids equal in their low 32 bits', () => {
    const set = new IntegerSet()
    set.add(7)
    expect(set.has(7 + 4294967296)).toBe(false)
    set.add(7 + 4294967296)
    expect(set.size).toBe(2)
  })

  it('refuses a number that is not an integer', () => {
    expect(() => new IntegerSet().add(NaN)).toThrow(RangeError)
    expect(() => new IntegerSet().add(1.5)).toThrow(RangeError)
  })
})
