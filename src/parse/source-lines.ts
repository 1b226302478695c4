import type { SourceInfo } from '../model/types'
import { decompressionStream } from './decompress'
import { withoutTerminalEscapes } from './terminal-escapes'
import { LineSplitter, withoutTrailingCrs } from './text'

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
  const out: string[] = []
  if (count <= 0) return out
  await streamLines(blob, source, first, (lineNo, line) => {
    if (lineNo >= first) out.push(line)
    return out.length < count
  })
  return out
}

/**
 * Calls `visit(k, text)` for each line `lines[k]` (0-based, ascending) of a source, reading
 * the file once from the index entry before the first of them: one pass for a filter over
 * every event of a log. Stops early when `signal` aborts (the filter changed).
 */
export async function scanSourceLines(
  blob: Blob,
  source: SourceInfo,
  lines: ArrayLike<number>,
  visit: (k: number, text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (lines.length === 0) return
  let k = 0
  await streamLines(blob, source, lines[0], (lineNo, line) => {
    if (signal?.aborted) return false
    // Equal line numbers (two events on one line) each get the text.
    while (k < lines.length && lines[k] === lineNo) visit(k++, line)
    return k < lines.length
  })
}

/**
 * Streams a source's lines (without their `\r\n` or `\n`) from the index entry at or before
 * `first`; `onLine` returns false to stop. Lines before `first` may be passed too.
 */
async function streamLines(
  blob: Blob,
  source: SourceInfo,
  first: number,
  onLine: (lineNo: number, line: string) => boolean,
): Promise<void> {
  const entry = findIndexEntry(source.lineIndexLines, first)
  const seekable = source.compression === null && source.encoding === 'utf-8' && entry >= 0
  const startOffset = seekable ? source.lineOffsets[entry] : 0
  let lineNo = seekable ? source.lineIndexLines[entry] : 0
  let stream = blob.slice(startOffset).stream() as ReadableStream<Uint8Array>
  if (source.compression) stream = stream.pipeThrough(decompressionStream(source.compression))
  const reader = stream.getReader()
  const decoder = new TextDecoder(source.encoding)
  let going = true
  // The parser's own splitter, so line numbers agree whatever the line endings; the text the
  // parser read, without terminal escapes where it took them out.
  const escapes = source.terminalEscapes === true
  const splitter = new LineSplitter((line) => {
    if (going) {
      const text = withoutTrailingCrs(line)
      going = onLine(lineNo, escapes ? withoutTerminalEscapes(text) : text)
    }
    lineNo++
  })
  try {
    while (going) {
      const { done, value } = await reader.read()
      // Only the current partial line is kept between chunks.
      splitter.push(done ? decoder.decode() : decoder.decode(value, { stream: true }))
      if (done) {
        splitter.finish()
        break
      }
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
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
