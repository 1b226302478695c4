import { IntegerSet } from '../lib/integer-set'

/**
 * The goroutine or thread ids one dump has printed, to tell where a second dump begins.
 *
 * Go prints goroutines in the order it made them, so mostly by ascending id, after the one that
 * crashed: the ids of the current ascending run are kept in order in one array, where an id
 * above the last is new without a look-up and any other is found by binary search. An id out of
 * order moves the run to an `IntegerSet` and starts a new run, so each id enters the set at most
 * once. Kept in that set from the start, a million ids cost a cache miss each, most of
 * splitting a dump of a million distinct stacks; a dump that opens with its crashing goroutine
 * (an id above the rest) put every id there.
 */
export class DumpIds {
  // The current run: ascending ids, `count` of them.
  private run = new Float64Array(16)
  private count = 0
  // The ids of the runs before, or null while there was none.
  private set: IntegerSet | null = null

  has(id: number): boolean {
    return this.inRun(id) || (this.set !== null && this.set.has(id))
  }

  /** Adds an integer; throws for a number that is not one, as `IntegerSet` does. */
  add(id: number): void {
    if (!Number.isInteger(id)) throw new RangeError(`DumpIds holds integers, not ${id}`)
    let run = this.run
    const n = this.count
    if (n > 0 && id <= run[n - 1]) {
      if (this.has(id)) return
      // Out of order: the run so far joins the set, and a new one starts with this id.
      const set = (this.set ??= new IntegerSet(n + 1))
      for (let k = 0; k < n; k++) set.add(run[k])
      run[0] = id
      this.count = 1
      return
    }
    if (this.set !== null && this.set.has(id)) return
    if (n === run.length) {
      const grown = new Float64Array(n * 2)
      grown.set(run)
      this.run = run = grown
    }
    run[n] = id
    this.count = n + 1
  }

  /** Whether the current run holds `id`. */
  private inRun(id: number): boolean {
    const run = this.run
    const n = this.count
    if (n === 0 || id > run[n - 1]) return false
    // The last index whose id is at most `id`.
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (run[mid] <= id) lo = mid
      else hi = mid - 1
    }
    return run[lo] === id
  }
}
