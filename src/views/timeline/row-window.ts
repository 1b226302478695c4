/**
 * The rows of a list whose rows all have one height that stand in or near its viewport, and
 * where to scroll to bring one into view. Arithmetic on the index: a general virtualizer
 * measures every row first, five million of them for a five-million-line log.
 */

/** Rows `first..last` (inclusive) to draw; `last < first` when there are none. */
export type RowRange = { first: number; last: number }

/**
 * The rows that overlap [offset, offset + viewportPx) in list pixels, widened by `overscan`
 * rows each way, within the list.
 */
export function visibleRows(
  count: number,
  rowPx: number,
  offset: number,
  viewportPx: number,
  overscan: number,
): RowRange {
  if (count === 0) return { first: 0, last: -1 }
  const top = Math.min(count - 1, Math.max(0, Math.floor(offset / rowPx)))
  const bottom = Math.max(top, Math.min(count - 1, Math.ceil((offset + viewportPx) / rowPx) - 1))
  return { first: Math.max(0, top - overscan), last: Math.min(count - 1, bottom + overscan) }
}

/**
 * The list offset that brings row `index` into view with the least movement: unchanged when
 * it is in view already, its top at the viewport's top when it lies above, its bottom at the
 * viewport's bottom when it lies below (or reaches the bottom edge).
 */
export function offsetToShowRow(
  index: number,
  count: number,
  rowPx: number,
  offset: number,
  viewportPx: number,
): number {
  const maxOffset = Math.max(0, count * rowPx - viewportPx)
  const start = index * rowPx
  const end = start + rowPx
  let to: number
  if (end >= offset + viewportPx) to = end - viewportPx
  else if (start <= offset) to = start
  else return offset
  return Math.max(0, Math.min(maxOffset, to))
}
