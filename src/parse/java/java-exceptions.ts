import type { IncidentBuilder } from '../../model/builder'
import type {
  IndexIntoFrameTable,
  IndexIntoRecordTable,
  IndexIntoStackTable,
} from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import { HeldLines } from '../held-lines'
import type { RegionLine } from '../region'
import { internJavaFrame, parseJavaFrameLine } from './java-frames'

/**
 * Java exception traces as `Throwable.printStackTrace` prints them (java.base
 * java/lang/Throwable.java, read 2026-11-22): the header, `at` frames, `... N more`,
 * `Caused by:` and tab-indented `Suppressed:` blocks. One record per exception of the chain,
 * with the frames `... N more` elides filled in from the enclosing trace; a crash fact for the
 * chain. Notes: docs/formats/java.md; samples: satyr traces, an OpenJDK 17 generated trace.
 */

const EXCEPTION_IN_THREAD = 'Exception in thread "'
// Exception header, `Throwable.printStackTrace`: `[Exception in thread "t" ]pkg.Class[: message]`.
// A bare header (no `Exception in thread`) must have a package-qualified class name ending in
// Exception/Error/Throwable/Fault: other names (`java.lang.ThreadDeath`) are missed on purpose,
// a looser test would open a region on every log line that mentions a class.
const BARE_HEADER_RE = /^((?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*)(?::(?: .*)?)?$/
const THROWABLE_NAME_RE = /Exception|Error|Throwable|Fault/
const HEADER_RE = /^([\w$.]+)(?:: ?(.*))?$/
// `\t... 3 more`: the last N frames are the enclosing trace's (`printEnclosedStackTrace`).
const MORE_RE = /^\s+\.\.\. (\d+) more\s*$/
const CAUSED_BY = 'Caused by: '
const SUPPRESSED = 'Suppressed: '

/** Longest exception message kept when it spans several lines. */
const MAX_MESSAGE_LINES = 20
/**
 * Most frames one exception gets from its enclosing trace's `... N more`. A chain of causes
 * that each elide the whole trace above them grows by one trace a cause: without a bound, a
 * 1.6 MB chain expanded to hundreds of millions of frames.
 */
const MAX_EXPANDED_FRAMES = 1024
/** Causes named in the crash's details; the rest are counted. */
const MAX_NAMED_CAUSES = 20

/** One exception of a chain while it is read. */
type PendingException = {
  label: 'exception' | 'caused by' | 'suppressed'
  header: string
  /** Indentation width of the header line, to find the enclosing trace. */
  width: number
  frames: IndexIntoFrameTable[]
  more: number
  line: number
  messageLines: number
}

/** A finished exception's trace: its leaf stack node and how many frames deep it is. */
type Trace = { width: number; leaf: IndexIntoStackTable; depth: number }

/** Whether a line starts an exception chain (`Exception in thread "t" ...` or a bare header). */
export function isJavaExceptionHeader(text: string): boolean {
  return text.startsWith(EXCEPTION_IN_THREAD) || isBareJavaExceptionHeader(text)
}

/** The bare-header test the sniffer uses (a package-qualified `*Exception`/`*Error` at column 0). */
export function isBareJavaExceptionHeader(line: string): boolean {
  const m = BARE_HEADER_RE.exec(line)
  return m !== null && THROWABLE_NAME_RE.test(m[1].slice(m[1].lastIndexOf('.') + 1))
}

/**
 * Reads exception chains; `push` returns false on the first line that is not part of one.
 *
 * States: no chain (to: in chain, on a header line); in chain (frames, `... N more`,
 * `Caused by:`/`Suppressed:` open the next exception of the chain, a new `Exception in
 * thread` flushes the chain and starts another; message lines only before the first frame).
 */
export class ExceptionChainReader {
  private chainThread = ''
  private chain: PendingException | null = null
  private chainRecords: IndexIntoRecordTable[] = []
  private chainFirstHeader = ''
  private chainFirstLine = 0
  private chainCauses: string[] = []
  private chainFramesSeen = 0
  /** Enclosing traces by header indentation, innermost last. */
  private levels: Trace[] = []
  /** Whether the line being read continued an exception's message. */
  private messageNow = false
  /** Message lines no frame or other line of the chain has followed yet, oldest first. */
  private readonly unconfirmed = new HeldLines()
  /** `chainFirstHeader`'s length before the first unconfirmed line. */
  private confirmedHeaderLength = 0
  /** The first line pushed, and whether any record came of the lines. */
  private opening: RegionLine | null = null
  private produced = false
  /** The unconfirmed lines taken off at `close`. */
  private returned: readonly RegionLine[] = []

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    this.opening ??= line
    if (!this.chain) return this.exceptionHeader(line.text, line.lineNo, 0)
    this.messageNow = false
    if (!this.inException(line.text, line.lineNo)) return false
    if (this.messageNow) this.unconfirmed.hold(line)
    else this.unconfirmed.confirm()
    return true
  }

  close(): void {
    this.returned = this.takeUnconfirmed()
    this.flushChain()
    // Lone headers that no frame followed were log lines naming an exception: all go back.
    if (!this.produced && this.opening) this.returned = [this.opening, ...this.returned]
  }

  /** After `close`: the message lines no frame followed, oldest first (`RegionReader.unclaimed`). */
  unclaimed(): readonly RegionLine[] {
    return this.returned
  }

  /**
   * Takes the message lines that nothing of the chain followed off the chain: a lone
   * `pkg.SomeException: text` line that a log printed is followed by the log's next lines, and
   * they are the log's.
   */
  private takeUnconfirmed(): RegionLine[] {
    const lines = this.unconfirmed.take()
    if (lines.length === 0) return lines
    if (this.chain) this.chain.messageLines -= lines.length
    this.chainFirstHeader = this.chainFirstHeader.slice(0, this.confirmedHeaderLength)
    return lines
  }

  /** Starts an exception chain at a header line; false when the line is not one. */
  private exceptionHeader(text: string, lineNo: number, width: number): boolean {
    let header = text
    let thread = ''
    if (text.startsWith(EXCEPTION_IN_THREAD)) {
      const end = text.indexOf('" ', EXCEPTION_IN_THREAD.length)
      if (end < 0) return false
      thread = text.slice(EXCEPTION_IN_THREAD.length, end)
      header = text.slice(end + 2)
    } else if (!isBareJavaExceptionHeader(text)) {
      return false
    }
    if (!HEADER_RE.test(header)) return false
    this.flushChain()
    this.chainThread = thread
    this.chainFirstHeader = header
    this.chainFirstLine = lineNo
    this.chain = {
      label: 'exception',
      header,
      width,
      frames: [],
      more: 0,
      line: lineNo,
      messageLines: 1,
    }
    return true
  }

  private inException(text: string, lineNo: number): boolean {
    const chain = this.chain
    if (!chain) return false
    const frame = parseJavaFrameLine(text)
    if (frame) {
      chain.frames.push(internJavaFrame(this.builder, frame))
      this.chainFramesSeen++
      return true
    }
    const more = MORE_RE.exec(text)
    if (more) {
      chain.more = Number(more[1])
      return true
    }
    const trimmed = text.trimStart()
    const width = text.length - trimmed.length
    if (trimmed.startsWith(CAUSED_BY) || trimmed.startsWith(SUPPRESSED)) {
      const caused = trimmed.startsWith(CAUSED_BY)
      const header = trimmed.slice(caused ? CAUSED_BY.length : SUPPRESSED.length)
      this.finishException()
      if (caused && width === this.levels[0]?.width) this.chainCauses.push(header)
      this.chain = {
        label: caused ? 'caused by' : 'suppressed',
        header,
        width,
        frames: [],
        more: 0,
        line: lineNo,
        messageLines: 1,
      }
      return true
    }
    if (text.startsWith(EXCEPTION_IN_THREAD)) return this.exceptionHeader(text, lineNo, 0)
    // A message that spans lines: the lines between the header and the first frame.
    if (chain.frames.length === 0 && chain.more === 0 && chain.messageLines < MAX_MESSAGE_LINES) {
      // Another header: the one before it had no frames, and its region ends here.
      if (trimmed === '' || isBareJavaExceptionHeader(text)) return false
      if (this.unconfirmed.size === 0) this.confirmedHeaderLength = this.chainFirstHeader.length
      this.messageNow = true
      chain.messageLines++
      if (this.chainRecords.length === 0) this.chainFirstHeader += `\n${text}`
      return true
    }
    return false
  }

  /** Completes the current exception with its enclosing trace's frames and records it. */
  private finishException(): void {
    const e = this.chain
    if (!e) return
    this.chain = null
    const levels = this.levels
    while (levels.length > 0 && levels[levels.length - 1].width > e.width) levels.pop()
    let enclosing: Trace | undefined
    const top = levels[levels.length - 1]
    if (e.label === 'suppressed') {
      // A suppressed exception's enclosing trace is the one it is printed inside.
      const below = top && top.width === e.width ? levels[levels.length - 2] : top
      enclosing = below
    } else if (e.label === 'caused by') {
      enclosing = top && top.width === e.width ? top : undefined
    }
    // The elided frames are the enclosing trace's outermost ones: the node at that depth of
    // its path, reached from its leaf without copying its frames.
    const b = this.builder
    let n = 0
    let cut = false
    if (e.more > 0 && enclosing) {
      const room = Math.max(0, MAX_EXPANDED_FRAMES - e.frames.length)
      n = Math.min(e.more, enclosing.depth, room)
      cut = n < Math.min(e.more, enclosing.depth)
    }
    let node = n > 0 ? b.ancestorAtDepth(enclosing!.leaf, n - 1) : NONE
    for (let i = e.frames.length - 1; i >= 0; i--) node = b.stack(node, e.frames[i])
    const trace = { width: e.width, leaf: node, depth: n + e.frames.length }
    if (top && top.width === e.width) levels[levels.length - 1] = trace
    else levels.push(trace)

    // A lone header with no frames is a log message naming an exception: no record.
    if (trace.depth === 0 && this.chainFramesSeen === 0 && this.chainThread === '') return
    const record = b.addRecord({
      stack: node,
      state: e.label,
      name: this.chainThread || undefined,
      flags:
        (this.chainRecords.length === 0 ? RecordFlag.crashed : 0) |
        ((e.more > 0 && !enclosing) || cut ? RecordFlag.truncated : 0),
      line: e.line,
    })
    this.chainRecords.push(record)
    this.produced = true
  }

  private flushChain(): void {
    if (!this.chain && this.chainRecords.length === 0) return
    this.finishException()
    // A lone header with no frames is a log message naming an exception, not a crash.
    if (this.chainFramesSeen > 0 || this.chainThread !== '') {
      const m = HEADER_RE.exec(this.chainFirstHeader.split('\n', 1)[0])
      const details = this.chainCauses.slice(0, MAX_NAMED_CAUSES).map((c) => `caused by: ${c}`)
      if (this.chainCauses.length > MAX_NAMED_CAUSES)
        details.push(`${this.chainCauses.length - MAX_NAMED_CAUSES} more causes`)
      if (this.chainRecords.length > 1 + this.chainCauses.length)
        details.push(`${this.chainRecords.length} exceptions in the chain`)
      this.builder.addCrash({
        format: 'java',
        kind: 'exception',
        message: this.chainFirstHeader,
        record: this.chainRecords[0] ?? NONE,
        line: this.chainFirstLine,
        details: m ? [`class: ${m[1]}`, ...details] : details,
      })
    }
    this.chainRecords = []
    this.chainCauses = []
    this.chainFramesSeen = 0
    this.chainThread = ''
    this.chainFirstHeader = ''
    this.levels = []
  }
}
