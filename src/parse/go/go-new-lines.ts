import { MAX_LINE_LENGTH } from '../scanner'

/**
 * Where the line at `start` of a chunk whose characters are `bytes` ends (its `\n`, before
 * `limit`) when the full read would take its text as it lies: not empty, at most
 * MAX_LINE_LENGTH long, and ending in no space, tab or `-` for `cleanTail` to drop; else -1.
 */
function plainLineEnd(source: string, bytes: Uint8Array, start: number, limit: number): number {
  const end = source.indexOf('\n', start)
  if (end <= start || end >= limit || end - start > MAX_LINE_LENGTH) return -1
  const last = bytes[end - 1]
  return last === 32 || last === 9 || last === 45 /* - */ ? -1 : end
}

/**
 * `plainLineEnd` for a line that, inside a stack, can only be a function line: it starts with
 * none of what the lines read before one do (an indent, `goroutine `, `created by `, `...`,
 * `[originating from`, `-----`).
 */
export function newFuncLineEnd(
  source: string,
  bytes: Uint8Array,
  start: number,
  limit: number,
): number {
  const c = bytes[start]
  if (
    c === 32 ||
    c === 9 ||
    c === 103 /* g */ ||
    c === 46 /* . */ ||
    c === 91 /* [ */ ||
    c === 45 /* - */ ||
    (c === 99 /* c */ && source.startsWith('created by ', start))
  )
    return -1
  return plainLineEnd(source, bytes, start, limit)
}

/**
 * `plainLineEnd` for a location line as Go prints it: one tab, then a character that starts
 * neither a space nor `goroutine ` (the one line read before a location).
 */
export function newFileLineEnd(
  source: string,
  bytes: Uint8Array,
  start: number,
  limit: number,
): number {
  if (bytes[start] !== 9) return -1
  const c = bytes[start + 1]
  if (c === 32 || c === 9 || c === 10 || c === 103 /* g */) return -1
  return plainLineEnd(source, bytes, start, limit)
}
