import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../lib/format-bytes'
import { bytesAxisTicks } from './bytes-ticks'

describe('bytesAxisTicks', () => {
  // heaptrack's peak in its own test data: 996,970 B.
  it('steps by round numbers of the unit the labels read in', () => {
    const ticks = bytesAxisTicks(996_970)!
    expect(ticks.map(formatBytes)).toEqual(['0 B', '250 KB', '500 KB', '750 KB', '1000 KB'])
  })

  it('reaches past the largest value, from zero, in equal steps', () => {
    for (const max of [1, 7, 280, 1023, 1024, 30_463, 5_000_000, 3e9]) {
      const ticks = bytesAxisTicks(max)!
      expect(ticks[0]).toBe(0)
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max)
      expect(ticks.length).toBeLessThanOrEqual(7)
      const steps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]))
      expect(steps.size).toBe(1)
    }
    expect(bytesAxisTicks(0)).toBeNull()
  })
})
