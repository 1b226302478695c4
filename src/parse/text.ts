/**
 * Bytes in, lines out, without ever holding the whole text.
 *
 * `Blob.stream()` (or a Node file stream) -> gunzip when the bytes start with the gzip magic ->
 * a streaming `TextDecoder` chosen by the byte-order mark -> a chunk-safe line splitter. A
 * file bigger than the longest JavaScript string (about 512 MB in V8) still parses because
 * only one chunk and one partial line are alive at a time.
 */

/** Why a byte stream cannot be read as text at all. */
export class UnreadableInputError extends Error {
  override name = 'UnreadableInputError'
}

const GZIP_MAGIC = [0x1f, 0x8b]
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd]

/** Which decompression, if any, the first bytes ask for. */
export function sniffCompression(head: Uint8Array): 'gzip' | 'zstd' | 'zip' | null {
  if (startsWith(head, GZIP_MAGIC)) return 'gzip'
  if (startsWith(head, ZSTD_MAGIC)) return 'zstd'
  if (startsWith(head, ZIP_MAGIC)) return 'zip'
  return null
}

/** The text encoding the byte-order mark names (UTF-8 without one). */
export function sniffEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  // UTF-16 without a BOM: every other byte of ASCII text is NUL.
  if (head.length >= 8 && head[1] === 0 && head[3] === 0 && head[5] === 0 && head[0] !== 0)
    return 'utf-16le'
  if (head.length >= 8 && head[0] === 0 && head[2] === 0 && head[4] === 0 && head[1] !== 0)
    return 'utf-16be'
  return 'utf-8'
}

/** True when decoded text looks like a binary file (NUL or many control characters). */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096)
  let control = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return true
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++
  }
  return n > 0 && control / n > 0.1
}

/**
 * Splits text chunks into lines; a line split across chunks is joined. A line ends at `\n`
 * (a `\r` before it stays on the line, for the reader to drop) or at a `\r` not followed by
 * `\n`: old macOS tools and some serial consoles end lines with `\r` alone, and such a file
 * read as one line lost every record. Either way the break is one character, so a line's
 * length plus one is where the next starts.
 */
export class LineSplitter {
  private partial = ''

  /** `onLine(line, next)`: `next` is where the following line starts in the current chunk. */
  constructor(private readonly onLine: (line: string, next: number) => void) {}

  push(chunk: string): void {
    if (chunk === '') return
    // A `\r` that ended the last chunk is a break of its own unless this chunk goes on with `\n`.
    if (this.partial.endsWith('\r') && chunk.charCodeAt(0) !== 10) {
      this.onLine(this.partial.slice(0, -1), 0)
      this.partial = ''
    }
    let start = 0
    let nl = chunk.indexOf('\n')
    // Most text has no `\r` at all, or only before `\n`: then only `\n` is searched for.
    let cr = chunk.indexOf('\r')
    for (;;) {
      while (cr !== -1 && (nl === -1 || cr < nl - 1)) {
        // A `\r` that ends the chunk waits for the next one, which may start with `\n`.
        if (cr === chunk.length - 1) break
        this.line(chunk.slice(start, cr), cr + 1)
        start = cr + 1
        cr = chunk.indexOf('\r', start)
      }
      if (nl === -1) break
      this.line(chunk.slice(start, nl), nl + 1)
      start = nl + 1
      nl = chunk.indexOf('\n', start)
      if (cr !== -1 && cr < start) cr = chunk.indexOf('\r', start)
    }
    if (start < chunk.length) {
      // Guard against one enormous line: keep at most a bounded tail in memory.
      this.partial =
        this.partial.length > 1 << 26 ? this.partial : this.partial + chunk.slice(start)
    }
  }

  finish(): void {
    // A `\r` that ends the text was a lone one: no `\n` can follow.
    const last = this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial
    if (this.partial !== '') this.onLine(last, 0)
    this.partial = ''
  }

  private line(text: string, next: number): void {
    if (this.partial !== '') {
      this.onLine(this.partial + text, next)
      this.partial = ''
    } else this.onLine(text, next)
  }
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false
  return true
}
