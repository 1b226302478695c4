/**
 * A map from fixed-length tuples of signed 32-bit integers to non-negative 32-bit integers,
 * held in typed arrays (open addressing, linear probing).
 *
 * The model's identities are tuples of indices: a stack node is (caller node, frame), a frame
 * is (function, file, line, module, kind). Keyed by a string or a packed number in a `Map`, a
 * million distinct frames cost a key string or a heap number each, plus the entry: about
 * 100 bytes apiece, and packing limits each part's range. Here an entry costs its integers.
 */
export class IntTupleMap {
  /**
   * Each slot is its value (EMPTY where none) followed by its `arity` integers: one probe
   * touches one cache line, where separate key and value arrays cost two misses.
   */
  private slots: Int32Array
  private readonly stride: number
  private mask: number
  private count = 0

  constructor(
    readonly arity: number,
    capacity = 1024,
  ) {
    let slots = 16
    while (slots < capacity * 2) slots *= 2
    this.stride = arity + 1
    this.slots = emptySlots(slots, this.stride)
    this.mask = slots - 1
  }

  get size(): number {
    return this.count
  }

  /** The value stored for the tuple in `key[0, arity)`, or -1. */
  get(key: ArrayLike<number>): number {
    // An empty slot holds EMPTY, which is -1.
    return this.slots[this.slotOf(key)]
  }

  /** Stores `value` (≥ 0) for the tuple in `key[0, arity)`. */
  set(key: ArrayLike<number>, value: number): void {
    checkValue(value)
    this.makeRoom()
    const at = this.slotOf(key)
    if (this.slots[at] === EMPTY) this.claim(at, key)
    this.slots[at] = value
  }

  /**
   * The value stored for the tuple, or, when there is none, stores `value` (≥ 0) and returns
   * it: one probe where `get` then `set` hashed and probed twice for every new tuple (a
   * million distinct stacks add a million).
   */
  getOrAdd(key: ArrayLike<number>, value: number): number {
    checkValue(value)
    this.makeRoom()
    const at = this.slotOf(key)
    const stored = this.slots[at]
    if (stored !== EMPTY) return stored
    this.claim(at, key)
    this.slots[at] = value
    return value
  }

  /** Where the tuple's slot starts (its value, then its integers), or the empty one it would take. */
  private slotOf(key: ArrayLike<number>): number {
    const { arity, stride, slots, mask } = this
    for (let slot = hashAt(key, 0, arity) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * stride
      if (slots[at] === EMPTY || equalAt(slots, at + 1, key, arity)) return at
    }
  }

  /** Writes the tuple into the empty slot at `at`; its value is the caller's to write. */
  private claim(at: number, key: ArrayLike<number>): void {
    for (let i = 0; i < this.arity; i++) this.slots[at + 1 + i] = key[i]
    this.count++
  }

  /** Grows the table before one more tuple would fill more than half of it. */
  private makeRoom(): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow()
  }

  private grow(): void {
    const { arity, stride, slots: old } = this
    const count = (this.mask + 1) * 2
    const slots = emptySlots(count, stride)
    const mask = count - 1
    for (let from = 0; from < old.length; from += stride) {
      if (old[from] === EMPTY) continue
      let slot = hashAt(old, from + 1, arity) & mask
      while (slots[slot * stride] !== EMPTY) slot = (slot + 1) & mask
      for (let i = 0; i < stride; i++) slots[slot * stride + i] = old[from + i]
    }
    this.slots = slots
    this.mask = mask
  }
}

// One native fill of the whole array (keys too, which nothing reads in an empty slot): a loop
// writing every stride-th value ran in the interpreter on tables of millions of slots.
function emptySlots(count: number, stride: number): Int32Array {
  return new Int32Array(count * stride).fill(EMPTY)
}

const EMPTY = -1

function checkValue(value: number): void {
  if (value < 0) throw new RangeError(`IntTupleMap values are non-negative, not ${value}`)
}

/** A 32-bit mix of `key[at, at + arity)` (murmur3's per-word step and finaliser). */
function hashAt(key: ArrayLike<number>, at: number, arity: number): number {
  let h = 0x9747b28c
  for (let i = 0; i < arity; i++) {
    let k = Math.imul(key[at + i], 0xcc9e2d51)
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593)
    h ^= k
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function equalAt(keys: Int32Array, at: number, key: ArrayLike<number>, arity: number): boolean {
  for (let i = 0; i < arity; i++) if (keys[at + i] !== key[i]) return false
  return true
}
