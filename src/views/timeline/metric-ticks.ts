const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 })

/**
 * A metric axis's tick label, short (`7.5M`, `250K`) but exact for the round steps an axis
 * takes (1, 2, 2.5 and 5 times a power of ten): one decimal would label 0.25 as `0.3` and
 * 1.25M as `1.3M`, a figure the input never held.
 */
export function metricTickLabel(n: number): string {
  return compact.format(n)
}
