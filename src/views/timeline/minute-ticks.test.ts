import { describe, expect, it } from 'vitest'
import { computeMinuteTicks, yAxisWidthFor } from './minute-ticks'

describe('computeMinuteTicks', () => {
  it.each([
    // maxMinutes, ticks expected
    [7, [-7, -6, -5, -4, -3, -2, -1, 0]],
    [61, [-60, -50, -40, -30, -20, -10, 0]],
    [95, [-90, -75, -60, -45, -30, -15, 0]],
    [1000, [-900, -720, -540, -360, -180, 0]],
  ])('%i minutes: round steps ending at the dump', (max, expected) => {
    const { ticks } = computeMinuteTicks(max)
    expect(ticks).toEqual(expected)
    expect(ticks.length).toBeLessThanOrEqual(9)
  })

  it('labels hours when the step is hours', () => {
    const { ticks, format } = computeMinuteTicks(600)
    expect(ticks.map(format)).toEqual(['-10 h', '-8 h', '-6 h', '-4 h', '-2 h', '0'])
  })
})

describe('yAxisWidthFor', () => {
  // Guards against the clipped y axis of the stuck-since chart ("00,000").
  it('leaves room for every character of the largest label', () => {
    expect(yAxisWidthFor('100,000')).toBeGreaterThanOrEqual(7 * 8)
    expect(yAxisWidthFor('100,000')).toBeGreaterThan(yAxisWidthFor('1,000'))
  })
})
