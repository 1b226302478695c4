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
  /** `arity` integers per slot. */
  private keys: Int32Array
  /** The value of each slot; EMPTY where none. */
  private values: Int32Array
  private mask: number
  private count = 0

  constructor(
    readonly arity: number,
    capacity = 1024,
  ) {
    let slots = 16
    while (slots < capacity * 2) slots *= 2
    this.keys = new Int32Array(slots * arity)
    this.values = new Int32Array(slots).fill(EMPTY)
    this.mask = slots - 1
  }

  get size(): number {
    return this.count
  }

  /** The value stored for the tuple in `key[0, arity)`, or -1. */
  get(key: ArrayLike<number>): number {
    const { arity, keys, values, mask } = this
    for (let slot = hashTuple(key, arity) & mask; ; slot = (slot + 1) & mask) {
      const value = values[slot]
      if (value === EMPTY) return -1
      if (equalAt(keys, slot * arity, key, arity)) return value
    }
  }

  /** Stores `value` (≥ 0) for the tuple in `key[0, arity)`. */
  set(key: ArrayLike<number>, value: number): void {
    if (value < 0) throw new RangeError(`IntTupleMap values are non-negative, not ${value}`)
    if ((this.count + 1) * 2 > this.values.length) this.grow()
    const { arity, keys, values, mask } = this
    for (let slot = hashTuple(key, arity) & mask; ; slot = (slot + 1) & mask) {
      if (values[slot] === EMPTY) {
        for (let i = 0; i < arity; i++) keys[slot * arity + i] = key[i]
        values[slot] = value
        this.count++
        return
      }
      if (equalAt(keys, slot * arity, key, arity)) {
        values[slot] = value
        return
      }
    }
  }

  private grow(): void {
    const { arity, keys: oldKeys, values: oldValues } = this
    const slots = oldValues.length * 2
    const keys = new Int32Array(slots * arity)
    const values = new Int32Array(slots).fill(EMPTY)
    const mask = slots - 1
    for (let from = 0; from < oldValues.length; from++) {
      if (oldValues[from] === EMPTY) continue
      const at = from * arity
      let slot = hashAt(oldKeys, at, arity) & mask
      while (values[slot] !== EMPTY) slot = (slot + 1) & mask
      for (let i = 0; i < arity; i++) keys[slot * arity + i] = oldKeys[at + i]
      values[slot] = oldValues[from]
    }
    this.keys = keys
    this.values = values
    this.mask = mask
  }
}

const EMPTY = -1

function hashTuple(key: ArrayLike<number>, arity: number): number {
  return hashAt(key, 0, arity)
}

/** A 32-bit mix of `key[at, at + arity)` (murmur3's per-word step and finaliser). */
function hashAt(key: ArrayLike<number>, at: number, arity: number): number {
  let h = 0x9747b28c
  for (let i = 0; i < arity; i++) {
    let k = Math.imul(key[at + i], 0xcc9e2d51)
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593)
    h ^= k
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64
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
