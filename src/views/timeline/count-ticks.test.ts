import { describe, expect, it } from 'vitest'
import { countAxisTicks } from './count-ticks'

describe('countAxisTicks', () => {
  it('shows 0 and 1 for a single event, not an axis up to 4', () => {
    expect(countAxisTicks(1)).toEqual([0, 1])
  })

  it('keeps an axis of nothing readable, and counts up to the largest', () => {
    expect(countAxisTicks(0)).toEqual([0, 1])
    expect(countAxisTicks(3)).toEqual([0, 1, 2, 3])
  })

  it('leaves larger counts to the chart', () => {
    expect(countAxisTicks(5)).toBeNull()
  })
})
