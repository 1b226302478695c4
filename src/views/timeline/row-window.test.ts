import { describe, expect, it } from 'vitest'
import { offsetToShowRow, visibleRows } from './row-window'

describe('visibleRows', () => {
  it('covers every row that overlaps the viewport, plus the overscan', () => {
    // Rows of 10 px; the viewport shows list pixels 25..55: rows 2 to 5.
    expect(visibleRows(100, 10, 25, 30, 0)).toEqual({ first: 2, last: 5 })
    expect(visibleRows(100, 10, 25, 30, 3)).toEqual({ first: 0, last: 8 })
  })

  it('leaves out a row that only touches an edge', () => {
    // 20..50: row 1 ends at 20, row 5 starts at 50.
    expect(visibleRows(100, 10, 20, 30, 0)).toEqual({ first: 2, last: 4 })
  })

  it('stays within the list', () => {
    expect(visibleRows(4, 10, 0, 500, 12)).toEqual({ first: 0, last: 3 })
    expect(visibleRows(4, 10, 900, 30, 0)).toEqual({ first: 3, last: 3 })
    expect(visibleRows(0, 10, 0, 30, 12).last).toBeLessThan(0)
  })

  it('finds the rows of a five-million-row list without walking it', () => {
    const { first, last } = visibleRows(5_000_000, 28, 28 * 4_999_990, 280, 0)
    expect([first, last]).toEqual([4_999_990, 4_999_999])
  })
})

describe('offsetToShowRow', () => {
  // 100 rows of 10 px in a 30 px viewport at offset 200: rows 20..22 shown.
  it('does not move for a row in view', () => {
    expect(offsetToShowRow(21, 100, 10, 200, 30)).toBe(200)
  })

  it('brings a row above to the top, a row below to the bottom', () => {
    expect(offsetToShowRow(5, 100, 10, 200, 30)).toBe(50)
    expect(offsetToShowRow(40, 100, 10, 200, 30)).toBe(380)
    // The row whose bottom is the viewport's bottom counts as below: it is aligned there.
    expect(offsetToShowRow(22, 100, 10, 200, 30)).toBe(200)
  })

  it('never scrolls past either end', () => {
    expect(offsetToShowRow(99, 100, 10, 0, 30)).toBe(970)
    expect(offsetToShowRow(0, 100, 10, 500, 30)).toBe(0)
    expect(offsetToShowRow(1, 2, 10, 0, 30)).toBe(0)
  })
})
