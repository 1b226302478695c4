import { Decompress as ZstdDecompress } from 'fzstd'

/**
 * A stream that decompresses gzip (the platform's own) or zstd (fzstd, in chunks), for the
 * parser and for reading lines back from a compressed source alike.
 */
export function decompressionStream(
  compression: 'gzip' | 'zstd',
): TransformStream<Uint8Array, Uint8Array> {
  if (compression === 'gzip')
    return new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
  let out: TransformStreamDefaultController<Uint8Array> | null = null
  const decoder = new ZstdDecompress((data) => {
    if (data.length > 0) out?.enqueue(data.slice())
  })
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      out = controller
      decoder.push(chunk)
    },
    flush(controller) {
      out = controller
      decoder.push(new Uint8Array(0), true)
    },
  })
}
