import { completeLength } from '../lib/chunk-decoder'

/**
 * Bytes in, lines out, without ever holding the whole text.
 *
 * `Blob.stream()` (or a Node file stream) -> gunzip when the bytes start with the gzip magic ->
 * a streaming `TextDecoder` chosen by the byte-order mark -> a chunk-safe line splitter. A
 * file bigger than the longest JavaScript string (about 512 MB in V8) still parses because
 * only one chunk and one partial line are alive at a time.
 */

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

/** How a byte stream's text is encoded, as far as its first bytes tell. */
export type EncodingGuess = {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  /** Bytes before the text that are not decoded (a UTF-8 byte-order mark, stray `FF FE`). */
  skip: number
  /** Why the guess is not what the first bytes claim, for the source's warnings. */
  warning: string | null
}

/** How much of the head the UTF-16 check looks at. */
const UTF16_CHECK_BYTES = 4096

/**
 * The text encoding the byte-order mark names (UTF-8 without one). A UTF-16 mark is checked
 * against the bytes after it: a stray `FF FE` before UTF-8 text once turned a whole file into
 * one garbled line. UTF-16 holds when its surrogates pair up and either most characters are
 * ASCII (every other byte NUL) or the bytes are not UTF-8 either.
 */
export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', skip: 3, warning: null }
  const bom =
    head[0] === 0xff && head[1] === 0xfe
      ? 'utf-16le'
      : head[0] === 0xfe && head[1] === 0xff
        ? 'utf-16be'
        : null
  if (bom) {
    if (holdsAsUtf16(head.subarray(2, UTF16_CHECK_BYTES), bom === 'utf-16le'))
      return { encoding: bom, skip: 0, warning: null }
    const mark = bom === 'utf-16le' ? 'FF FE' : 'FE FF'
    return {
      encoding: 'utf-8',
      skip: 2,
      warning: `The file starts with the bytes ${mark}, a UTF-16 byte-order mark, but the text after them is not UTF-16; it was read as UTF-8 without those two bytes.`,
    }
  }
  // UTF-16 without a BOM: every other byte of ASCII text is NUL.
  if (head.length >= 8 && head[1] === 0 && head[3] === 0 && head[5] === 0 && head[0] !== 0)
    return { encoding: 'utf-16le', skip: 0, warning: null }
  if (head.length >= 8 && head[0] === 0 && head[2] === 0 && head[4] === 0 && head[1] !== 0)
    return { encoding: 'utf-16be', skip: 0, warning: null }
  return { encoding: 'utf-8', skip: 0, warning: null }
}

function holdsAsUtf16(bytes: Uint8Array, littleEndian: boolean): boolean {
  const units = bytes.length >> 1
  if (units === 0) return true
  let ascii = 0
  for (let k = 0; k < units; k++) {
    const lo = bytes[2 * k + (littleEndian ? 0 : 1)]
    const hi = bytes[2 * k + (littleEndian ? 1 : 0)]
    if (hi === 0 && lo !== 0) ascii++
    const unit = (hi << 8) | lo
    if (unit >= 0xd800 && unit <= 0xdbff) {
      // A high surrogate needs a low one next (unless the sample ends here).
      if (k + 1 === units) break
      const next = littleEndian
        ? bytes[2 * k + 2] | (bytes[2 * k + 3] << 8)
        : (bytes[2 * k + 2] << 8) | bytes[2 * k + 3]
      if (next < 0xdc00 || next > 0xdfff) return false
      k++
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false
  }
  return ascii * 2 >= units || !isUtf8(bytes)
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, completeLength(bytes)))
    return true
  } catch {
    return false
  }
}

/**
 * True when decoded text looks like a binary file: NUL bytes in more than 1% of the first 4 KB,
 * or control characters in more than 10%. One stray NUL in a log (a crashed writer's padding)
 * does not make the whole file binary; an executable's header is mostly NULs.
 */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096)
  let control = 0
  let nul = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) nul++
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++
  }
  return n > 0 && (nul > n * 0.01 || control / n > 0.1)
}

/**
 * Splits text chunks into lines; a line split across chunks is joined. A line ends at `\n`
 * (`\r`s before it stay on the line, for the reader to drop) or at a `\r` that no `\n`
 * follows: old macOS tools and some serial consoles end lines with `\r` alone, and such a file
 * read as one line lost every record. A run of `\r`s before `\n` is one break, not blank lines
 * (`\r\r\n` comes from CRLF text written again through a CRLF conversion, and blank lines would
 * split a Go dump's every goroutine). Either way the break is one character, so a line's
 * length plus one is where the next starts.
 */
export class LineSplitter {
  private partial = ''
  /** Characters of the current line past what is kept of it (see `push`). */
  private dropped = 0

  /**
   * `onLine(line, next, length)`: `next` is where the following line starts in the current
   * chunk (at or below 0 when it starts before it, after `\r`s that ended the last chunk); `length` is the line's true length, more than `line.length` for a line too long to
   * keep whole.
   */
  constructor(
    private readonly onLine: (line: string, next: number, length: number) => void,
    /**
     * Offered first each line that lies whole in the chunk, as `chunk[start, end)`: it may take
     * the line and the lines after it that end with `\n` before `limit` (the chunk holds no
     * `\r` before it), which are then not sliced and not passed to `onLine`. Returns where the
     * last line taken ends (its break), or -1 when it took none.
     */
    private readonly takeRange?: (
      chunk: string,
      start: number,
      end: number,
      limit: number,
    ) => number,
  ) {}

  push(chunk: string): void {
    if (chunk === '') return
    // The `\r`s that ended the last chunk are a break each unless this chunk goes on with `\n`.
    if (this.partial.endsWith('\r')) {
      const run = crRunEnd(chunk, 0)
      if (run === chunk.length) return this.keep(chunk, 0)
      if (chunk.charCodeAt(run) !== 10) this.emitCrBreaks()
    }
    let start = 0
    let nl = chunk.indexOf('\n')
    // Most text has no `\r` at all, or only before `\n`: then only `\n` is searched for.
    let cr = chunk.indexOf('\r')
    for (;;) {
      while (cr !== -1 && (nl === -1 || cr < nl - 1)) {
        // `\r`s before `\n` are one break, found at the `\n`; a run that ends the chunk waits
        // for the next one, which may start with `\n`.
        const run = crRunEnd(chunk, cr + 1)
        if (run === nl || run === chunk.length) break
        for (; cr < run; cr++) {
          this.line(chunk, start, cr, cr)
          start = cr + 1
        }
        cr = chunk.indexOf('\r', run)
      }
      if (nl === -1) break
      start = this.line(chunk, start, nl, cr === -1 ? chunk.length : cr) + 1
      nl = chunk.indexOf('\n', start)
      if (cr !== -1 && cr < start) cr = chunk.indexOf('\r', start)
    }
    this.keep(chunk, start)
  }

  finish(): void {
    // `\r`s that end the text were lone ones: no `\n` can follow.
    if (this.partial.endsWith('\r')) this.emitCrBreaks()
    else if (this.partial !== '') this.emit(this.partial, 0)
  }

  /** Keeps `chunk` from `start` as the start of a line that goes on in the next chunk. */
  private keep(chunk: string, start: number): void {
    if (start === chunk.length) return
    // Guard against one enormous line: keep at most a bounded part of it in memory, and
    // count the rest, so the line is still reported at its true length.
    if (this.partial.length > 1 << 26) this.dropped += chunk.length - start
    else this.partial += chunk.slice(start)
  }

  /**
   * The `\r`s that end `partial` were lone: the line before them ends at the first, and an
   * empty line at each after it. The lines after the first start before the current chunk.
   */
  private emitCrBreaks(): void {
    const text = this.partial
    const end = withoutTrailingCrs(text).length
    this.emit(text.slice(0, end), end + 1 - text.length)
    for (let at = end + 2; at <= text.length; at++) this.emit('', at - text.length)
  }

  /**
   * The line that ends at `chunk[end]`, its break, and began at `start` or before the chunk;
   * `limit`, as `takeRange` takes it. Returns where the last line passed on ends.
   */
  private line(chunk: string, start: number, end: number, limit: number): number {
    if (this.partial !== '') {
      this.emit(this.partial + chunk.slice(start, end), end + 1)
      return end
    }
    if (this.takeRange !== undefined) {
      const last = this.takeRange(chunk, start, end, limit)
      if (last !== -1) return last
    }
    this.emit(chunk.slice(start, end), end + 1)
    return end
  }

  /** Passes on the current line (`partial` is part of `line`) and starts the next. */
  private emit(line: string, next: number): void {
    const length = line.length + this.dropped
    this.partial = ''
    this.dropped = 0
    this.onLine(line, next, length)
  }
}

/** `line` without the `\r`s that end it (the reader's part of a `\r\n` or `\r\r\n` break). */
export function withoutTrailingCrs(line: string): string {
  let end = line.length
  while (end > 0 && line.charCodeAt(end - 1) === 13) end--
  return end === line.length ? line : line.slice(0, end)
}

/** Where the run of `\r`s from `from` ends in `text`: the first other character, or its end. */
function crRunEnd(text: string, from: number): number {
  let i = from
  while (i < text.length && text.charCodeAt(i) === 13) i++
  return i
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false
  return true
}
