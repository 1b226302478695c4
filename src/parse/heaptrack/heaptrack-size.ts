/**
 * heaptrack_print's byte sizes (`heaptrack_print.cpp` `formatBytes`): 1000-based, plain
 * integers below 1000 bytes (`850B`), else two decimals and the unit's first letter (`1.14K`,
 * `80.41K`, `4.20M`); with a column width the unit is two letters (`KB`, `MB`).
 */
const UNITS = ['B', 'K', 'M', 'G', 'T']

/** Formats bytes the way heaptrack_print does without a column width. */
export function formatHeaptrackBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (unit < UNITS.length - 1 && Math.abs(value) > 1000) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes}B` : `${value.toFixed(2)}${UNITS[unit]}`
}

const SIZE = /^(-?[\d.]+)([BKMGT])B?$/

/** Parses a heaptrack_print size (`1.14K` -> 1140); NaN when it is not one. Rounded input. */
export function parseHeaptrackBytes(text: string): number {
  const m = SIZE.exec(text)
  if (!m) return NaN
  return Math.round(Number(m[1]) * 1000 ** UNITS.indexOf(m[2]))
}
