import { flatString } from '../../lib/flat-string'
import type { IndexIntoFrameTable } from '../../model/types'

/**
 * Frame index by the frame's bytes, for lines whose chunk is ASCII (`RegionLine.bytes`): a
 * frame seen before is found by comparing its bytes with a copy kept here. Two million folded
 * lines hold 24 million frames of about 40 characters and name a few thousand: hashing and
 * comparing in a string's characters (`FrameTexts`) cost about 120 ns a frame, most of it
 * the comparison (`startsWith`), which a loop over two byte arrays does in a fraction.
 *
 * As in `FrameTexts`, the hash reads a frame's length and some of its bytes (every fourth and
 * the last four), and a long probe run switches to hashing every byte.
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

  /** `resolve(text)`: the frame of a text seen for the first time. */
  constructor(private readonly resolve: (raw: string) => IndexIntoFrameTable) {}

  /** Every byte is hashed (after a long probe run). */
  private full = false

  /**
   * The frame of bytes[start, end); `view` reads the same bytes (`viewOf`), four at a time in
   * the comparison; `text` holds the same characters at the same offsets (the chunk decoded
   * one character per byte).
   */
  get(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    text: string,
  ): IndexIntoFrameTable {
    const hash = this.full ? hashAll(bytes, start, end) : hashSample(bytes, start, end)
    const length = end - start
    const slots = this.slots
    const mask = slots.length - 1
    let probes = 0
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
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
        return this.get(bytes, view, start, end, text)
      }
    }
  }

  /** Whether the table hashes every byte now (for tests). */
  get hashesAll(): boolean {
    return this.full
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
    const hash = this.full ? hashAll : hashSample
    for (let entry = 0; entry < this.count; entry++) {
      const start = this.starts[entry]
      const h = (this.hashes[entry] = hash(this.pool, start, start + this.lengths[entry]))
      let slot = (h ^ (h >>> 15)) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    }
    this.slots = slots
  }
}

/** A view of `bytes` for reading four at a time. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * Where the frame that starts at `start` ends: the next `;` before `limit`, else `limit`.
 * Four bytes are tested at a time (a `;` makes a zero byte of `word ^ 0x3b3b3b3b`; the lowest
 * such byte is the first `;`, as little-endian reading puts the first byte lowest).
 */
export function frameEnd(bytes: Uint8Array, view: DataView, start: number, limit: number): number {
  let at = start
  for (; at + 4 <= limit; at += 4) {
    const x = view.getInt32(at, true) ^ 0x3b3b3b3b
    const zero = (x - 0x01010101) & ~x & 0x80808080
    if (zero !== 0) return at + ((31 - Math.clz32(zero & -zero)) >>> 3)
  }
  while (at < limit && bytes[at] !== 59) at++
  return at
}

/** Probes after which the sampled hash is given up (at most half the slots are taken). */
const LONG_PROBE_RUN = 32

/** FNV-1a over bytes[start, end). */
function hashAll(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return h
}

/** FNV-1a over the length, every fourth byte and the last four of bytes[start, end). */
function hashSample(bytes: Uint8Array, start: number, end: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193)
  for (let i = start; i < end - 4; i += 4) h = Math.imul(h ^ bytes[i], 0x01000193)
  for (let i = Math.max(start, end - 4); i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return h
}

function grown(column: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(column.length * 2)
  out.set(column)
  return out
}
