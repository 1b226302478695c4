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

  it('leaves out a label no row has room for, never putting one over another', () => {
    const markers = [0, 1, 2, 3, 4].map((i) => marker(`m${i}`, 100 + i, `marker number ${i}`))
    // A sixth, past the end of the first row's label: its own label again.
    markers.push(marker('m5', 212, 'marker number 5'))
    const { rows, placed } = placeMarkerLabels(markers, 0, 1000, 1000, 3)
    expect(rows).toBe(3)
    // m3 and m4 sit a pixel from m0-m2, whose labels fill every row: no room, no label.
    expect(placed.has('m3')).toBe(false)
    expect(placed.has('m4')).toBe(false)
    expect(placed.get('m5')).toEqual({ row: 0, text: 'marker number 5', side: 'right' })
    const boxes = [...placed.entries()].map(([id, p]) => {
      const x = markers.find((m) => m.id === id)!.time
      const width = p.text.length * 7 + 6
      return {
        row: p.row,
        from: p.side === 'right' ? x : x - width,
        to: (p.side === 'right' ? x : x - width) + width,
      }
    })
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (a.row === b.row) expect(a.to <= b.from || b.to <= a.from).toBe(true)
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
