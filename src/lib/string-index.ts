import { FNV_OFFSET_BASIS, hashUnitPairs } from './hash'

/** Strings a `Map` holds before the index moves to its own table. */
export const MAP_STRINGS = 1 << 16

/**
 * The index of each distinct string in a list of strings.
 *
 * Up to `MAP_STRINGS` strings it is a `Map`, whose hash V8 computes natively: an ordinary dump
 * interns a few thousand names, and hashing them in JavaScript cost 2% more instructions. Past
 * that it moves to open addressing over a hash of the UTF-16 units, the hash kept beside each
 * slot so that a probe compares strings only when the hashes agree: a dump of a million
 * distinct stacks interns a million function names, and V8's map of that size cost about 1 µs
 * an insert (it rehashes as it grows and misses the cache on every probe), twice this table.
 *
 * The hash starts from a seed drawn per table, so a crafted input cannot know which of its
 * strings collide; indices do not depend on it, only the slots they sit in.
 */
export class StringIndex {
  private map: Map<string, number> | null = new Map()
  // Slot -> index + 1 into `strings` (0: empty), and that string's hash.
  private slots = new Int32Array(1024)
  private hashes = new Int32Array(1024)
  private count = 0
  private readonly seed = (FNV_OFFSET_BASIS ^ Math.floor(Math.random() * 0x7fffffff)) | 0

  /**
   * `strings`: the list the indices point into; `add` appends to it. `mapStrings`: how many
   * strings the `Map` holds before the table takes over.
   */
  constructor(
    private readonly strings: readonly string[],
    private readonly mapStrings = MAP_STRINGS,
  ) {}

  get size(): number {
    return this.count
  }

  /**
   * Whether the index keeps strings as its own keys (its `Map`): the list's strings must then
   * be their stored copies from the start. The table past it keeps only indices.
   */
  get keepsStrings(): boolean {
    return this.map !== null
  }

  /**
   * The index of the string equal to `s`, or, when there is none, the index `add(s)` returns
   * for it, remembered from then on.
   */
  intern(s: string, add: (s: string) => number): number {
    const map = this.map
    if (map !== null) {
      let index = map.get(s)
      if (index === undefined) {
        index = add(s)
        // Keyed by the stored copy: the string handed in may be a slice of a large chunk.
        map.set(this.strings[index], index)
        this.count++
        if (map.size > this.mapStrings) this.leaveMap(map)
      }
      return index
    }
    const h = hashUnitPairs(s, 0, s.length, this.seed) | 0
    const { slots, hashes, strings } = this
    const mask = slots.length - 1
    let slot = (h ^ (h >>> 15)) & mask
    for (let entry = slots[slot] - 1; entry >= 0; entry = slots[slot] - 1) {
      if (hashes[slot] === h && strings[entry] === s) return entry
      slot = (slot + 1) & mask
    }
    const index = add(s)
    slots[slot] = index + 1
    hashes[slot] = h
    if (++this.count * 2 > slots.length) this.grow()
    return index
  }

  /** Moves every string of the map into the table. */
  private leaveMap(map: Map<string, number>): void {
    this.map = null
    let size = this.slots.length
    while (map.size * 2 > size) size *= 2
    this.slots = new Int32Array(size)
    this.hashes = new Int32Array(size)
    for (const [s, index] of map)
      this.place(hashUnitPairs(s, 0, s.length, this.seed) | 0, index + 1)
  }

  private grow(): void {
    const { slots: oldSlots, hashes: oldHashes } = this
    this.slots = new Int32Array(oldSlots.length * 2)
    this.hashes = new Int32Array(oldSlots.length * 2)
    for (let from = 0; from < oldSlots.length; from++)
      if (oldSlots[from] !== 0) this.place(oldHashes[from], oldSlots[from])
  }

  /** Puts a slot's value (index + 1) with its hash in the first empty slot of its probe run. */
  private place(h: number, value: number): void {
    const { slots, hashes } = this
    const mask = slots.length - 1
    let slot = (h ^ (h >>> 15)) & mask
    while (slots[slot] !== 0) slot = (slot + 1) & mask
    slots[slot] = value
    hashes[slot] = h
  }
}
