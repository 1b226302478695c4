import { FNV_OFFSET_BASIS, fnvStep } from '../../lib/hash'

/**
 * A constant text kept as its bytes in little-endian 32-bit words, to be compared with a
 * chunk's bytes (one character a byte) four at a time through a DataView. Comparing a slice
 * of the chunk's string with the text instead made a sliced string each time, which V8 then
 * compared through its runtime (`String::SlowEquals`), and left it to the scavenger.
 */
export class ByteWords {
  readonly length: number
  private readonly words: Int32Array
  /** The text's last four bytes as a word: read where they lie, so no word is masked. */
  private readonly lastWord: number
  /** A character past 0xff: no chunk of bytes holds the text. */
  private readonly unmatchable: boolean

  constructor(text: string) {
    const n = text.length
    this.length = n
    this.words = new Int32Array((n + 3) >> 2)
    let unmatchable = false
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c > 0xff) unmatchable = true
      this.words[i >> 2] |= (c & 0xff) << ((i & 3) << 3)
    }
    this.unmatchable = unmatchable
    let last = 0
    for (let i = Math.max(0, n - 4); i < n; i++)
      last |= (text.charCodeAt(i) & 0xff) << ((i - (n - 4)) << 3)
    this.lastWord = last
  }

  /**
   * Whether the text lies at `at` in `bytes`, which `view` reads (`viewOf`); the caller has
   * checked that `at + length` is within them.
   */
  isAt(view: DataView, bytes: Uint8Array, at: number): boolean {
    if (this.unmatchable) return false
    const n = this.length
    const words = this.words
    if (n < 4) {
      const word = words[0]
      for (let i = 0; i < n; i++) if (bytes[at + i] !== ((word >>> (i << 3)) & 0xff)) return false
      return true
    }
    const whole = n >> 2
    for (let k = 0; k < whole; k++)
      if (view.getInt32(at + (k << 2), true) !== words[k]) return false
    return (n & 3) === 0 || view.getInt32(at + n - 4, true) === this.lastWord
  }
}

// The bytes last viewed: the lines of one chunk share a view.
let viewedBytes: Uint8Array | null = null
let view: DataView = new DataView(new ArrayBuffer(0))

/** A DataView of `bytes`, the one made for them last time when it is the same array. */
export function viewOf(bytes: Uint8Array): DataView {
  if (bytes !== viewedBytes) {
    viewedBytes = bytes
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  return view
}

/** Whether an Int32Array reads its bytes little-end first, as every common platform does. */
const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1

// The bytes whose words were asked for last: the lines of one chunk share an array.
let wordedBytes: Uint8Array | null = null
let wordArray: Int32Array = new Int32Array(0)

/**
 * The 32-bit words of the buffer under `bytes`, from the buffer's start as far as whole words
 * go (aligned, as an Int32Array must be), the array made last time when it is for the same.
 */
export function wordsOf(bytes: Uint8Array): Int32Array {
  if (bytes !== wordedBytes) {
    wordedBytes = bytes
    wordArray = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2)
  }
  return wordArray
}

/** What `hashArgWords` returns for arguments holding a `(`: no 32-bit hash is a fraction. */
export const HOLDS_PAREN = 0.5

/**
 * The hashUnitPairs hash of `bytes[start, end)` read as one character a byte, or HOLDS_PAREN
 * when a `(` lies there (as LineMemo.hashArgBytes tells). Pairs are taken four bytes at a time
 * from `words` (`wordsOf(bytes)`): one aligned element, where two pairs were four bytes read
 * one by one. The pairs start at `start`, so on an odd boundary each word's first byte ends
 * the pair whose first byte ended the word before. A byte is `(` when it is zero XORed with
 * 0x28, and `(v - 0x01010101) & ~v & 0x80808080` is not zero exactly when a byte of v is.
 */
export function hashArgWords(
  bytes: Uint8Array,
  words: Int32Array,
  start: number,
  end: number,
): number {
  const offset = bytes.byteOffset
  let zeros = 0
  let h = FNV_OFFSET_BASIS
  let i = start
  // Pairs one by one up to a word's boundary (even start) or the byte before one (odd).
  const stop = ((offset + start) & 1) === 0 ? 0 : 3
  while (i + 1 < end && ((offset + i) & 3) !== stop) {
    const pair = bytes[i] | (bytes[i + 1] << 16)
    const x = pair ^ 0x280028
    zeros |= (x - 0x10001) & ~x
    h = fnvStep(h, pair)
    i += 2
  }
  if (!LITTLE_ENDIAN) {
    // Pairs one by one below.
  } else if (stop === 0) {
    for (let w = (offset + i) >> 2; i + 4 <= end; i += 4, w++) {
      const word = words[w]
      const x = word ^ 0x28282828
      zeros |= (x - 0x01010101) & ~x
      h = fnvStep(h, (word & 0xff) | ((word & 0xff00) << 8))
      h = fnvStep(h, ((word >>> 16) & 0xff) | ((word >>> 8) & 0xff0000))
    }
  } else if (i + 5 <= end) {
    // The byte at i ends a word: each next word holds the rest of its pair, a whole pair,
    // and the first byte of the pair after.
    let carry = bytes[i]
    if (carry === 40 /* ( */) return HOLDS_PAREN
    for (let w = (offset + i + 1) >> 2; i + 5 <= end; i += 4, w++) {
      const word = words[w]
      const x = word ^ 0x28282828
      zeros |= (x - 0x01010101) & ~x
      h = fnvStep(h, carry | ((word & 0xff) << 16))
      h = fnvStep(h, ((word >>> 8) & 0xff) | (word & 0xff0000))
      carry = word >>> 24
    }
  }
  if ((zeros & 0x80808080) !== 0) return HOLDS_PAREN
  zeros = 0
  for (; i + 1 < end; i += 2) {
    const pair = bytes[i] | (bytes[i + 1] << 16)
    const x = pair ^ 0x280028
    zeros |= (x - 0x10001) & ~x
    h = fnvStep(h, pair)
  }
  if (i < end) {
    if (bytes[i] === 40 /* ( */) return HOLDS_PAREN
    h = fnvStep(h, bytes[i])
  }
  return (zeros & 0x80008000) !== 0 ? HOLDS_PAREN : h
}
