import { FingerprintHasher } from '../lib/fingerprint'
import { decompressionStream } from './decompress'

/**
 * An input's raw bytes as they are read, before any decompression: its fingerprint and the
 * progress, reported at most every `intervalMs`. Done inline rather than in TransformStreams:
 * each stream stage costs a promise round trip per chunk, which showed in profiles.
 */
export class RawByteCounter {
  readonly fingerprint: FingerprintHasher
  bytesRead = 0
  private lastReport = 0

  /** `size`: the whole input's size (for one part of a file, the whole file's). */
  constructor(
    size: number,
    private readonly onBytes: (bytesRead: number) => void,
    private readonly intervalMs: number,
  ) {
    this.fingerprint = new FingerprintHasher(size)
  }

  /** Counts one chunk read from the input. */
  readonly count = (chunk: Uint8Array): void => {
    this.fingerprint.update(chunk)
    this.bytesRead += chunk.length
    const now = performance.now()
    if (now - this.lastReport >= this.intervalMs) {
      this.lastReport = now
      this.onBytes(this.bytesRead)
    }
  }
}

/** The next chunk of bytes, or null at the end. */
export type NextBytes = () => Promise<Uint8Array | null>

/**
 * The bytes of an input, decompressed when `compression` says so, chunk by chunk: `first` (the
 * chunk already read to sniff the compression, already counted), then the rest of `raw`, each
 * raw chunk passed to `count`.
 */
export function decodedBytes(
  first: Uint8Array | null,
  raw: ReadableStreamDefaultReader<Uint8Array>,
  compression: 'gzip' | 'zstd' | null,
  count: (chunk: Uint8Array) => void,
): NextBytes {
  if (compression === null) {
    let pending = first
    return async () => {
      if (pending) {
        const chunk = pending
        pending = null
        return chunk
      }
      const { done, value } = await raw.read()
      if (done) return null
      count(value)
      return value
    }
  }
  const decompressed = restream(first, raw, count)
    .pipeThrough(decompressionStream(compression))
    .getReader()
  return async () => {
    const { done, value } = await decompressed.read()
    return done ? null : value
  }
}

/** The first chunk of a stream, or null when it is empty. */
export async function readFirst(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array | null> {
  const { done, value } = await reader.read()
  return done ? null : value
}

/** A stream of `first` and then every chunk `next` yields until it yields null. */
export function restreamBytes(first: Uint8Array, next: NextBytes): ReadableStream<Uint8Array> {
  let pending: Uint8Array | null = first
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = pending ?? (await next())
      pending = null
      if (chunk === null) controller.close()
      else controller.enqueue(chunk)
    },
  })
}

/** A stream that yields `first` and then the rest of `reader`, counting each chunk read. */
function restream(
  first: Uint8Array | null,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
): ReadableStream<Uint8Array> {
  let pending = first
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending) {
        controller.enqueue(pending)
        pending = null
        return
      }
      const { done, value } = await reader.read()
      if (done) controller.close()
      else {
        onChunk(value)
        controller.enqueue(value)
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}
