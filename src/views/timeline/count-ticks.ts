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
