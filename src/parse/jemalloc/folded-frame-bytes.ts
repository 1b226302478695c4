import { flatString } from '../../lib/flat-string'
import type { IndexIntoFrameTable } from '../../model/types'

/**
 * Frame index by the frame's bytes, for lines whose chunk is ASCII (`RegionLine.bytes`): a
 * frame seen before is found by comparing its bytes with a copy kept here. Two million folded
 * lines hold 24 million frames of about 40 characters and name a few thousand: hashing and
 * comparing in a string's characters (`FrameTexts`) cost about 120 ns a frame, most of it
 * the comparison (`startsWith`), which a loop over two byte arrays does in a fraction.
 *
 * A frame is found from where it starts (`frameAt`): the search for the `;` that ends it reads
 * four bytes at a time, and those words make the hash, without a second pass over the bytes.
 * A word's highest byte reaches only the highest bits of the words' hash, so frames that
 * differ only there share at most 256 hashes: should a probe run long, the table hashes
 * every byte on its own from then on.
 */
export class FrameBytes {
  /** Every known frame's bytes, one after another. */
  private pool = new Uint8Array(1 << 14)
  private poolLength = 0
  private poolView = new DataView(this.pool.buffer)
  // Per entry: where its bytes lie in `pool`, its hash and its frame.
  private starts = new Int32Array(256)
  private lengths = new Int32Array(256)
  private hashes = new Int32Array(256)
  private values = new Int32Array(256)
  private count = 0
  // Slot -> entry + 1 (0: empty); at most half are taken.
  private slots = new Int32Array(1024)
  /** Where the frame last found by `frameAt` ends (its `;`, or the limit). */
  end = 0
  /** Every byte is hashed on its own (after a long probe run). */
  private full = false

  /** `resolve(text)`: the frame of a text seen for the first time. */
  constructor(private readonly resolve: (raw: string) => IndexIntoFrameTable) {}

  /**
   * The frame that starts at bytes[start]: its bytes up to the next `;` before `limit`, else
   * up to `limit`; where it ends is left in `end`. `view` reads the same bytes (`viewOf`);
   * `text` holds the same characters at the same offsets (the chunk decoded one character per
   * byte). A `;` makes a zero byte of `word ^ 0x3b3b3b3b`; the lowest such byte is the first
   * `;`, as little-endian reading puts the first byte lowest.
   */
  frameAt(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    limit: number,
    text: string,
  ): IndexIntoFrameTable {
    let h = HASH_SEED
    let at = start
    let stop = -1
    let tail = 0
    for (; at + 4 <= limit; at += 4) {
      const word = view.getInt32(at, true)
      const x = word ^ 0x3b3b3b3b
      const zero = (x - 0x01010101) & ~x & 0x80808080
      if (zero !== 0) {
        const before = (31 - Math.clz32(zero & -zero)) >>> 3
        stop = at + before
        // The bytes before the `;`, the lowest of the word.
        tail = before === 0 ? 0 : word & (0xffffffff >>> (32 - 8 * before))
        break
      }
      h = Math.imul(h ^ word, HASH_MULTIPLIER)
    }
    if (stop < 0) {
      stop = at
      for (let shift = 0; stop < limit && bytes[stop] !== 59; stop++, shift += 8)
        tail |= bytes[stop] << shift
    }
    this.end = stop
    const hash = this.full ? hashAll(bytes, start, stop) : finalHash(h, tail, stop - start)
    return this.lookUp(bytes, view, start, stop, hash, text)
  }

  /** Whether the table hashes every byte on its own now (for tests). */
  get hashesAll(): boolean {
    return this.full
  }

  private lookUp(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    hash: number,
    text: string,
  ): IndexIntoFrameTable {
    const length = end - start
    const slots = this.slots
    const mask = slots.length - 1
    let probes = 0
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] - 1
      if (entry < 0) return this.add(bytes, start, end, hash, text, slot)
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const poolView = this.poolView
        const at = this.starts[entry] - start
        let i = start
        while (i + 4 <= end && poolView.getInt32(at + i) === view.getInt32(i)) i += 4
        const pool = this.pool
        while (i < end && pool[at + i] === bytes[i]) i++
        if (i === end) return this.values[entry]
      }
      if (++probes === LONG_PROBE_RUN && !this.full) {
        this.full = true
        this.rehash(this.slots.length)
        return this.lookUp(bytes, view, start, end, hashAll(bytes, start, end), text)
      }
    }
  }

  private add(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    text: string,
    slot: number,
  ): IndexIntoFrameTable {
    // Flattened: the slice would otherwise keep the whole input chunk alive.
    const value = this.resolve(flatString(text.slice(start, end)))
    const length = end - start
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length))
      pool.set(this.pool.subarray(0, this.poolLength))
      this.pool = pool
      this.poolView = new DataView(pool.buffer)
    }
    this.pool.set(bytes.subarray(start, end), this.poolLength)
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts)
      this.lengths = grown(this.lengths)
      this.hashes = grown(this.hashes)
      this.values = grown(this.values)
    }
    const entry = this.count++
    this.starts[entry] = this.poolLength
    this.lengths[entry] = length
    this.hashes[entry] = hash
    this.values[entry] = value
    this.poolLength += length
    this.slots[slot] = entry + 1
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    return value
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size)
    const mask = size - 1
    for (let entry = 0; entry < this.count; entry++) {
      if (this.full) {
        const start = this.starts[entry]
        this.hashes[entry] = hashAll(this.pool, start, start + this.lengths[entry])
      }
      let slot = this.hashes[entry] & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    }
    this.slots = slots
  }
}

// A word is mixed in by a multiply, whose high bits are folded back down so that every byte
// of it reaches the low bits a slot is taken from.
const HASH_SEED = 0x811c9dc5
const HASH_MULTIPLIER = 0x9e3779b1

/**
 * The hash of a frame from the hash of its whole words, the bytes after them (`tail`, the
 * first lowest) and its length, mixed by murmur3's finaliser.
 */
function finalHash(words: number, tail: number, length: number): number {
  let h = Math.imul(words ^ tail, HASH_MULTIPLIER) ^ length
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** Probes after which the words' hash is given up (at most half the slots are taken). */
const LONG_PROBE_RUN = 32

/** FNV-1a over bytes[start, end). */
function hashAll(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return h ^ (h >>> 15)
}

/** A view of `bytes` for reading four at a time. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function grown(column: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(column.length * 2)
  out.set(column)
  return out
}
