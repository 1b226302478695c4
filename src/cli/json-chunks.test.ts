import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LazyList, jsonChunks } from './json-chunks'

describe('jsonChunks', () => {
  it('joins to exactly what JSON.stringify writes, at any budget', () => {
    const field = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)), { maxLength: 50 }),
      fc.constant(undefined),
      fc.constant(() => 1),
    )
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), field),
        fc.integer({ min: 1, max: 200 }),
        (object, budget) => {
          const pieces = [...jsonChunks(object, budget)]
          expect(pieces.join('')).toBe(JSON.stringify(object))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps each piece near the budget, so a list of any length is never one string', () => {
    const groups = Array.from({ length: 100_000 }, (_, i) => ({ key: `g${i}`, count: i }))
    const pieces = [...jsonChunks({ records: 100_000, groups }, 64 * 1024)]
    expect(pieces.length).toBeGreaterThan(20)
    // Over the budget by at most one batch of elements (about 30 characters each).
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024 + 256 * 32)
    expect(JSON.parse(pieces.join(''))).toEqual({ records: 100_000, groups })
  })

  it('writes a lazy list as the array it stands for, making each element once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)), { maxLength: 50 }),
        fc.integer({ min: 1, max: 200 }),
        (elements, budget) => {
          let made = 0
          const lazy = new LazyList(elements.length, (i) => (made++, elements[i]))
          const pieces = [...jsonChunks({ before: 1, list: lazy, after: [2] }, budget)]
          expect(pieces.join('')).toBe(JSON.stringify({ before: 1, list: elements, after: [2] }))
          expect(made).toBe(elements.length)
          expect(lazy.toArray()).toEqual(elements)
        },
      ),
      { numRuns: 200 },
    )
  })

  it("writes a lazy list's elements by their text when it has one, never making them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 50 }),
        fc.integer({ min: 1, max: 200 }),
        (elements, budget) => {
          let made = 0
          const lazy = new LazyList(
            elements.length,
            (i) => (made++, elements[i]),
            (i) => JSON.stringify(elements[i]),
          )
          const pieces = [...jsonChunks({ list: lazy, after: 1 }, budget)]
          expect(pieces.join('')).toBe(JSON.stringify({ list: elements, after: 1 }))
          expect(made).toBe(0)
        },
      ),
      { numRuns: 200 },
    )
  })
})
