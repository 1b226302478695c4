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
