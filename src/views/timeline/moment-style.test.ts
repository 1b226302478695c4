import { describe, expect, it } from 'vitest'
import { DRAWN, drawnMoments } from './moment-style'

describe('drawnMoments', () => {
  it('draws every moment up to the limit', () => {
    const few = Array.from({ length: DRAWN }, (_, i) => i)
    expect(drawnMoments(few)).toEqual(few)
  })

  it('past it, picks them evenly from the first to the last, in order, none twice', () => {
    for (const n of [DRAWN + 1, 1_000, 20_160]) {
      const all = Array.from({ length: n }, (_, i) => i)
      const drawn = drawnMoments(all)
      expect(drawn).toHaveLength(DRAWN)
      expect(drawn[0]).toBe(0)
      expect(drawn.at(-1)).toBe(n - 1)
      expect(new Set(drawn).size).toBe(DRAWN)
      for (let i = 1; i < drawn.length; i++) expect(drawn[i]).toBeGreaterThan(drawn[i - 1])
      // Evenly: no gap between two drawn is more than one step and one over.
      const step = (n - 1) / (DRAWN - 1)
      for (let i = 1; i < drawn.length; i++)
        expect(drawn[i] - drawn[i - 1]).toBeLessThanOrEqual(Math.ceil(step) + 1)
    }
  })
})
