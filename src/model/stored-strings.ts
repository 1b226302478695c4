import { flatString } from '../lib/flat-string'

/** Strings added `later` that are copied together. */
const BATCH = 4096

/**
 * The model's string table, each string kept as a copy that shares no memory with the input
 * chunk it was sliced from (see `flatString`). Copied one at a time, a million distinct
 * function names made a million arrays of their units (0.2 s, and their garbage); added
 * `later`, they are copied by the thousand, joined into one string and sliced back out of it,
 * so that each keeps only its batch alive.
 */
export class StoredStrings {
  readonly list: string[] = []
  // Strings from here on are still the ones handed in.
  private pendingFrom = 0

  /** Adds a copy of `s` at once, for a caller that keeps the stored string itself. */
  addNow(s: string): number {
    if (this.pendingFrom < this.list.length) this.copyPending()
    const index = this.list.push(flatString(s)) - 1
    this.pendingFrom = this.list.length
    return index
  }

  /** Adds `s`, copied with the next batch: until then `list` holds `s` itself. */
  addLater(s: string): number {
    const index = this.list.push(s) - 1
    if (this.list.length - this.pendingFrom >= BATCH) this.copyPending()
    return index
  }

  /** Replaces every string added `later` by its copy. */
  copyPending(): void {
    const list = this.list
    const from = this.pendingFrom
    this.pendingFrom = list.length
    if (from === list.length - 1) list[from] = flatString(list[from])
    if (from >= list.length - 1) return
    // Joined with separators, several texts always make a new string: V8 hands back a lone
    // string as it is.
    const joined = list.slice(from).join('\n')
    let at = 0
    for (let k = from; k < list.length; k++) {
      const end = at + list[k].length
      list[k] = joined.slice(at, end)
      at = end + 1
    }
  }
}
