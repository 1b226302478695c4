import { LINE_INDEX_STEP } from '../model/builder'
import { LineIndexer } from './line-index'
import { LineSplitter, type EncodingGuess } from './text'

/**
 * The line-tracking step of a parse: decoded text is split into lines for the scanner (a line
 * split across chunks is joined), and the raw bytes are indexed so lines can be read back
 * later (`LineIndexer`; UTF-8 sources only, UTF-16 ones are read back from their start).
 */
export class LineTracker {
  private index: LineIndexer | null = new LineIndexer(LINE_INDEX_STEP)
  private readonly splitter: LineSplitter

  /** `onLine(line, length)`: `length` is the line's true length (see `LineSplitter`). */
  constructor(onLine: (line: string, length: number) => void) {
    this.splitter = new LineSplitter((line, _next, length) => onLine(line, length))
  }

  /** Once the byte-order mark is known: `skip` bytes of it come before the first line. */
  setEncoding(guess: Pick<EncodingGuess, 'encoding' | 'skip'>): void {
    this.index = guess.encoding === 'utf-8' ? new LineIndexer(LINE_INDEX_STEP, guess.skip) : null
  }

  /** The next bytes and the text decoded from them. */
  push(bytes: Uint8Array, text: string): void {
    this.index?.push(bytes)
    this.splitter.push(text)
  }

  /** Ends the input: `text` is what the decoder still held. */
  end(text: string): void {
    this.splitter.push(text)
    this.splitter.finish()
  }

  /** [line numbers, byte offsets] of the index entries (`SourceInfo.lineIndexLines/lineOffsets`). */
  lineIndex(): [Float64Array, Float64Array] {
    return this.index ? this.index.finish() : [new Float64Array([0]), new Float64Array([0])]
  }
}
