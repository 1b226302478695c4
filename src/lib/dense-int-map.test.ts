import { describe, expect, it } from 'vitest'
import { DenseIntMap } from './dense-int-map'

describe('DenseIntMap', () => {
  it('answers -1 for keys never set, however large', () => {
    const map = new DenseIntMap()
    expect(map.get(0)).toBe(-1)
    expect(map.get(5_000_000)).toBe(-1)
  })

  it('keeps every value across growth', () => {
    const map = new DenseIntMap()
    for (let key = 0; key < 100_000; key += 7) map.set(key, key * 3)
    map.set(1 << 20, 9)
    const wrong: number[] = []
    for (let key = 0; key < 100_000; key++)
      if (map.get(key) !== (key % 7 === 0 ? key * 3 : -1)) wrong.push(key)
    expect(wrong).toEqual([])
    expect(map.get(1 << 20)).toBe(9)
  })
})
