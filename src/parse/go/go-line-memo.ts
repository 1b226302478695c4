import { FNV_OFFSET_BASIS, fnvStep, hashUnitPairs } from '../../lib/hash'
import type { FileLine } from './go-lines'
import { MAX_LINE_LENGTH } from '../scanner'
import { RepeatedText } from './repeated-text'

/** Stack positions remembered for lines that repeat the previous stack's. */
const MEMO_SLOTS = 1024

/**
 * What the previous goroutine had at each stack position, for lines that repeat it exactly
 * (most lines of a dump): the function of its function line, and the raw text of its file
 * line with what it parsed to; the last `created by` line and its file line, likewise. A line
 * found here reads as the one remembered did (`parseFileLine`, `parseCreatedBy` and
 * `parseFuncLine` depend on the text alone), without cleaning or parsing it again.
 */
export class LineMemo {
  private readonly funcs: (RepeatedText | undefined)[] = []
  private readonly fileTexts: (RepeatedText | undefined)[] = []
  /** What the file line at each position parsed to. */
  readonly files: string[] = []
  readonly lines: number[] = []
  readonly addresses: (string | undefined)[] = []
  private createdText: RepeatedText | null = null
  /** What the last `created by` line and its file line parsed to. */
  createdFunc = ''
  createdParent: number | undefined
  private createdLocation: RepeatedText | null = null
  createdFile = ''
  createdLine = 0
  createdAddress: string | undefined
  /** Set by `funcAt`: the arguments' length and hashUnitPairs hash. */
  argsLength = 0
  argsHash = 0

  /** Remembers the function line at stack position `slot`. */
  rememberFunc(slot: number, func: string): void {
    if (slot < MEMO_SLOTS) this.funcs[slot] = new RepeatedText(func)
  }

  /** Remembers the file line `text` at stack position `slot`, which parsed to `loc`. */
  rememberFile(slot: number, text: string, loc: FileLine): void {
    if (slot >= MEMO_SLOTS) return
    this.fileTexts[slot] = new RepeatedText(text)
    this.files[slot] = loc.file
    this.lines[slot] = loc.line
    this.addresses[slot] = loc.address
  }

  /** Remembers the `created by` line `text`, which parsed to `func` and `parentId`. */
  rememberCreatedBy(text: string, func: string, parentId: number | undefined): void {
    this.createdText = new RepeatedText(text)
    this.createdFunc = func
    this.createdParent = parentId
  }

  /** Remembers the `created by` location line `text`, which parsed to `loc`. */
  rememberCreatedFile(text: string, loc: FileLine): void {
    this.createdLocation = new RepeatedText(text)
    this.createdFile = loc.file
    this.createdLine = loc.line
    this.createdAddress = loc.address
  }

  /** The function remembered at `slot`, after `funcEnd` found it. */
  funcText(slot: number): string {
    return this.funcs[slot]!.text
  }

  /** The file line remembered at `slot`, after `fileEnd` found it. */
  fileText(slot: number): string {
    return this.fileTexts[slot]!.text
  }

  /** The last `created by` line, after `createdByEnd` found it. */
  createdByText(): string {
    return this.createdText!.text
  }

  /** The last `created by` location line, after `createdFileEnd` found it. */
  createdFileText(): string {
    return this.createdLocation!.text
  }

  /** Whether `source[start, end)` is the file line remembered at `slot`. */
  fileAt(slot: number, source: string, start: number, end: number): boolean {
    const memo = this.fileTexts[slot]
    return memo !== undefined && memo.isAt(source, start, end)
  }

  /** Whether `source[start, end)` is the last `created by` line. */
  createdByAt(source: string, start: number, end: number): boolean {
    const memo = this.createdText
    return memo !== null && memo.isAt(source, start, end)
  }

  /** Whether `source[start, end)` is the last `created by` location line. */
  createdFileAt(source: string, start: number, end: number): boolean {
    const memo = this.createdLocation
    return memo !== null && memo.isAt(source, start, end)
  }

  /**
   * Where the line at `start` ends (its `\n`, before `limit`) when it is `memo`'s text, else
   * -1: the text's length tells where to look, and nothing is searched.
   */
  private endOf(
    memo: RepeatedText | null | undefined,
    source: string,
    start: number,
    limit: number,
  ): number {
    if (memo === null || memo === undefined) return -1
    const end = start + memo.text.length
    return end < limit && source.charCodeAt(end) === 10 && memo.isAt(source, start, end) ? end : -1
  }

  /** `fileAt` for the line at `start`: where it ends, or -1 (see `endOf`). */
  fileEnd(slot: number, source: string, start: number, limit: number): number {
    return this.endOf(this.fileTexts[slot], source, start, limit)
  }

  /** `createdByAt` for the line at `start`: where it ends, or -1 (see `endOf`). */
  createdByEnd(source: string, start: number, limit: number): number {
    return this.endOf(this.createdText, source, start, limit)
  }

  /** `createdFileAt` for the line at `start`: where it ends, or -1 (see `endOf`). */
  createdFileEnd(source: string, start: number, limit: number): number {
    return this.endOf(this.createdLocation, source, start, limit)
  }

  /**
   * `funcAt` for the line at `start` of a chunk whose characters are `bytes`: where it ends
   * (its `\n`, before `limit`, at most MAX_LINE_LENGTH on), or -1.
   */
  funcEnd(slot: number, source: string, start: number, limit: number, bytes: Uint8Array): number {
    const func = this.funcs[slot]
    if (func === undefined) return -1
    const open = start + func.text.length
    if (open >= limit || bytes[open] !== 40 /* ( */ || !func.isAt(source, start, open)) return -1
    const end = source.indexOf('\n', open + 1)
    if (end === -1 || end >= limit || end - start > MAX_LINE_LENGTH) return -1
    if (bytes[end - 1] !== 41 /* ) */) return -1
    if (!this.hashArgBytes(bytes, open + 1, end - 1)) return -1
    this.argsLength = end - 1 - (open + 1)
    return end
  }

  /**
   * The function of `source[start, end)` when it is a function line calling the function
   * remembered at `slot`: `F(args)` with no other `(`, starting with no space and ending with
   * `)`, which `cleanTail` leaves alone and no classifier before `parseFuncLine` takes (F has
   * no space). Its arguments' length and hash are then in `argsLength` and `argsHash`.
   */
  funcAt(
    slot: number,
    source: string,
    start: number,
    end: number,
    bytes: Uint8Array | null,
  ): string | null {
    const func = this.funcs[slot]
    if (func === undefined) return null
    const open = start + func.text.length
    if (
      open >= end ||
      source.charCodeAt(end - 1) !== 41 /* ) */ ||
      source.charCodeAt(open) !== 40 /* ( */
    )
      return null
    if (!func.isAt(source, start, open)) return null
    // A second `(` in the arguments is left to the full parse. The arguments are hashed where
    // they lie in the chunk, fastest in its bytes (V8 reads a character of a slice at about
    // twice the cost), which also tell a `(` among them.
    if (bytes === null) {
      const paren = source.indexOf('(', open + 1)
      if (paren !== -1 && paren < end) return null
      this.argsHash = hashUnitPairs(source, open + 1, end - 1)
    } else if (!this.hashArgBytes(bytes, open + 1, end - 1)) return null
    this.argsLength = end - 1 - (open + 1)
    return func.text
  }

  /**
   * Hashes the arguments `bytes[start, end)` into `argsHash` as hashUnitPairs hashes the text
   * they decode to, one character a byte; false, without a hash, when they hold a `(`. Each
   * 16-bit lane of a pair XORed with `(` is zero where one is, and a lane minus one sets its
   * top bit only when it was zero: the test costs a few operations a pair, where a search of
   * the text was a call.
   */
  hashArgBytes(bytes: Uint8Array, start: number, end: number): boolean {
    let zeros = 0
    let h = FNV_OFFSET_BASIS
    let i = start
    for (; i + 1 < end; i += 2) {
      const pair = bytes[i] | (bytes[i + 1] << 16)
      const x = pair ^ 0x280028
      zeros |= (x - 0x10001) & ~x
      h = fnvStep(h, pair)
    }
    if (i < end) {
      if (bytes[i] === 40 /* ( */) return false
      h = fnvStep(h, bytes[i])
    }
    if ((zeros & 0x80008000) !== 0) return false
    this.argsHash = h
    return true
  }
}
