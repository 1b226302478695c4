import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { FrameKind, RecordFlag } from '../../model/types'
import { HeldLines } from '../held-lines'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { cleanRustSymbol, rustFrameKind } from './rust-frames'

/**
 * Rust panics and their backtraces (RUST_BACKTRACE=1 and =full, 2016 to 1.95 formats), stack
 * overflows and `fatal runtime error` aborts.
 *
 * Grammar notes and samples: docs/formats/rust.md (rustc 1.95 generated samples; a
 * 2016 servo, a 2021 lapce and a 1.73+ uwd2 paste). Printing code: std's
 * `default_hook` (library/std/src/panicking.rs) and library/std/src/sys/backtrace.rs, read
 * 2026-11-22.
 */

// Searched without its leading space: V8's substring search is slow on long runs of the
// pattern's first character, and indented pastes have long runs of spaces.
const PANICKED_AT = 'panicked at '
// `thread 'main' panicked at src/main.rs:2:5:` (1.73+, message on the next lines),
// `thread 'main' (21089) panicked at ...` (recent rustc adds the OS thread id),
// `thread 'main' panicked at 'msg', src/main.rs:2:5` (before 1.73, message inline).
// Split with string searches around ` panicked at `: one regex for the whole line backtracks
// polynomially on hostile input.
const HEADER_HEAD_RE = /^thread '(.*)'(?: \((\d+)\))?$/
const DIGITS_RE = /^\d+$/

type PanicHeader = {
  thread: string
  threadId?: number
  /** The inline message of the pre-1.73 form, undefined for 1.73+. */
  message?: string
  location: string
  /** 1.73+: the header ends in `:` and the message follows on the next lines. */
  messageFollows: boolean
}

function parsePanicHeader(text: string): PanicHeader | null {
  const at = text.indexOf(' panicked at ')
  if (at < 0 || !text.startsWith("thread '")) return null
  const head = HEADER_HEAD_RE.exec(text.slice(0, at))
  if (!head) return null
  let tail = text.slice(at + 13)
  let message: string | undefined
  if (tail.startsWith("'")) {
    const end = tail.lastIndexOf("', ")
    if (end < 0) return null
    message = tail.slice(1, end)
    tail = tail.slice(end + 3)
  }
  const messageFollows = message === undefined && tail.endsWith(':')
  if (messageFollows) tail = tail.slice(0, -1)
  // `file:line[:column]`; the file may itself contain `:` (Windows drive letters).
  const parts = tail.split(':')
  let n = parts.length
  while (n > 1 && parts.length - n < 2 && DIGITS_RE.test(parts[n - 1])) n--
  if (n === parts.length || n < 1 || parts.slice(0, n).join(':') === '') return null
  return {
    thread: head[1],
    threadId: head[2] === undefined ? undefined : Number(head[2]),
    message,
    location: tail,
    messageFollows,
  }
}
const OVERFLOW_RE = /^thread '(.*?)'(?: \((\d+)\))? has overflowed its stack$/
const FATAL_RUNTIME = 'fatal runtime error: '
const BACKTRACE = 'stack backtrace:'
// `   6: panic::pick_shard` (RUST_BACKTRACE=1), `  27:     0x559e9fc1803b - core::...::h...`
// (full, and every frame of 2016-era output), `  16:                0x0 - <unknown>`.
const FRAME_RE = /^\s*(\d+):\s+(?:(0x[0-9a-fA-F]+) - )?(\S.*)$/
// `             at /rustc/<hash>/library/std/src/panicking.rs:689:5`.
const AT_RE = /^\s+at (.+?):(\d+)(?::(\d+))?\s*$/
const FULL_FRAME_RE = /^\s*\d+:\s+0x[0-9a-fA-F]+ - \S/

/** `  27:     0x559e9fc1803b - sym`: at most a few spaces, then a digit, before the regex. */
function looksLikeFullFrame(line: string): boolean {
  let i = 0
  while (i < 8 && line.charCodeAt(i) === 32) i++
  const c = line.charCodeAt(i)
  return c >= 48 && c <= 57 && FULL_FRAME_RE.test(line)
}

/** Longest panic message kept (lines after a 1.73+ header). */
const MAX_MESSAGE_LINES = 20

/** Rust panics, backtraces and runtime aborts. */
export const rustFormat: RegionFormat = {
  format: 'rust',
  // `0x` for a full frame pasted without its header.
  hints: [PANICKED_AT, BACKTRACE, 'has overflowed its stack', FATAL_RUNTIME, '0x'],
  sniff(line) {
    let at = line.indexOf(PANICKED_AT)
    if (at >= 0) {
      at = line.lastIndexOf("thread '", at)
      return at >= 0 && parsePanicHeader(line.slice(at)) ? at : -1
    }
    at = line.indexOf(BACKTRACE)
    if (at >= 0) return line.length === at + BACKTRACE.length ? at : -1
    if (line.includes('has overflowed its stack')) {
      at = line.indexOf("thread '")
      return at >= 0 && OVERFLOW_RE.test(line.slice(at)) ? at : -1
    }
    at = line.indexOf(FATAL_RUNTIME)
    if (at >= 0) return at
    // A backtrace pasted without its header (the full, addressed form only).
    return looksLikeFullFrame(line) ? 0 : -1
  },
  open(builder) {
    return new RustReader(builder)
  },
}

type PendingFrame = { func: string; address?: string; file?: string; line?: number }

type State =
  // Collecting a 1.73+ panic message. from: header ending in `:`. to: body (note:, stack
  // backtrace:, a frame, a blank line, another header).
  | 'message'
  // Notes and the backtrace. from: start, message. Ends on a blank line or unknown text.
  | 'body'

class RustReader implements RegionReader {
  private state: State = 'body'
  private hasPanic = false
  private thread = ''
  private threadId: number | undefined
  private message = ''
  private messageLines = 0
  private location = ''
  private panicLine = 0
  private kind = 'panic'
  private details: string[] = []
  private frames: IndexIntoFrameTable[] = []
  /** The first application frame seen, as `func (file:line)`. */
  private site = ''
  private pending: PendingFrame | null = null
  private firstFrameNo = -1
  private firstLine = -1
  /** Whether the line being read continued a panic's message after its first line. */
  private messageNow = false
  /** Message lines after the first that nothing of the panic has followed yet. */
  private readonly unconfirmed = new HeldLines()
  /** The message's length before the first unconfirmed line. */
  private confirmedLength = 0
  private returned: readonly RegionLine[] = []

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    this.messageNow = false
    if (!this.read(line)) return false
    if (this.messageNow) this.unconfirmed.hold(line)
    else this.unconfirmed.confirm()
    return true
  }

  close(): void {
    // Message lines that no note, frame or blank line followed were the next lines of a log
    // that printed the header: they go back, and the message keeps its first line.
    this.returned = this.unconfirmed.take()
    if (this.returned.length > 0) this.message = this.message.slice(0, this.confirmedLength)
    this.flush()
  }

  /** After `close`: the unconfirmed message lines (`RegionReader.unclaimed`). */
  unclaimed(): readonly RegionLine[] {
    return this.returned
  }

  private read(line: RegionLine): boolean {
    const text = line.text
    if (this.firstLine < 0) this.firstLine = line.lineNo
    const header = text.includes(PANICKED_AT) ? parsePanicHeader(text) : null
    if (header) {
      this.flush()
      this.hasPanic = true
      this.kind = 'panic'
      this.thread = header.thread
      this.threadId = header.threadId
      this.location = header.location
      this.panicLine = line.lineNo
      this.message = header.message ?? ''
      this.messageLines = 0
      this.state = header.messageFollows ? 'message' : 'body'
      return true
    }
    const overflow = text.includes('has overflowed') ? OVERFLOW_RE.exec(text) : null
    if (overflow) {
      this.flush()
      this.hasPanic = true
      this.kind = 'stack overflow'
      this.thread = overflow[1]
      this.threadId = overflow[2] === undefined ? undefined : Number(overflow[2])
      this.message = `thread '${overflow[1]}' has overflowed its stack`
      this.panicLine = line.lineNo
      this.state = 'body'
      return true
    }
    if (this.state === 'message') {
      if (
        text.trim() !== '' &&
        !text.startsWith('note: ') &&
        text !== BACKTRACE &&
        !FRAME_RE.test(text) &&
        this.messageLines < MAX_MESSAGE_LINES
      ) {
        if (this.messageLines > 0) {
          if (this.unconfirmed.size === 0) this.confirmedLength = this.message.length
          this.messageNow = true
        }
        this.message += this.messageLines === 0 ? text : `\n${text}`
        this.messageLines++
        return true
      }
      this.state = 'body'
    }
    return this.body(text, line.lineNo)
  }

  private body(text: string, lineNo: number): boolean {
    if (text.startsWith(FATAL_RUNTIME)) {
      const what = text.slice(FATAL_RUNTIME.length)
      if (!this.hasPanic) {
        this.hasPanic = true
        this.kind = 'fatal runtime error'
        this.message = what
        this.panicLine = lineNo
      } else this.details.push(text)
      return true
    }
    if (text === BACKTRACE) return true
    if (text.startsWith('note: ')) return true
    if (
      text.startsWith("error: process didn't exit successfully") ||
      text.startsWith('thread caused non-unwinding panic')
    ) {
      this.details.push(text)
      return true
    }
    const at = AT_RE.exec(text)
    if (at && this.pending) {
      if (this.pending.file === undefined) {
        this.pending.file = at[1]
        this.pending.line = Number(at[2])
      }
      return true
    }
    const frame = FRAME_RE.exec(text)
    if (frame) {
      this.flushFrame()
      if (this.firstFrameNo < 0) this.firstFrameNo = Number(frame[1])
      this.pending = { func: cleanRustSymbol(frame[3]), address: frame[2] }
      return true
    }
    return false
  }

  private flushFrame(): void {
    const p = this.pending
    if (!p) return
    this.pending = null
    const { kind, module } = rustFrameKind(p.func, p.file)
    if (kind === FrameKind.app && this.site === '')
      this.site = p.file ? `${p.func} (${p.file}:${p.line})` : p.func
    this.frames.push(
      this.builder.frame({
        func: kind === FrameKind.unknown ? 'unknown' : p.func,
        file: p.file,
        line: p.line,
        module,
        kind,
        address: p.address,
      }),
    )
  }

  /** Ends the current panic (or headerless backtrace): one record, and a crash for a panic. */
  private flush(): void {
    this.flushFrame()
    if (!this.hasPanic && this.frames.length === 0) return
    const b = this.builder
    // 2016-era backtraces number from 1; a later first frame means the paste lost its start.
    const truncated = this.firstFrameNo > 1
    if (truncated)
      b.warn(`A Rust backtrace starts at frame ${this.firstFrameNo}: its beginning is missing.`)
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(this.frames),
      state: this.hasPanic ? (this.kind === 'panic' ? 'panicked' : this.kind) : undefined,
      id: this.threadId,
      name: this.thread || undefined,
      flags: (this.hasPanic ? RecordFlag.crashed : 0) | (truncated ? RecordFlag.truncated : 0),
      line: this.hasPanic ? this.panicLine : this.firstLine,
    })
    if (this.hasPanic) {
      const details = this.details.slice()
      if (this.location) details.unshift(`location: ${this.location}`)
      if (this.site) details.push(`first application frame: ${this.site}`)
      b.addCrash({
        format: 'rust',
        kind: this.kind,
        message: this.message,
        threadId: this.threadId,
        record,
        line: this.panicLine,
        details,
      })
    }
    this.hasPanic = false
    this.thread = ''
    this.threadId = undefined
    this.message = ''
    this.location = ''
    this.details = []
    this.frames = []
    this.site = ''
    this.firstFrameNo = -1
    this.kind = 'panic'
  }
}
