import { elementScroll, observeElementOffset, type Virtualizer } from '@tanstack/react-virtual'

/**
 * A virtualizer's reading and writing of its element's scroll through `scale` list pixels a
 * scroll pixel (scroll-scale.ts): the virtualizer works in list pixels, the element scrolls
 * through a space the browser can lay out.
 */
export function scaledScrollOptions(scale: { readonly current: number }) {
  return {
    observeElementOffset: (
      instance: Virtualizer<HTMLDivElement, Element>,
      report: (offset: number, scrolling: boolean) => void,
    ) =>
      observeElementOffset(instance, (offset, scrolling) =>
        report(offset * scale.current, scrolling),
      ),
    scrollToFn: (
      offset: number,
      options: Parameters<typeof elementScroll>[1],
      instance: Virtualizer<HTMLDivElement, Element>,
    ) =>
      elementScroll(
        offset / scale.current,
        { ...options, adjustments: (options.adjustments ?? 0) / scale.current },
        instance,
      ),
  }
}
