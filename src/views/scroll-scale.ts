/**
 * Browsers lay out an element only up to a height: Chromium's layout units stop near
 * 33.5 million CSS pixels (2^25), Firefox's near 17.9 million. At 48 px a row, past about
 * 700,000 groups the table's rows would lie below the end of its scroll space, out of reach;
 * at 28 px an event, past 1.2 million events (five million log lines reached 05:29 of 22:54).
 * Taller tables scroll through a space of `MAX_SCROLL_PX` whose every pixel stands for
 * `scale` pixels of the table: the top and the bottom of both still meet.
 */
export const MAX_SCROLL_PX = 15_000_000

/**
 * How many table pixels one pixel of scroll stands for: 1 while the table fits in `max`;
 * otherwise chosen so that the last scroll position shows the last rows.
 */
export function computeScrollScale(
  tablePx: number,
  viewportPx: number,
  max: number = MAX_SCROLL_PX,
): number {
  if (tablePx <= max || viewportPx >= max) return 1
  return (tablePx - viewportPx) / (max - viewportPx)
}

/** The height of the element that makes the scroll space. */
export function scrollSpacePx(tablePx: number, max: number = MAX_SCROLL_PX): number {
  return Math.min(tablePx, max)
}

/**
 * Where a row starting at `rowStart` (table pixels) is placed in the scroll space, given the
 * table offset at the top of the viewport: rows on screen keep their table distances from it.
 */
export function rowTop(rowStart: number, tableOffset: number, scale: number): number {
  return rowStart - tableOffset + tableOffset / scale
}
