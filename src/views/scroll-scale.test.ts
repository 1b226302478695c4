import { describe, expect, it } from 'vitest'
import { computeScrollScale, rowTop, scrollSpacePx } from './scroll-scale'

describe('scroll scale', () => {
  it('is 1 while the table fits in the scroll space', () => {
    expect(computeScrollScale(48 * 1000, 800, 15_000_000)).toBe(1)
    expect(scrollSpacePx(48 * 1000, 15_000_000)).toBe(48_000)
    expect(rowTop(4800, 960, 1)).toBe(4800)
  })

  // Guards against rows past ~700,000 groups lying below the end of a scroll space that
  // Chromium stops laying out at 2^25 px.
  it.each([
    { name: '2M rows at 48 px', rows: 2_000_000, viewport: 800 },
    { name: '700k rows at 48 px', rows: 700_000, viewport: 450 },
    { name: 'a tall viewport', rows: 5_000_000, viewport: 4000 },
  ])('$name: the last scroll position shows the last row', ({ rows, viewport }) => {
    const max = 15_000_000
    const table = rows * 48
    const space = scrollSpacePx(table, max)
    const scale = computeScrollScale(table, viewport, max)
    expect(space).toBe(Math.min(table, max))
    const lastScrollTop = space - viewport
    const tableOffset = lastScrollTop * scale
    const lastRowStart = (rows - 1) * 48
    const top = rowTop(lastRowStart, tableOffset, scale)
    // The last row ends exactly at the bottom of the viewport, inside the scroll space.
    expect(top + 48).toBeCloseTo(lastScrollTop + viewport, 3)
    expect(top + 48).toBeLessThanOrEqual(space + 1e-6)
    // The first row is at the top at scroll 0.
    expect(rowTop(0, 0, scale)).toBe(0)
    // Rows on screen keep their 48 px spacing.
    const mid = Math.floor(rows / 2) * 48
    const offset = mid - 100
    expect(rowTop(mid + 48, offset, scale) - rowTop(mid, offset, scale)).toBe(48)
  })
})
