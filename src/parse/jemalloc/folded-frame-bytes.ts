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
 * The words are kept as they are read, and each known frame is kept as its words too: comparing
 * them reads two `Int32Array`s, where reading the line's bytes and a copy of the frame's again
 * through `DataView`s cost about 65 more instructions a frame.
 * A word's highest byte reaches only the highest bits of the words' hash, so frames that
 * differ only there share at most 256 hashes: should a probe run long, the table hashes
 * every byte on its own from then on.
 */
export class FrameBytes {
  /** Every known frame's whole words (its first byte lowest), then its tail, frame after frame. */
  private pool = new Int32Array(1 << 12)
  private poolLength = 0
  // Per entry, side by side: its hash, its length in bytes, where it starts in `pool`, its frame.
  private entries = new Int32Array(256 * ENTRY)
  private count = 0
  // Slot -> entry + 1 (0: empty); at most half are taken.
  private slots = new Int32Array(1024)
  // The whole words of the frame being read.
  private readonly words = new Int32Array(WORDS_KEPT)
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
    const words = this.words
    let h = 0x811c9dc5
    let at = start
    // Whole words read; one stored past `words`' end is dropped (such a frame compares bytes).
    let n = 0
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
      words[n++] = word
      h = Math.imul(h ^ word, 0x9e3779b1)
    }
    if (stop < 0) {
      stop = at
      for (let shift = 0; stop < limit && bytes[stop] !== 59; stop++, shift += 8)
        tail |= bytes[stop] << shift
    }
    this.end = stop
    const hash = this.full ? hashAll(bytes, start, stop) : finalHash(h, tail, stop - start)
    return this.lookUp(bytes, start, stop, hash, tail, text)
  }

  /** Whether the table hashes every byte on its own now (for tests). */
  get hashesAll(): boolean {
    return this.full
  }

  private lookUp(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    tail: number,
    text: string,
  ): IndexIntoFrameTable {
    const length = end - start
    const n = length >>> 2
    const slots = this.slots
    const mask = slots.length - 1
    let probes = 0
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] - 1
      if (entry < 0) return this.add(bytes, start, end, hash, tail, text, slot)
      const e = entry * ENTRY
      const entries = this.entries
      if (entries[e] === hash && entries[e + 1] === length) {
        const pool = this.pool
        const at = entries[e + 2]
        if (n <= WORDS_KEPT) {
          const words = this.words
          let k = 0
          while (k < n && pool[at + k] === words[k]) k++
          if (k === n && pool[at + n] === tail) return entries[e + 3]
        } else if (this.poolHolds(at, bytes, start, length)) return entries[e + 3]
      }
      if (++probes === LONG_PROBE_RUN && !this.full) {
        this.full = true
        this.rehash(this.slots.length)
        return this.lookUp(bytes, start, end, hashAll(bytes, start, end), tail, text)
      }
    }
  }

  /** Whether the frame kept at pool[at, ...) is bytes[start, start + length). */
  private poolHolds(at: number, bytes: Uint8Array, start: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.poolByte(at, i) !== bytes[start + i]) return false
    return true
  }

  /** Byte `i` of the frame kept at pool[at, ...). */
  private poolByte(at: number, i: number): number {
    return (this.pool[at + (i >>> 2)] >>> ((i & 3) * 8)) & 0xff
  }

  private add(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    tail: number,
    text: string,
    slot: number,
  ): IndexIntoFrameTable {
    // Flattened: the slice would otherwise keep the whole input chunk alive.
    const value = this.resolve(flatString(text.slice(start, end)))
    const length = end - start
    const n = length >>> 2
    if (this.poolLength + n + 1 > this.pool.length)
      this.pool = grown(this.pool, this.poolLength + n + 1)
    const at = this.poolLength
    for (let k = 0, i = start; k < n; k++, i += 4)
      this.pool[at + k] =
        bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)
    this.pool[at + n] = tail
    this.poolLength += n + 1
    if ((this.count + 1) * ENTRY > this.entries.length)
      this.entries = grown(this.entries, (this.count + 1) * ENTRY)
    const e = this.count * ENTRY
    this.entries[e] = hash
    this.entries[e + 1] = length
    this.entries[e + 2] = at
    this.entries[e + 3] = value
    this.slots[slot] = ++this.count
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    return value
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size)
    const mask = size - 1
    const entries = this.entries
    for (let entry = 0; entry < this.count; entry++) {
      const e = entry * ENTRY
      if (this.full) entries[e] = this.pooledHashAll(entries[e + 2], entries[e + 1])
      let slot = entries[e] & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    }
    this.slots = slots
  }

  /** `hashAll` of the frame kept at pool[at, ...). */
  private pooledHashAll(at: number, length: number): number {
    let h = 0x811c9dc5
    for (let i = 0; i < length; i++) h = Math.imul(h ^ this.poolByte(at, i), 0x01000193)
    return h ^ (h >>> 15)
  }
}

/** Numbers an entry takes in `entries`. */
const ENTRY = 4
/** Whole words of a frame kept as it is read: frames of over 1 KB are compared byte by byte. */
const WORDS_KEPT = 256

// A word is mixed in by a multiply by 0x9e3779b1 (starting from FNV-1a's 0x811c9dc5), whose
// high bits are folded back down so that every byte of it reaches the low bits a slot is taken
// from. Both numbers are written where they are used: as module constants, outside the range
// of small integers, each use in the word loop loaded a boxed number from the module and
// unboxed it (about 108 instructions a frame).

/**
 * The hash of a frame from the hash of its whole words, the bytes after them (`tail`, the
 * first lowest) and its length, mixed by murmur3's finaliser.
 */
function finalHash(words: number, tail: number, length: number): number {
  let h = Math.imul(words ^ tail, 0x9e3779b1) ^ length
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

/** `column` copied into one of at least twice its length and at least `least`. */
function grown(column: Int32Array<ArrayBuffer>, least: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(column.length * 2, least))
  out.set(column)
  return out
}
