import { GrowableArray } from '../lib/growable-array'

/**
 * Records where every `step`-th line starts in the (decompressed) bytes, so a few lines can be
 * read back from the file later (an event's text, a pinned range of lines) without keeping any
 * text. Fed the decoded lines themselves: for ASCII text a line's byte length is its length,
 * which makes the index nearly free; other lines are measured as UTF-8.
 */
export class LineIndexer {
  private readonly lines = new GrowableArray(Float64Array, 256)
  private readonly offsets = new GrowableArray(Float64Array, 256)
  private line = 0
  private offset: number

  /** `startOffset`: bytes before the first line's text (a UTF-8 byte-order mark). */
  constructor(
    private readonly step: number,
    startOffset = 0,
  ) {
    this.offset = startOffset
    this.lines.push(0)
    this.offsets.push(startOffset)
  }

  /** One line as split (with a trailing `\r` if any); `ascii` when its bytes are known ASCII. */
  pushLine(text: string, ascii: boolean): void {
    this.offset += (ascii ? text.length : utf8Length(text)) + 1
    if (++this.line % this.step === 0) {
      this.lines.push(this.line)
      this.offsets.push(this.offset)
    }
  }

  /** [line numbers, byte offsets] of the index entries. */
  finish(): [Float64Array, Float64Array] {
    return [this.lines.finish(), this.offsets.finish()]
  }
}

/** Bytes `s` takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < s.length &&
      (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
