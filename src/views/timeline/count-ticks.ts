/** Below this many, a count axis shows every whole number from 0. */
const FEW = 4

/**
 * Ticks for an axis of counts whose largest value is `max`: every whole number from 0 while
 * there are few, so a lone segfault reads 0-1 rather than recharts' 0-4; null to let the chart
 * choose for larger counts.
 */
export function countAxisTicks(max: number): number[] | null {
  if (max > FEW) return null
  return Array.from({ length: Math.max(1, Math.ceil(max)) + 1 }, (_, i) => i)
}

/** A value axis's props for ticks chosen here: those ticks, from 0 to the last; none for null. */
export function axisTicks(ticks: number[] | null): { ticks?: number[]; domain?: [number, number] } {
  return ticks ? { ticks, domain: [0, ticks[ticks.length - 1]] } : {}
}
