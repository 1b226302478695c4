import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IntTupleMap } from './int-tuple-map'

describe('IntTupleMap', () => {
  it('agrees with a Map keyed by the joined tuple, through growth and overwrites', () => {
    const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })
    // Few distinct values per position, so tuples repeat and collide often.
    const small = fc.integer({ min: -1, max: 3 })
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(
          fc.tuple(fc.array(fc.oneof(small, int32), { minLength: 5, maxLength: 5 }), fc.nat()),
          {
            maxLength: 3000,
          },
        ),
        (arity, entries) => {
          const map = new IntTupleMap(arity, 1)
          const reference = new Map<string, number>()
          for (const [tuple, value] of entries) {
            const key = tuple.slice(0, arity)
            expect(map.get(key)).toBe(reference.get(key.join()) ?? -1)
            map.set(key, value)
            reference.set(key.join(), value)
          }
          expect(map.size).toBe(reference.size)
          for (const [joined, value] of reference)
            expect(map.get(joined.split(',').map(Number))).toBe(value)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('getOrAdd keeps the first value stored for a tuple, as get then set-if-absent would', () => {
    const small = fc.integer({ min: -1, max: 3 })
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.array(small, { minLength: 3, maxLength: 3 }), fc.nat()), {
          maxLength: 2000,
        }),
        (arity, entries) => {
          const map = new IntTupleMap(arity, 1)
          const reference = new Map<string, number>()
          for (const [tuple, value] of entries) {
            const key = tuple.slice(0, arity)
            const joined = key.join()
            if (!reference.has(joined)) reference.set(joined, value)
            expect(map.getOrAdd(key, value)).toBe(reference.get(joined))
          }
          expect(map.size).toBe(reference.size)
          for (const [joined, value] of reference)
            expect(map.get(joined.split(',').map(Number))).toBe(value)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('tells apart tuples that a packed number key would merge', () => {
    // (prefix + 1) * 2^22 + frame: frame 2^22 under prefix 0 equalled frame 0 under prefix 1.
    const map = new IntTupleMap(2)
    map.set([0, 2 ** 22], 1)
    map.set([1, 0], 2)
    expect(map.get([0, 2 ** 22])).toBe(1)
    expect(map.get([1, 0])).toBe(2)
    expect(map.get([-1, 0])).toBe(-1)
  })

  it('refuses a negative value, which reads as absent', () => {
    expect(() => new IntTupleMap(1).set([1], -1)).toThrow(RangeError)
  })
})
