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
          // Not copied: finishing again hands over the same values in the same buffer.
          expect(array.finish().buffer).toBe(out.buffer)
          let differ = 0
          for (let i = 0; i < count; i++) if (out[i] !== expected[i]) differ++
          expect(differ).toBe(0)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('hands over a buffer of its own length where buffers can be moved, when more than an eighth is room', () => {
    // Node 20 has no ArrayBuffer.transfer, which Chromium has: a stand-in that copies.
    const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: (n: number) => ArrayBuffer }
    const own = Object.getOwnPropertyDescriptor(proto, 'transfer')
    if (!own)
      proto.transfer = function (this: ArrayBuffer, n: number) {
        const out = new ArrayBuffer(n)
        new Uint8Array(out).set(new Uint8Array(this, 0, n))
        return out
      }
    try {
      const array = new GrowableArray(Float64Array, 16)
      for (let i = 0; i < 600; i++) array.push(i / 4)
      const out = array.finish()
      expect(out.buffer.byteLength).toBe(600 * 8)
      expect(out[599]).toBe(599 / 4)
      expect(array.finish()).toBe(out)
      // Nearly full (1,000 of 1,024): the move would copy every value to free 24.
      const full = new GrowableArray(Float64Array, 16)
      for (let i = 0; i < 1000; i++) full.push(i / 4)
      const kept = full.finish()
      expect(kept.length).toBe(1000)
      expect(kept.buffer.byteLength).toBe(1024 * 8)
      expect(kept[999]).toBe(999 / 4)
    } finally {
      if (!own) Reflect.deleteProperty(proto, 'transfer')
    }
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

type Op = { push: number } | { set: number; at: number } | { pushAll: number[]; moved: boolean }

const value = fc.constantFrom(0, -1, 1, 7, NaN, 2.5)
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ push: value }),
  fc.record({ set: value, at: fc.nat(200) }),
  fc.record({ pushAll: fc.array(value, { maxLength: 20 }), moved: fc.boolean() }),
)
const move = (v: number) => v * 2

describe('GrowableArray from a uniform run', () => {
  it('holds what a plain array holds, from a uniform run or not, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 300 }),
        fc.constantFrom(null, 0, -1, NaN),
        fc.integer({ min: 1, max: 8 }),
        (ops, uniform, capacity) => {
          const array = new GrowableArray(Float64Array, capacity, uniform)
          const reference: number[] = []
          for (const o of ops) {
            if ('push' in o) expect(array.push(o.push)).toBe(reference.push(o.push) - 1)
            else if ('pushAll' in o) {
              array.pushAll(new Float64Array(o.pushAll), o.moved ? move : undefined)
              reference.push(...o.pushAll.map((v) => (o.moved ? move(v) : v)))
            } else if (o.at < reference.length) {
              array.set(o.at, o.set)
              reference[o.at] = o.set
            }
            const last = reference.length - 1
            if (last >= 0) expect(array.get(last)).toEqual(reference[last])
          }
          expect(array.length).toBe(reference.length)
          expect([...array.finish()]).toEqual(reference)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('stores nothing while a uniform run lasts, and the run once it ends', () => {
    const array = new GrowableArray(Int32Array, 4, -1)
    for (let i = 0; i < 10_000; i++) array.push(-1)
    const run = array.finish()
    expect(run.length).toBe(10_000)
    expect(run.every((v) => v === -1)).toBe(true)
    const broken = new GrowableArray(Int32Array, 4, -1)
    for (let i = 0; i < 5; i++) broken.push(-1)
    broken.push(3)
    broken.push(-1)
    expect([...broken.finish()]).toEqual([-1, -1, -1, -1, -1, 3, -1])
    // A run longer than a chunk, then values past it: the run is stored, then chunks follow.
    const long = new GrowableArray(Float64Array, 16, NaN)
    for (let i = 0; i < 100_000; i++) long.push(NaN)
    for (let i = 0; i < 150_000; i++) long.push(i)
    const out = long.finish()
    expect(out.length).toBe(250_000)
    expect(Number.isNaN(out[99_999])).toBe(true)
    expect([out[100_000], out[249_999], long.get(180_000)]).toEqual([0, 149_999, 80_000])
  })

  it.each([
    ['before any value', null, 0],
    ['after some values', null, 300],
    ['during a uniform run', -1, 0],
    ['after a uniform run ended', -1, 300],
  ])('keeps every value and fills the room reserved %s', (_, uniform, before) => {
    const array = new GrowableArray(Int32Array, 16, uniform)
    const values = Array.from({ length: 1000 }, (_, i) => (i % 7 === 3 ? i : -1))
    values.slice(0, before).forEach((v) => array.push(v))
    array.reserve(1000)
    values.slice(before).forEach((v) => array.push(v))
    const out = array.finish()
    expect([...out]).toEqual(values)
    // One array of the reserved length, full: doubling from 16 would have left 1024.
    expect(out.buffer.byteLength).toBe(1000 * Int32Array.BYTES_PER_ELEMENT)
  })
})
