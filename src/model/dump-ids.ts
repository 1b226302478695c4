import { IntegerSet } from '../lib/integer-set'

/**
 * The goroutine or thread ids one dump has printed, to tell where a second dump begins.
 *
 * Go prints goroutines in the order it made them, so mostly by ascending id: while each id
 * added is above the last, the ids are kept in order in one array, an id above the last is
 * new without a look-up, and any other is found by binary search. The first id out of order
 * moves them all to an `IntegerSet`. Kept in that set from the start, a million ids cost a
 * cache miss each, most of splitting a dump of a million distinct stacks.
 */
export class DumpIds {
  // While every id came in ascending order: the ids, in order; else null, and `set` has them.
  private sorted: Float64Array | null = new Float64Array(16)
  private count = 0
  private set: IntegerSet | null = null

  has(id: number): boolean {
    const sorted = this.sorted
    if (sorted === null) return this.set!.has(id)
    const n = this.count
    if (n === 0 || id > sorted[n - 1]) return false
    // The last index whose id is at most `id`.
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (sorted[mid] <= id) lo = mid
      else hi = mid - 1
    }
    return sorted[lo] === id
  }

  /** Adds an integer; throws for a number that is not one, as `IntegerSet` does. */
  add(id: number): void {
    let sorted = this.sorted
    if (sorted === null) return this.set!.add(id)
    if (!Number.isInteger(id)) throw new RangeError(`DumpIds holds integers, not ${id}`)
    const n = this.count
    if (n === 0 || id > sorted[n - 1]) {
      if (n === sorted.length) {
        const grown = new Float64Array(n * 2)
        grown.set(sorted)
        this.sorted = sorted = grown
      }
      sorted[n] = id
      this.count = n + 1
      return
    }
    if (this.has(id)) return
    const set = new IntegerSet(n + 1)
    for (let k = 0; k < n; k++) set.add(sorted[k])
    set.add(id)
    this.set = set
    this.sorted = null
  }
}
