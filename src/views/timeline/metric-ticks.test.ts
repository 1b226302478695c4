import { describe, expect, it } from 'vitest'
import { metricTickLabel } from './metric-ticks'

describe('metricTickLabel', () => {
  it('labels quarter steps exactly', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map(metricTickLabel)).toEqual(['0', '0.25', '0.5', '0.75', '1'])
  })

  it('labels round steps of thousands and millions exactly, compactly', () => {
    expect(metricTickLabel(2_500)).toBe('2.5K')
    expect(metricTickLabel(1_250_000)).toBe('1.25M')
    expect(metricTickLabel(102_500_000)).toBe('102.5M')
    expect(metricTickLabel(20_000_000)).toBe('20M')
    expect(metricTickLabel(400)).toBe('400')
  })
})
