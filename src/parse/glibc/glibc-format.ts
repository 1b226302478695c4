import type { CrashFact } from '../../model/types'
import { EventKind, Level, NONE } from '../../model/types'
import type { IncidentBuilder } from '../../model/builder'
import { classifyNativeFrame } from '../native/native-frame'
import { addThreadFrame, emitThread, newThread, type NativeThread } from '../gdb/native-thread'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import {
  BACKTRACE_ROW,
  BACKTRACE_START,
  GLIBC_HINT,
  GLIBC_HINTS,
  MAPS_ROW,
  MEMORY_MAP_START,
  parseGlibcMessage,
  type GlibcMessage,
} from './glibc-messages'

/** How many candidate starts a sniff tries on one line. */
const MAX_STARTS = 24

/**
 * Where a glibc message starts on this line, or -1. The message may follow a log prefix, so
 * after the line start it is tried after each `: `, `] `, `| `, `> ` or tab before the hint
 * (not after any space: `request Aborted` is not a shell report).
 */
export function sniffGlibc(line: string): number {
  const found = GLIBC_HINT.exec(line)
  if (!found) return -1
  const hint = found.index
  let start = 0
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++
  if (parseGlibcMessage(line.slice(start).trimEnd())) return 0
  let tries = 0
  for (let i = start + 1; i <= hint && tries < MAX_STARTS; i++) {
    const p = line[i - 1]
    const q = line[i - 2]
    if (!(p === '\t' || (p === ' ' && (q === ':' || q === ']' || q === '|' || q === '>')))) continue
    // A log prefix carries a time or a pid; `Fatal Python error: Segmentation fault` does not.
    if (!/\d/.test(line.slice(0, i))) continue
    tries++
    if (parseGlibcMessage(line.slice(i).trimEnd())) return i
  }
  return -1
}

/**
 * Reads one glibc region: the fatal message, the old backtrace and memory map that glibc
 * < 2.26 printed after it, and the shell's `Aborted (core dumped)`.
 *
 * States:
 * - message: after a message line. to: backtrace on `==== Backtrace: ====`; to: maps on
 *   `==== Memory map: ====`; stays on further messages and the shell's report.
 * - backtrace: one frame per line (leaf first). to: maps; to: message on a message line.
 * - maps: `/proc/self/maps` rows, skipped. to: message on a message line.
 */
class GlibcReader implements RegionReader {
  private state: 'message' | 'backtrace' | 'maps' = 'message'
  private crash: CrashFact | null = null
  private thread: NativeThread | null = null
  private frameIndex = 0
  /** A report of how the process ended (`Aborted (core dumped)`) followed the message. */
  private confirmed = false

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text.trim()
    if (text === '') return true
    const msg = parseGlibcMessage(text)
    if (msg) {
      this.message(msg, line)
      return true
    }
    if (BACKTRACE_START.test(text)) {
      this.state = 'backtrace'
      this.thread = newThread(line.lineNo)
      this.frameIndex = 0
      return true
    }
    if (MEMORY_MAP_START.test(text)) {
      this.state = 'maps'
      return true
    }
    if (this.state === 'backtrace' && this.thread) {
      const m = BACKTRACE_ROW.exec(text)
      if (m) {
        this.addFrame(this.thread, m[1], m[2], m[3])
        return true
      }
    }
    if (this.state === 'maps' && MAPS_ROW.test(text)) return true
    // A test harness's or shell's note on how the process ended.
    const exit = /^exit (?:status|code):? (\d+)$/.exec(text)
    if (exit && this.crash) {
      this.crash.details.push(`exit status ${exit[1]}`)
      return true
    }
    return false
  }

  close(): void {
    const t = this.thread
    if (!t) return
    if (this.state === 'backtrace') t.truncated = true
    const record = emitThread(this.builder, t, this.crash !== null)
    if (this.crash) this.crash.record = record
  }

  private message(msg: GlibcMessage, line: RegionLine): void {
    const c = this.crash
    // The shell (or make, or a Go program) confirms the message's abort: one crash, with how
    // it ended as a detail.
    const report = msg.details?.at(-1)
    if (msg.shell && c && report !== undefined && !this.confirmed) {
      this.confirmed = true
      c.details.push(report)
      c.signal ??= msg.signal
      return
    }
    this.confirmed = msg.shell
    const details: string[] = []
    if (msg.program) details.push(`program: ${msg.program}`)
    if (msg.details) details.push(...msg.details)
    this.crash = this.builder.addCrash({
      format: 'glibc',
      kind: msg.kind,
      message: msg.message,
      signal: msg.signal,
      addr: msg.addr,
      record: NONE,
      time: line.time,
      line: line.lineNo,
      details,
    })
    this.builder.addEvent({
      time: line.time ?? NaN,
      kind: EventKind.crash,
      level: Level.fatal,
      line: line.lineNo,
      label: msg.message,
    })
    this.state = 'message'
  }

  private addFrame(t: NativeThread, module: string, symbol: string | undefined, address: string) {
    // `func+0x1c`, `+0x7c503` (offset only) or nothing.
    const plus = symbol ? symbol.lastIndexOf('+') : -1
    const func = symbol === undefined ? '' : plus >= 0 ? symbol.slice(0, plus) : symbol
    const offset = plus >= 0 && func === '' ? symbol!.slice(plus + 1) : undefined
    const frame = classifyNativeFrame({ func, module, address, moduleOffset: offset })
    addThreadFrame(this.builder, t, frame, this.frameIndex++)
  }
}

/** glibc's fatal messages (heap corruption, stack smashing, failed asserts) and the shell's report. */
export const glibcFormat: RegionFormat = {
  format: 'glibc',
  sniff: sniffGlibc,
  hints: GLIBC_HINTS,
  open: (builder) => new GlibcReader(builder),
}
