import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoRecordTable, LineNumber, Milliseconds } from '../../model/types'
import { NONE } from '../../model/types'
import { classifyNativeFrame } from '../native/native-frame'
import { isFatalSignal } from '../signals'
import { addThreadFrame, emitThread, newThread, type NativeThread } from '../gdb/native-thread'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import {
  decodeWebEscapes,
  parseLldbFrame,
  parseLldbFrameText,
  parseLldbThread,
  type LldbFrameText,
} from './lldb-line'

// Anchors (docs/formats/lldb.md, Anchors): a thread or frame line, a prompt, a stop notice.
const THREAD_ANCHOR = /^\*? ?thread #\d+(?:[,:]|$)/
const FRAME_ANCHOR = /^\*? ?frame #\d+: 0x/
const PROCESS_STOPPED = /^Process \d+ stopped$/

const QUICK = /thread #|frame #|\(lldb\) |Process \d/

export function sniffLldb(line: string): number {
  if (!QUICK.test(line)) return -1
  let i = line.indexOf('thread #')
  if (i < 0) i = line.indexOf('frame #')
  if (i < 0) i = line.indexOf('(lldb) ')
  if (i < 0) i = line.indexOf('Process ')
  if (i < 0) return -1
  // The anchor is the thread/frame text, or the `* ` marking the selected one.
  let from = i
  while (from > 0 && line.charCodeAt(from - 1) === 32) from--
  if (from > 0 && line.charCodeAt(from - 1) === 42 /* * */) from--
  else from = i
  const text = decodeWebEscapes(line.slice(from))
  if (
    text.startsWith('(lldb) ') ||
    THREAD_ANCHOR.test(text) ||
    FRAME_ANCHOR.test(text) ||
    PROCESS_STOPPED.test(text)
  ) {
    return line.slice(0, from).trim() === '' ? 0 : from
  }
  return -1
}

// lldb chatter around backtraces, kept in the region and skipped.
const NOISE =
  /^(?:Process \d+ (?:stopped|launched|exited|detached|resuming)|Target \d+: |Core file '|Executable module set to|Architecture set to|This version of LLDB |Current executable set to|->\s+0x|0x[0-9a-fA-F]+ <\+\d+>:|[^\s`]+`.*:$)/

type CrashFacts = {
  stopReason: string
  line: LineNumber
  time?: Milliseconds
  thread: NativeThread
}

/** A stop reason that means the program faulted, rather than a breakpoint or an attach. */
function isCrashStop(reason: string): boolean {
  if (reason.startsWith('signal ')) return isFatalSignal(reason.slice(7).trim())
  return /^(?:EXC_(?:BAD_ACCESS|BAD_INSTRUCTION|ARITHMETIC|CRASH|BREAKPOINT|GUARD|RESOURCE)|Exception 0x|hit program assert|fatal error)/.test(
    reason,
  )
}

/**
 * Reads one lldb region.
 *
 * States:
 * - between threads (`current === null`): prompts, process notices, disassembly.
 *   to: in a thread on a thread line (or on a frame line with no thread line before it).
 * - in a thread: frame lines. to: in another thread on the next thread line; to: between
 *   threads on a prompt.
 * Threads printed twice (the stop summary, then `bt all`) keep their last printing.
 */
class LldbReader implements RegionReader {
  private readonly threads: NativeThread[] = []
  private current: NativeThread | null = null
  private crash: CrashFacts | null = null
  private session = false

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = decodeWebEscapes(line.text).trim()
    if (text === '') return true
    if (text.startsWith('(lldb)')) {
      this.session = true
      this.current = null
      return true
    }
    const thread = parseLldbThread(text)
    if (thread) {
      const t = newThread(line.lineNo, thread.index, thread.name, thread.tid)
      this.start(t)
      if (thread.frameText) {
        const sp = thread.frameText.indexOf(' ')
        if (sp > 0)
          this.add(
            t,
            0,
            parseLldbFrameText(thread.frameText.slice(0, sp), thread.frameText.slice(sp + 1)),
          )
      }
      const reason = thread.stopReason
      if (reason && isCrashStop(reason) && (!this.crash || thread.selected))
        this.crash = { stopReason: reason, line: line.lineNo, time: line.time, thread: t }
      return true
    }
    const frame = parseLldbFrame(text)
    if (frame) {
      let t = this.current
      if (!t || frame.index <= t.lastIndex) t = this.start(newThread(line.lineNo))
      this.add(t, frame.index, frame.frame)
      return true
    }
    if (NOISE.test(text)) return true
    // Disassembly rows and tracebacks of lldb's own Python, inside a session.
    return this.session && /^\s/.test(line.text)
  }

  close(): void {
    let record: IndexIntoRecordTable = NONE
    const crashed = this.crash?.thread
    for (const t of this.threads) {
      const r = emitThread(this.builder, t, t === crashed)
      if (t === crashed) record = r
    }
    const c = this.crash
    if (!c || !crashed) return
    this.builder.addCrash({
      format: 'lldb',
      record,
      line: c.line,
      time: c.time,
      ...describeStop(c.stopReason),
      threadId: crashed.id,
      details: [],
    })
  }

  private start(t: NativeThread): NativeThread {
    if (t.id !== undefined) {
      const same = this.threads.findIndex((o) => o.id === t.id)
      if (same >= 0) {
        const old = this.threads[same]
        this.threads.splice(same, 1)
        if (this.crash?.thread === old) this.crash.thread = t
      }
    }
    this.threads.push(t)
    this.current = t
    return t
  }

  private add(t: NativeThread, index: number, f: LldbFrameText): void {
    const unnamed = f.func.startsWith('___lldb_unnamed_symbol')
    const frame = classifyNativeFrame({
      func: unnamed ? '??' : f.func,
      file: f.file,
      line: f.line,
      module: f.module,
      address: f.address,
    })
    addThreadFrame(this.builder, t, frame, index, f.args)
  }
}

/** Splits a stop reason into crash-fact fields. */
function describeStop(reason: string): {
  kind: string
  message: string
  signal?: string
  code?: string
  addr?: string
  pc?: string
} {
  if (reason.startsWith('signal ')) {
    return { kind: 'signal', signal: reason.slice(7).trim(), message: reason }
  }
  // macOS: `EXC_BAD_ACCESS (code=1, address=0x2a)`
  const mach = /^(EXC_\w+) \(code=([^,)]+)(?:, (?:address|subcode)=(0x[0-9a-fA-F]+))?\)/.exec(
    reason,
  )
  if (mach) return { kind: 'exception', message: reason, code: mach[2], addr: mach[3] }
  // Windows: `Exception 0xc0000005 encountered at address 0x7ff8...: Access violation reading location 0x...`
  const win = /^Exception (0x[0-9a-fA-F]+) encountered at address (0x[0-9a-fA-F]+): (.*)$/.exec(
    reason,
  )
  if (win) {
    const loc = / location (0x[0-9a-fA-F]+)$/.exec(win[3])
    return { kind: 'exception', message: win[3], code: win[1], pc: win[2], addr: loc?.[1] }
  }
  return { kind: 'exception', message: reason }
}

/** lldb `bt`, `bt all`, `thread backtrace all`, `thread list`. */
export const lldbFormat: RegionFormat = {
  format: 'lldb',
  sniff: sniffLldb,
  // QUICK's alternatives.
  hints: ['thread #', 'frame #', '(lldb) ', 'Process '],
  open: (builder) => new LldbReader(builder),
}
