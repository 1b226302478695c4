/**
 * Groups numbered 0..n-1 in ranking order: largest `count` first, then largest `bytes`, then
 * the crashing group (so it is never hidden below equals), then by number (input order).
 *
 * Where bytes and the crash mark are the same for every group and counts are small whole
 * numbers, as for folded stacks (two million groups, counts 1-50), the groups are placed by
 * counting: a comparison sort of two million groups cost about a second in the tab.
 */
export function rankOrder(
  count: Float64Array,
  bytes: Float64Array,
  crashed: Uint8Array,
): Int32Array {
  const n = count.length
  const order = new Int32Array(n)
  const largest = n > 0 ? countsToPlace(count, bytes, crashed) : -1
  if (largest >= 0) {
    // Where each count's run starts, largest count first; groups enter in number order.
    const next = new Int32Array(largest + 1)
    for (let g = 0; g < n; g++) next[count[g]]++
    for (let c = largest, at = 0; c >= 0; c--) {
      const size = next[c]
      next[c] = at
      at += size
    }
    for (let g = 0; g < n; g++) order[next[count[g]]++] = g
    return order
  }
  for (let g = 0; g < n; g++) order[g] = g
  const before = (a: number, b: number) =>
    count[b] - count[a] || bytes[b] - bytes[a] || crashed[b] - crashed[a] || a - b
  // Groups of equal weight, as a million distinct stacks make, are ranked already: checking
  // costs one comparison a group, where the sort made twenty.
  let ranked = true
  for (let g = 1; g < n && ranked; g++) ranked = before(g - 1, g) < 0
  return ranked ? order : order.sort(before)
}

/** Counting sorts runs of at most this many counts: a small array against the groups. */
const MAX_PLACED_COUNT = 1 << 20

/**
 * The largest count when counting orders the groups (every count a whole number from 0 to
 * MAX_PLACED_COUNT, bytes and crash marks all equal), else -1.
 */
function countsToPlace(count: Float64Array, bytes: Float64Array, crashed: Uint8Array): number {
  let largest = 0
  const b = bytes[0]
  const c = crashed[0]
  for (let g = 0; g < count.length; g++) {
    const k = count[g]
    if (!(Number.isInteger(k) && k >= 0 && k <= MAX_PLACED_COUNT)) return -1
    if (bytes[g] !== b || crashed[g] !== c) return -1
    if (k > largest) largest = k
  }
  return largest
}

/**
 * The counts summed in `order` (largest first, as `getGroupsTotal` sums them). Counts that are
 * all whole and not negative, with a sum a double holds exactly, make that sum in any order:
 * they are added in group order, where reading two million counts by rank (placed by counting,
 * a cache miss each) took several times as long.
 */
export function rankedTotal(count: Float64Array, order: Int32Array): number {
  let sum = 0
  let whole = true
  for (let g = 0; g < count.length; g++) {
    const c = count[g]
    sum += c
    if (!(Number.isInteger(c) && c >= 0)) whole = false
  }
  if (whole && sum <= Number.MAX_SAFE_INTEGER) return sum
  let total = 0
  for (let rank = 0; rank < order.length; rank++) total += count[order[rank]]
  return total
}
