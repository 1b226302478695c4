import type { SourceInfo } from '../model/types'
import { LineSplitter } from './text'

/**
 * Reads lines `first .. first+count-1` (0-based) of a source back from its Blob, starting at
 * the nearest line-index entry, so the cost is at most one index step of lines, not the file.
 * Compressed sources are decompressed from the start up to the lines (slower, still streaming).
 */
export async function readSourceLines(
  blob: Blob,
  source: SourceInfo,
  first: number,
  count: number,
): Promise<string[]> {
  const entry = findIndexEntry(source.lineIndexLines, first)
  const seekable = source.compression === null && source.encoding === 'utf-8' && entry >= 0
  const startOffset = seekable ? source.lineOffsets[entry] : 0
  let lineNo = seekable ? source.lineIndexLines[entry] : 0
  let stream = blob.slice(startOffset).stream() as ReadableStream<Uint8Array>
  if (source.compression === 'gzip') {
    stream = stream.pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
    )
  }
  const reader = stream.getReader()
  const decoder = new TextDecoder(source.encoding)
  const out: string[] = []
  // The parser's own splitter, so line numbers agree whatever the line endings.
  const splitter = new LineSplitter((line) => {
    if (lineNo >= first && out.length < count)
      out.push(line.endsWith('\r') ? line.slice(0, -1) : line)
    lineNo++
  })
  try {
    while (out.length < count) {
      const { done, value } = await reader.read()
      // Lines before `first` are not kept: only the current partial one is.
      splitter.push(done ? decoder.decode() : decoder.decode(value, { stream: true }))
      if (done) {
        splitter.finish()
        break
      }
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  return out
}

/** The last index entry at or before `line` (binary search), or -1. */
function findIndexEntry(lines: Float64Array, line: number): number {
  let lo = 0
  let hi = lines.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (lines[mid] <= line) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
