import { createReadStream, statSync } from 'node:fs'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import type { ParseInput } from '../parse/index'

/**
 * A file on disk as a parse input. Read ahead in 1 MB chunks: the default 64 KB reads left
 * the parser waiting on the disk for a sixth of a 300 MB parse.
 */
export async function inputFromPath(path: string): Promise<ParseInput> {
  return {
    name: basename(path),
    size: statSync(path).size,
    stream: () =>
      Readable.toWeb(
        createReadStream(path, { highWaterMark: 1 << 20 }),
      ) as ReadableStream<Uint8Array>,
  }
}
