/** Bytes decoded at once when every one is ASCII, else null. */
export type AsciiDecoder = (bytes: Uint8Array) => string | null

/**
 * Decodes a byte stream chunk by chunk. For UTF-8 it keeps an incomplete trailing character
 * back itself and calls `TextDecoder.decode` without `{ stream: true }`: Node's streaming
 * mode goes through a much slower converter (4x in profiles of a 300 MB dump), while the
 * one-shot call takes the fast path in Node and in browsers alike. Other encodings use the
 * decoder's own streaming.
 *
 * A host may offer a faster decode of pure-ASCII bytes (Node's latin1 copy, ten times its
 * UTF-8 decoder), which most dumps and logs are: the text is the same either way.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder
  private carry: Uint8Array | null = null
  /**
   * The last chunk decoded to one character per byte, all of them its own: an offset into its
   * text is an offset into its bytes. (No carried bytes, and as many characters as bytes: a
   * character from several bytes makes the text shorter, and none makes it longer.)
   */
  aligned = false

  constructor(
    private readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be',
    private readonly decodeAscii?: AsciiDecoder,
  ) {
    // A UTF-8 byte-order mark at the start of the file is skipped before decoding; one that
    // starts a later chunk is text, which a decoder that strips marks would drop at each call.
    this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: encoding === 'utf-8' })
  }

  decode(chunk: Uint8Array): string {
    this.aligned = false
    if (this.encoding !== 'utf-8') return this.decoder.decode(chunk, { stream: true })
    let bytes = chunk
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length)
      bytes.set(this.carry)
      bytes.set(chunk, this.carry.length)
      this.carry = null
    } else if (this.decodeAscii) {
      const ascii = this.decodeAscii(chunk)
      if (ascii !== null) {
        this.aligned = true
        return ascii
      }
    }
    const cut = completeLength(bytes)
    if (cut < bytes.length) this.carry = bytes.slice(cut)
    const text = this.decoder.decode(cut === bytes.length ? bytes : bytes.subarray(0, cut))
    this.aligned = bytes === chunk && cut === bytes.length && text.length === bytes.length
    return text
  }

  /** Whatever was kept back, decoded (a truncated character becomes U+FFFD). */
  end(): string {
    this.aligned = false
    if (this.encoding !== 'utf-8') return this.decoder.decode()
    const rest = this.carry
    this.carry = null
    return rest ? this.decoder.decode(rest) : ''
  }
}

/** Length of the prefix of `bytes` that ends on a character boundary. */
export function completeLength(bytes: Uint8Array): number {
  const n = bytes.length
  let i = n - 1
  // Step back over continuation bytes (10xxxxxx), at most three.
  while (i >= 0 && i > n - 4 && (bytes[i] & 0xc0) === 0x80) i--
  if (i < 0) return n
  const lead = bytes[i]
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
  return n - i < needed ? i : n
}
