import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { computeScrollScale, rowTop, scrollSpacePx } from '../scroll-scale'
import { offsetToShowRow, visibleRows } from './row-window'

export type RowWindow = {
  /** The rows to draw, each with its place in the scroll space. */
  rows: { index: number; top: number }[]
  /** The height of the element that makes the scroll space (scroll-scale.ts). */
  spacePx: number
  /** Scrolls as little as brings row `index` into view. */
  showRow(index: number): void
}

/**
 * The rows of a fixed-height list in the window of `scroller`, read from its scroll position
 * and height. Past what the browser lays out, the list scrolls through a scaled space
 * (scroll-scale.ts): a scroll pixel stands for `scale` list pixels.
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowPx: number,
  overscan: number,
): RowWindow {
  const [scrollTop, setScrollTop] = useState(0)
  const [viewportPx, setViewportPx] = useState(0)
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const read = () => {
      setScrollTop(element.scrollTop)
      setViewportPx(element.clientHeight)
    }
    read()
    element.addEventListener('scroll', read, { passive: true })
    const observer = new ResizeObserver(read)
    observer.observe(element)
    return () => {
      element.removeEventListener('scroll', read)
      observer.disconnect()
    }
  }, [scroller])
  const listPx = count * rowPx
  const scale = computeScrollScale(listPx, viewportPx)
  const offset = scrollTop * scale
  const { first, last } = visibleRows(count, rowPx, offset, viewportPx, overscan)
  const rows: RowWindow['rows'] = []
  for (let index = first; index <= last; index++) {
    rows.push({ index, top: rowTop(index * rowPx, offset, scale) })
  }
  // The same function from render to render, reading the latest list: showing a row is
  // asked for when the row changes, not when the list is measured again.
  const latest = useRef({ count, scale })
  latest.current = { count, scale }
  const showRow = useCallback(
    (index: number) => {
      const element = scroller.current
      const { count, scale } = latest.current
      if (!element || index < 0 || index >= count) return
      const offset = element.scrollTop * scale
      element.scrollTop = offsetToShowRow(index, count, rowPx, offset, element.clientHeight) / scale
    },
    [scroller, rowPx],
  )
  return { rows, spacePx: scrollSpacePx(listPx), showRow }
}
