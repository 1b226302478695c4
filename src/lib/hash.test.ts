import { describe, expect, it } from 'vitest'
import { FNV_OFFSET_BASIS, fnvStep, hashBytes, hashString, hashUnitPairs } from './hash'

describe('FNV-1a', () => {
  // The published 32-bit FNV-1a test vectors (http://www.isthe.com/chongo/tech/comp/fnv/):
  // ASCII text hashes the same as its bytes.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to the published value', (text, expected) => {
    expect(hashString(text) >>> 0).toBe(expected)
    expect(hashBytes(new TextEncoder().encode(text), FNV_OFFSET_BASIS) >>> 0).toBe(expected)
  })

  // Guards against a change of value: argument hashes group goroutines, and stable ids built
  // on hashString name groups in saved postmortems and links.
  it('keeps the values stored before it was shared', () => {
    expect(hashString('héllo', 12345)).toBe(2143461331)
    expect(hashUnitPairs('f(0x1, 0x2)', 2, 10)).toBe(1071253666)
    expect(hashUnitPairs('x', 0, 0)).toBe(FNV_OFFSET_BASIS)
  })

  it('continues from a seed as if the inputs were joined', () => {
    expect(hashString('bar', hashString('foo'))).toBe(hashString('foobar'))
    const bytes = new TextEncoder().encode('foobar')
    expect(hashBytes(bytes.subarray(3), hashBytes(bytes, FNV_OFFSET_BASIS, 3)) | 0).toBe(
      hashString('foobar'),
    )
  })

  it('takes a unit pair as one step', () => {
    const pair = 'ab'.charCodeAt(0) | ('ab'.charCodeAt(1) << 16)
    expect(hashUnitPairs('ab', 0, 2)).toBe(fnvStep(FNV_OFFSET_BASIS, pair))
    expect(hashUnitPairs('abc', 0, 3)).toBe(fnvStep(fnvStep(FNV_OFFSET_BASIS, pair), 99))
  })
})
