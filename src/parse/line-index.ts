import { GrowableArray } from '../lib/growable-array'

/**
 * Records the byte offset of every `step`-th line while bytes stream past, so a few lines
 * can be read back from the file later (an event's text, a pinned range of lines) without
 * keeping any text. Counts `\n` bytes: in UTF-8 that byte never occurs inside a character,
 * so the count matches the line splitter's.
 */
export class LineIndexer {
  private readonly lines = new GrowableArray(Float64Array, 256)
  private readonly offsets = new GrowableArray(Float64Array, 256)
  private line = 0
  private offset = 0

  constructor(private readonly step: number) {
    this.lines.push(0)
    this.offsets.push(0)
  }

  push(chunk: Uint8Array): void {
    let i = chunk.indexOf(10)
    while (i !== -1) {
      this.line++
      if (this.line % this.step === 0) {
        this.lines.push(this.line)
        this.offsets.push(this.offset + i + 1)
      }
      i = chunk.indexOf(10, i + 1)
    }
    this.offset += chunk.length
  }

  /** [line numbers, byte offsets] of the index entries. */
  finish(): [Float64Array, Float64Array] {
    return [this.lines.finish(), this.offsets.finish()]
  }
}
