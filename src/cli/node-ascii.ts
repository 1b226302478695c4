import { Buffer, isAscii } from 'node:buffer'

/**
 * Node's decode of ASCII bytes for `ParseOptions.decodeAscii`: a SIMD check and a latin1 copy,
 * about ten times faster than its UTF-8 `TextDecoder` on the same bytes, which most dumps and
 * logs are.
 */
export function nodeDecodeAscii(bytes: Uint8Array): string | null {
  if (!isAscii(bytes)) return null
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}
