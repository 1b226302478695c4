/**
 * The floor every parse figure is compared with: the cost of reading the input's bytes at all.
 * The same stream the parser reads (a file read ahead in 1 MB chunks, as the command line
 * does), decoded as the command line decodes it (`ChunkDecoder` with Node's ASCII copy, else
 * one-shot UTF-8) and its line breaks counted, in this process. A parse can be no faster; the
 * ratio of a parse to it is what the targets bound, so a slower or busier machine moves both
 * alike.
 *
 * Until 2026-12-07 the floor decoded with `TextDecoder`'s streaming mode, a converter Node
 * runs at about half the speed of the parser's own decode: ratios printed before then are
 * against a floor about twice as high.
 */
import { inputFromPath } from '../src/cli/node-input'
import { nodeDecodeAscii } from '../src/cli/node-ascii'
import { ChunkDecoder } from '../src/lib/chunk-decoder'

export type Floor = { ms: number; bytes: number; lines: number }

/** Reads a stream, decodes it as the command line does and counts its line breaks. */
export async function readFloor(stream: ReadableStream<Uint8Array>): Promise<Floor> {
  const started = performance.now()
  const decoder = new ChunkDecoder('utf-8', nodeDecodeAscii)
  const reader = stream.getReader()
  let bytes = 0
  let lines = 0
  const count = (text: string) => {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
  }
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.length
    count(decoder.decode(value))
  }
  count(decoder.end())
  return { ms: performance.now() - started, bytes, lines }
}

/** The floor of a file on disk, read as the command line reads it. */
export async function fileFloor(path: string): Promise<Floor> {
  return readFloor((await inputFromPath(path)).stream())
}

/**
 * Bytes in memory as a stream of 1 MB chunks, as the command line reads a file. (A `Blob`'s
 * stream in Node hands out 64 KB chunks at several times the cost.)
 */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(at, (at += 1 << 20)))
    },
  })
}

/** The median of three floors of a file on disk: one read warms the page cache for the rest. */
export async function medianFileFloor(path: string): Promise<Floor> {
  const runs = [await fileFloor(path), await fileFloor(path), await fileFloor(path)]
  return runs.sort((a, b) => a.ms - b.ms)[1]
}

/** The floor of bytes in memory (see `streamOf`). */
export function bytesFloor(bytes: Uint8Array): Promise<Floor> {
  return readFloor(streamOf(bytes))
}

/** `3.4x`: a figure as a multiple of the floor. */
export function ratio(ms: number, floor: Floor): string {
  return `${(ms / floor.ms).toFixed(2)}x`
}
