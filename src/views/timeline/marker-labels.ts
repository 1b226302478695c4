/**
 * Where each marker's label goes above a chart: on the first row where it overlaps no other
 * label, turned to the left of its line near the right edge, and, when the rows are full, as
 * its number (the whole label in its tooltip) where that fits, else not at all. Pure, so the placement is tested without a chart.
 */
export type MarkerLabelInput = { id: string; time: number; label: string }

export type PlacedMarkerLabel = {
  /** 0 is the row next to the plot; higher rows are further up. */
  row: number
  /** The text drawn: the label, or its number when no row had room. */
  text: string
  /** Which side of the line the text runs to. */
  side: 'right' | 'left'
}

/** Pixels per character of the 12 px label font: a generous average, so labels rarely touch. */
export const LABEL_CHAR_WIDTH = 7
/** Pixels between label rows. */
export const LABEL_ROW_HEIGHT = 14
const GAP = 6

/**
 * Places labels of the markers inside `[min, max]` over a plot `plotWidth` pixels wide, in at
 * most `maxRows` rows. Markers outside the range get no label (their line is not drawn either).
 */
export function placeMarkerLabels(
  markers: readonly MarkerLabelInput[],
  min: number,
  max: number,
  plotWidth: number,
  maxRows = 3,
): { rows: number; placed: Map<string, PlacedMarkerLabel> } {
  const inside = markers
    .filter((m) => m.time >= min && m.time <= max)
    .sort((a, b) => a.time - b.time || a.id.localeCompare(b.id))
  const span = Math.max(1, max - min)
  // Per row, the right end of the labels placed so far, left to right.
  const rowEnds: number[] = []
  const placed = new Map<string, PlacedMarkerLabel>()
  inside.forEach((m, i) => {
    const x = ((m.time - min) / span) * plotWidth
    const fit = (text: string) => {
      const width = text.length * LABEL_CHAR_WIDTH + GAP
      const side: 'right' | 'left' = x + width > plotWidth ? 'left' : 'right'
      const from = side === 'right' ? x : x - width
      return { side, from, to: from + width }
    }
    const whole = fit(m.label)
    for (let row = 0; row < maxRows; row++) {
      if ((rowEnds[row] ?? -Infinity) <= whole.from) {
        rowEnds[row] = whole.to
        placed.set(m.id, { row, text: m.label, side: whole.side })
        return
      }
    }
    // No room: the marker's number, on a row where it overlaps nothing; else no label at all
    // (the line stays, and the list below names it), never one over another.
    const numbered = fit(String(i + 1))
    for (let row = 0; row < maxRows; row++) {
      if ((rowEnds[row] ?? -Infinity) <= numbered.from) {
        rowEnds[row] = numbered.to
        placed.set(m.id, { row, text: String(i + 1), side: numbered.side })
        return
      }
    }
  })
  const rows = placed.size ? Math.max(...[...placed.values()].map((p) => p.row)) + 1 : 0
  return { rows, placed }
}
