import { useSyncExternalStore } from 'react'

/** Whether a CSS media query matches, following changes (a resized window, a rotated screen). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    () => window.matchMedia(query).matches,
    () => false,
  )
}

/** Wide enough for the header's actions on one line. */
export const WIDE_HEADER = '(min-width: 1280px)'
