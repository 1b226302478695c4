import { hashString } from '../../model/builder'

/** Bytes the parser hashes for a source's fingerprint (src/parse/index.ts, FINGERPRINT_BYTES). */
const FINGERPRINT_BYTES = 1 << 20

/**
 * The fingerprint the parser gives these bytes (`Source.fingerprint`), computed on the main
 * thread: a share link names its inputs by fingerprint, so a file can be checked before it
 * is parsed, and a redacted input gets the fingerprint its receiver will see. The test keeps
 * it equal to the parser's.
 */
export function computeFingerprint(bytes: Uint8Array): string {
  let h = hashString(String(bytes.length))
  const n = Math.min(bytes.length, FINGERPRINT_BYTES)
  for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0') + '-' + bytes.length.toString(16)
}

/** The same for a Blob; reads only the hashed head. */
export async function computeBlobFingerprint(blob: Blob): Promise<string> {
  const head = new Uint8Array(await blob.slice(0, FINGERPRINT_BYTES).arrayBuffer())
  let h = hashString(String(blob.size))
  for (let i = 0; i < head.length; i++) h = Math.imul(h ^ head[i], 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0') + '-' + blob.size.toString(16)
}
