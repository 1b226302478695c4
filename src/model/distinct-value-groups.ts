/**
 * Records grouped by a column whose every value is its own key (a stack node, in lines mode),
 * groups numbered in order of their first record: each record's group, and each group's value.
 *
 * A value above every value before it starts a group, and one seen before is found by a binary
 * search of those: a folded file's records each end in a node newer than the last record's, so
 * two million records make two million groups without a table as long as the column's values
 * run (16 million stack nodes: 65 MB allocated and filled on the page before the table drew).
 * Values first seen below one before them are kept in a map; should many be, the table is used.
 */
export function groupByDistinctValues(
  column: Int32Array,
  /** Values run from -1 to `valueCount - 1`. */
  valueCount: number,
): { values: Int32Array; groupOfRecord: Int32Array } {
  const n = column.length
  const groupOfRecord = new Int32Array(n)
  const values = new Int32Array(n)
  let groups = 0
  // The values that rose above all before them, in order, and the group of each.
  const rising = new Int32Array(n)
  const risingGroup = new Int32Array(n)
  let risen = 0
  let late: Map<number, number> | null = null
  for (let i = 0; i < n; i++) {
    const v = column[i]
    let g: number
    if (risen === 0 || v > rising[risen - 1]) {
      g = groups++
      values[g] = v
      rising[risen] = v
      risingGroup[risen++] = g
    } else if (v === column[i - 1]) {
      g = groupOfRecord[i - 1]
    } else {
      const at = indexOfSorted(rising, risen, v)
      if (at >= 0) g = risingGroup[at]
      else {
        late ??= new Map()
        g = late.get(v) ?? -1
        if (g < 0) {
          if (late.size === MAX_LATE) return groupByTable(column, valueCount)
          g = groups++
          values[g] = v
          late.set(v, g)
        }
      }
    }
    groupOfRecord[i] = g
  }
  return { values: values.subarray(0, groups), groupOfRecord }
}

/**
 * Out-of-order values kept in a map before the table is used instead: two million folded lines
 * bring about 100,000, the lines of four frames, most of whose stacks are another line's start.
 */
const MAX_LATE = 1 << 18

/** Where `v` is in sorted[0, length), or -1. */
function indexOfSorted(sorted: Int32Array, length: number, v: number): number {
  let lo = 0
  let hi = length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const x = sorted[mid]
    if (x < v) lo = mid + 1
    else if (x > v) hi = mid - 1
    else return mid
  }
  return -1
}

/** `groupByDistinctValues` through a table of each value's group. */
function groupByTable(
  column: Int32Array,
  valueCount: number,
): { values: Int32Array; groupOfRecord: Int32Array } {
  const n = column.length
  const groupOfRecord = new Int32Array(n)
  const values = new Int32Array(n)
  let groups = 0
  // By value + 1 (-1 is a value): the group + 1, or 0 before the value's first record.
  const groupOfValue = new Int32Array(valueCount + 1)
  for (let i = 0; i < n; i++) {
    const v = column[i]
    let g = groupOfValue[v + 1] - 1
    if (g < 0) {
      g = groups++
      values[g] = v
      groupOfValue[v + 1] = g + 1
    }
    groupOfRecord[i] = g
  }
  return { values: values.subarray(0, groups), groupOfRecord }
}
