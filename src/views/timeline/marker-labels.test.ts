import { describe, expect, it } from 'vitest'
import { LABEL_CHAR_WIDTH, placeMarkerLabels } from './marker-labels'

const marker = (id: string, time: number, label: string) => ({ id, time, label })

describe('placeMarkerLabels', () => {
  it('keeps labels far apart on one row', () => {
    const { rows, placed } = placeMarkerLabels(
      [marker('a', 0, 'deploy'), marker('b', 500, 'alert')],
      0,
      1000,
      1000,
    )
    expect(rows).toBe(1)
    expect(placed.get('a')).toEqual({ row: 0, text: 'deploy', side: 'right' })
    expect(placed.get('b')).toEqual({ row: 0, text: 'alert', side: 'right' })
  })

  // Guards against the overlapping marker labels of issue 15.
  it('staggers labels that would overlap, and no two on a row overlap', () => {
    const markers = [
      marker('a', 100, 'deploy v2.3'),
      marker('b', 110, 'first alert'),
      marker('c', 120, 'rollback started'),
    ]
    const { rows, placed } = placeMarkerLabels(markers, 0, 1000, 1000)
    expect(rows).toBe(3)
    expect([...placed.values()].map((p) => p.row)).toEqual([0, 1, 2])
    expect([...placed.values()].every((p) => !/^\d+$/.test(p.text))).toBe(true)
  })

  it('falls back to numbers when the rows are full, in time order', () => {
    const markers = [0, 1, 2, 3, 4].map((i) => marker(`m${i}`, 100 + i, `marker number ${i}`))
    const { rows, placed } = placeMarkerLabels(markers, 0, 1000, 1000, 3)
    expect(rows).toBe(3)
    expect(placed.get('m3')!.text).toBe('4')
    expect(placed.get('m4')!.text).toBe('5')
  })

  it('turns a label near the right edge to the left of its line', () => {
    const { placed } = placeMarkerLabels([marker('a', 990, 'mitigated')], 0, 1000, 1000)
    expect(placed.get('a')!.side).toBe('left')
    // It ends at the line: inside the plot.
    expect(990 - 'mitigated'.length * LABEL_CHAR_WIDTH).toBeGreaterThan(0)
  })

  it('labels only the markers inside the range shown', () => {
    const { rows, placed } = placeMarkerLabels(
      [marker('a', -5, 'before'), marker('b', 50, 'inside'), marker('c', 2000, 'after')],
      0,
      1000,
      800,
    )
    expect([...placed.keys()]).toEqual(['b'])
    expect(rows).toBe(1)
  })
})
