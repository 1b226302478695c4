import { MAX_LINE_LENGTH } from '../scanner'
import { HOLDS_PAREN, hashArgWords, wordsOf } from './byte-words'
import type { LineMemo } from './go-line-memo'
import type { StoredShape } from './go-stack-assembly'

// What the next line of a goroutine being noted must be (StackTemplates).
/** Not noting. */
const OFF = 0
/** A function line, `created by`, or the blank line. */
const FRAME = 1
/** The file line of the function line before. */
const FILE = 2
/** The location of `created by`. */
const CREATED_FILE = 3
/** The blank line. */
const BLANK = 4

/** Stack shapes kept: a dump's goroutines alternate between a few (a leak's and the rest). */
const MAX_TEMPLATES = 8

/**
 * The lines after a goroutine's header that a goroutine of the same stack prints again, but
 * for its functions' arguments: `F0(args)`, its file line, `F1(args)`, ..., optionally
 * `created by` and its file line, then the blank line that ends the stack. The text between one
 * function's arguments and the next's is constant (`)` ends the arguments, then the file line,
 * then the next function and its `(`), so a goroutine of the shape is matched by one comparison
 * a frame and a pass over its arguments, rather than line by line.
 *
 * Every line of a template was read before by LineMemo's comparisons (`funcEnd`, `fileEnd`,
 * `createdByEnd`, `createdFileEnd`), whose results depend on the text alone: a goroutine that
 * matches reads as those comparisons would have read it line by line.
 */
export class StackTemplate {
  /**
   * The constant texts: `segments[0]` is `F0(`; `segments[k]` starts at the break that ends
   * function line k-1 and holds its file line, then `Fk(` (the last: the file line, the
   * `created by` lines and the blank line, to its break).
   */
  readonly segments: string[] = []
  /** Where function line k starts in `segments[k]`. */
  readonly funcStarts: number[] = []
  readonly funcs: string[] = []
  readonly files: string[] = []
  readonly lines: number[] = []
  readonly addresses: (string | undefined)[] = []
  /** What the `created by` line and its location parsed to, when `created`. */
  readonly createdFunc: string
  readonly createdParent: number | undefined
  readonly createdFile: string
  readonly createdLine: number
  readonly createdAddress: string | undefined
  /** The lines a match takes: two a frame, two for `created by`, the blank line. */
  readonly lineCount: number
  /** What the first goroutine of this shape was stored with, for the next ones. */
  stored: StoredShape | null = null

  constructor(
    memo: LineMemo,
    frames: number,
    readonly created: boolean,
  ) {
    let before = ''
    for (let k = 0; k < frames; k++) {
      const func = memo.funcText(k)
      this.funcStarts.push(before.length)
      this.segments.push(`${before}${func}(`)
      this.funcs.push(func)
      this.files.push(memo.files[k])
      this.lines.push(memo.lines[k])
      this.addresses.push(memo.addresses[k])
      before = `\n${memo.fileText(k)}\n`
    }
    if (created) before += `${memo.createdByText()}\n${memo.createdFileText()}\n`
    this.createdFunc = memo.createdFunc
    this.createdParent = memo.createdParent
    this.createdFile = memo.createdFile
    this.createdLine = memo.createdLine
    this.createdAddress = memo.createdAddress
    this.segments.push(`${before}\n`)
    this.lineCount = 2 * frames + (created ? 2 : 0) + 1
  }

  /** Whether `other` prints the same constant texts. */
  sameAs(other: StackTemplate): boolean {
    const a = this.segments
    const b = other.segments
    if (a.length !== b.length) return false
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false
    return true
  }

  /**
   * Where the blank line that ends this shape's block at `start` ends (its break, before
   * `limit`), or -1 when the text there is not this shape. The arguments' lengths and hashes,
   * as `LineMemo.funcEnd` finds them, are then in `argsLengths` and `argsHashes`.
   */
  matchAt(
    source: string,
    start: number,
    limit: number,
    bytes: Uint8Array,
    words: Int32Array,
    argsLengths: number[],
    argsHashes: number[],
  ): number {
    const segments = this.segments
    const frames = segments.length - 1
    let at = start
    for (let k = 0; k <= frames; k++) {
      const segment = segments[k]
      const open = at + segment.length
      if (open > limit) return -1
      // A slice compared whole: V8 runs `startsWith` character by character.
      if (source.slice(at, open) !== segment) return -1
      if (k === frames) return open - 1
      const lineStart = at + this.funcStarts[k]
      const end = source.indexOf('\n', open)
      if (end === -1 || end >= limit || end - lineStart > MAX_LINE_LENGTH) return -1
      if (bytes[end - 1] !== 41 /* ) */) return -1
      const hash = hashArgWords(bytes, words, open, end - 1)
      if (hash === HOLDS_PAREN) return -1
      argsLengths[k] = end - 1 - open
      argsHashes[k] = hash
      at = end
    }
    return -1
  }
}

/**
 * The stack shapes read lately (StackTemplate), most recent first, and the goroutine being
 * read, noted step by step while every line after its header is one LineMemo knew, to become
 * a template at its blank line.
 */
export class StackTemplates {
  private readonly templates: StackTemplate[] = []
  /** The frames noted, and what the next line must be; -1 when not noting. */
  private frames = 0
  private phase = OFF
  /** The template `find` matched, and what its match read. */
  matched: StackTemplate | null = null
  readonly argsLengths: number[] = []
  readonly argsHashes: number[] = []

  /**
   * Where the lines at `start` that one of the templates matches end, with the template in
   * `matched`; else -1.
   */
  find(source: string, start: number, limit: number, bytes: Uint8Array): number {
    const templates = this.templates
    for (let i = 0; i < templates.length; i++) {
      const template = templates[i]
      const open = start + template.segments[0].length
      // The first function's `(` first: most shapes fail there without a slice.
      if (open > limit || bytes[open - 1] !== 40 /* ( */) continue
      const end = template.matchAt(
        source,
        start,
        limit,
        bytes,
        wordsOf(bytes),
        this.argsLengths,
        this.argsHashes,
      )
      if (end === -1) continue
      if (i > 0) {
        templates.splice(i, 1)
        templates.unshift(template)
      }
      this.matched = template
      return end
    }
    return -1
  }

  /** A goroutine's header was read: its lines are noted from here. */
  begin(): void {
    this.frames = 0
    this.phase = FRAME
  }

  /** A line read otherwise than by the steps below: the goroutine is not noted. */
  stop(): void {
    this.phase = OFF
  }

  /** A function line read by `LineMemo.funcEnd` at stack position `slot`. */
  func(slot: number): void {
    this.phase = this.phase === FRAME && slot === this.frames ? FILE : OFF
  }

  /** A file line read by `LineMemo.fileEnd` at stack position `slot`. */
  file(slot: number): void {
    if (this.phase === FILE && slot === this.frames) {
      this.frames++
      this.phase = FRAME
    } else this.phase = OFF
  }

  /** A `created by` line read by `LineMemo.createdByEnd`. */
  createdBy(): void {
    this.phase = this.phase === FRAME ? CREATED_FILE : OFF
  }

  /** A `created by` location read by `LineMemo.createdFileEnd`. */
  createdFile(): void {
    this.phase = this.phase === CREATED_FILE ? BLANK : OFF
  }

  /** The blank line after a stack: a goroutine noted whole becomes a template. */
  blank(memo: LineMemo): void {
    const phase = this.phase
    this.phase = OFF
    if ((phase !== FRAME && phase !== BLANK) || this.frames === 0) return
    const template = new StackTemplate(memo, this.frames, phase === BLANK)
    const templates = this.templates
    for (let i = 0; i < templates.length; i++) if (templates[i].sameAs(template)) return
    if (templates.length === MAX_TEMPLATES) templates.pop()
    templates.unshift(template)
  }
}
