import { flatString } from '../../lib/flat-string'
import { FNV_OFFSET_BASIS, fnvStep, hashUnitPairs } from '../../lib/hash'
import { ByteWords } from './byte-words'
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
  private readonly byHash = new Map<number, { text: string; bytes: ByteWords; tail: HeaderTail }>()
  /** What the tail `endAt` found was remembered as. */
  found: HeaderTail | null = null

  /** What `source[start, end)` was remembered as, or null. */
  find(source: string, start: number, end: number): HeaderTail | null {
    const entry = this.byHash.get(hashUnitPairs(source, start, end) | 0)
    // A slice compared whole: V8 runs `startsWith` character by character.
    if (entry === undefined || source.slice(start, end) !== entry.text) return null
    return entry.tail
  }

  /**
   * Where the line whose tail starts at `start` in `bytes` (read by `view`) ends, its `\n`
   * before `limit`, when that tail was remembered (its HeaderTail then in `found`); else -1.
   * The search for the `\n` is the hash's own pass: a lane of a pair XORed with `\n` is zero
   * where one is, and a lane minus one sets its top bit only when it was zero.
   */
  endAt(bytes: Uint8Array, view: DataView, start: number, limit: number): number {
    let h = FNV_OFFSET_BASIS
    let i = start
    for (; i + 1 < limit; i += 2) {
      const pair = bytes[i] | (bytes[i + 1] << 16)
      const n = pair ^ 0xa000a
      if (((n - 0x10001) & ~n & 0x80008000) !== 0) break
      h = fnvStep(h, pair)
    }
    if (i >= limit) return -1
    let end = i
    if (bytes[i] !== 10) {
      if (i + 1 >= limit) return -1
      h = fnvStep(h, bytes[i])
      end = i + 1
    }
    const entry = this.byHash.get(h | 0)
    if (entry === undefined) return -1
    const words = entry.bytes
    if (words.length !== end - start || !words.isAt(view, bytes, start)) return -1
    this.found = entry.tail
    return end
  }

  /** Remembers that a header ending in `text` has `tail`. */
  remember(text: string, tail: HeaderTail): void {
    if (this.byHash.size >= MAX_TAILS) this.byHash.clear()
    const flat = flatString(text)
    this.byHash.set(hashUnitPairs(text, 0, text.length) | 0, {
      text: flat,
      bytes: new ByteWords(flat),
      tail,
    })
  }
}
