import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GrowableArray } from './growable-array'

describe('GrowableArray', () => {
  it('holds every value pushed, read back, patched and finished, past its first array', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 16, 1000, 70_000),
        fc.integer({ min: 0, max: 200_000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.constantFrom('push', 'pushAll', 'pushAll moved', 'pushAll plain'),
        (capacity, count, patches, how) => {
          const array = new GrowableArray(Int32Array, capacity)
          const expected: number[] = []
          let misplaced = 0
          // In runs of up to 100,000 values, so runs cross the first array and the chunks.
          for (let i = 0; i < count;) {
            const run = Math.min(count - i, 1 + ((i * 7919) % 100_000))
            const values = Int32Array.from({ length: run }, (_, k) => (i + k) * 7)
            if (how === 'push') for (const v of values) misplaced += array.push(v) === v / 7 ? 0 : 1
            else if (how === 'pushAll') array.pushAll(values)
            else if (how === 'pushAll moved')
              array.pushAll(
                values.map((v) => v - 1),
                (v) => v + 1,
              )
            else array.pushAll(Array.from(values))
            for (const v of values) expected.push(v)
            i += run
          }
          expect(misplaced).toBe(0)
          for (const p of patches) {
            if (count === 0) break
            const index = p % count
            array.set(index, -index - 1)
            expected[index] = -index - 1
          }
          expect(array.length).toBe(count)
          let misread = 0
          for (let i = 0; i < count; i++) if (array.get(i) !== expected[i]) misread++
          expect(misread).toBe(0)
          const out = array.finish()
          expect(out).toBeInstanceOf(Int32Array)
          expect(out.length).toBe(count)
          expect(out.buffer.byteLength).toBe(count * 4)
          let differ = 0
          for (let i = 0; i < count; i++) if (out[i] !== expected[i]) differ++
          expect(differ).toBe(0)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('hands back the array itself when the capacity given was right', () => {
    const array = new GrowableArray(Float64Array, 100_000)
    for (let i = 0; i < 100_000; i++) array.push(i / 2)
    const out = array.finish()
    expect(out.length).toBe(100_000)
    expect(out[99_999]).toBe(99_999 / 2)
    // Full, so no copy was made: finishing twice gives the same array.
    expect(array.finish()).toBe(out)
  })
})
