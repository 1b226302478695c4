import { Gunzip } from 'fflate'
import { Decompress as ZstdDecompress } from 'fzstd'

/** The smallest whole gzip member (RFC 1952 section 2.3), an empty file's. */
const MIN_GZIP_BYTES = 20

/** A push-style decompressor: fflate's `Gunzip` and fzstd's `Decompress` both have this shape. */
type Decoder = { push(chunk: Uint8Array, final?: boolean): void }

/**
 * A stream that decompresses gzip (fflate) or zstd (fzstd), in chunks, for the parser and for
 * reading lines back from a compressed source alike. gzip is not the platform's
 * DecompressionStream: a gzip file is a series of members (RFC 1952 section 2.2; `cat a.gz
 * b.gz` and `pigz` make several), and Chromium's stops after the first with "Junk found after
 * end of compressed data", where Node's and `gunzip` read them all. fflate reads every member.
 */
export function decompressionStream(
  compression: 'gzip' | 'zstd',
): TransformStream<Uint8Array, Uint8Array> {
  let out: TransformStreamDefaultController<Uint8Array> | null = null
  const decoder: Decoder =
    compression === 'gzip'
      ? // fflate hands each output chunk over as a fresh array.
        new Gunzip((data) => {
          if (data.length > 0) out?.enqueue(data)
        })
      : new ZstdDecompress((data) => {
          if (data.length > 0) out?.enqueue(data.slice())
        })
  let bytesIn = 0
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      out = controller
      bytesIn += chunk.length
      decoder.push(chunk)
    },
    flush(controller) {
      out = controller
      // fflate reads a stream cut inside its header as empty; a whole gzip member holds at
      // least its 10-byte header, 2 bytes of deflate and an 8-byte trailer.
      if (compression === 'gzip' && bytesIn < MIN_GZIP_BYTES)
        throw new RangeError(`unexpected end of data after ${bytesIn} bytes`)
      decoder.push(new Uint8Array(0), true)
    },
  })
}
