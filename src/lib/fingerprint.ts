import { hashBytes, hashString } from './hash'

/** Bytes hashed for an input's fingerprint: enough to tell files apart, cheap for 2 GB. */
export const FINGERPRINT_BYTES = 1 << 20

/**
 * An input's fingerprint (`SourceInfo.fingerprint`): the hash of its size and of its first
 * FINGERPRINT_BYTES, then the size in hex. Saved postmortems are keyed by it and share links
 * name their inputs by it, so its values must never change. Fed chunk by chunk, so the parser
 * hashes the bytes as they stream by.
 */
export class FingerprintHasher {
  private h: number
  private hashed = 0

  /** `size` is the whole input's size in bytes (for one part of a file, the whole file's). */
  constructor(private readonly size: number) {
    this.h = hashString(String(size))
  }

  /** Hashes the next raw bytes of the input; those past FINGERPRINT_BYTES are ignored. */
  update(chunk: Uint8Array): void {
    if (this.hashed >= FINGERPRINT_BYTES) return
    const n = Math.min(chunk.length, FINGERPRINT_BYTES - this.hashed)
    this.h = hashBytes(chunk, this.h, n)
    this.hashed += n
  }

  /** The fingerprint, e.g. `c06b8339-b35`. */
  digest(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0') + '-' + this.size.toString(16)
  }
}

/** The fingerprint of a whole input held in memory. */
export function computeFingerprint(bytes: Uint8Array): string {
  const hasher = new FingerprintHasher(bytes.length)
  hasher.update(bytes)
  return hasher.digest()
}

/** The same for a Blob; reads only the hashed head. */
export async function computeBlobFingerprint(blob: Blob): Promise<string> {
  const hasher = new FingerprintHasher(blob.size)
  hasher.update(new Uint8Array(await blob.slice(0, FINGERPRINT_BYTES).arrayBuffer()))
  return hasher.digest()
}
