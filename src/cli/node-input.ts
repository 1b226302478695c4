import { openAsBlob, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { ParseInput } from '../parse/index'

/** A file on disk as a parse input: a lazily read Blob, exactly what a browser drop gives. */
export async function inputFromPath(path: string): Promise<ParseInput> {
  const blob = await openAsBlob(path)
  return {
    name: basename(path),
    size: statSync(path).size,
    stream: () => blob.stream() as ReadableStream<Uint8Array>,
  }
}
