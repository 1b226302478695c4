import { flatString } from '../../lib/flat-string'
import { hashUnitPairs } from '../../lib/hash'
import type { GoroutineHeader } from './go-lines'

/** What a goroutine header says after its id: shared by many goroutines of a dump. */
export type HeaderTail = Omit<GoroutineHeader, 'id'>

/** Tails remembered before the memo starts over: a dump has a few hundred distinct ones. */
const MAX_TAILS = 4096

/**
 * Goroutine headers read before, by their text after the id (` [semacquire, 12 minutes]:`):
 * a header whose tail comes again is read by comparing that text where it lies in the chunk,
 * without a slice or a parse. The wait's minutes change the tail from one goroutine to the
 * next, so the last one alone would rarely match.
 */
export class HeaderTails {
  private readonly byHash = new Map<number, { text: string; tail: HeaderTail }>()

  /** What `source[start, end)` was remembered as, or null. */
  find(source: string, start: number, end: number): HeaderTail | null {
    const entry = this.byHash.get(hashUnitPairs(source, start, end) | 0)
    // A slice compared whole: V8 runs `startsWith` character by character.
    if (entry === undefined || source.slice(start, end) !== entry.text) return null
    return entry.tail
  }

  /** Remembers that a header ending in `text` has `tail`. */
  remember(text: string, tail: HeaderTail): void {
    if (this.byHash.size >= MAX_TAILS) this.byHash.clear()
    this.byHash.set(hashUnitPairs(text, 0, text.length) | 0, { text: flatString(text), tail })
  }
}
