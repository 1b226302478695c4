import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, IndexIntoRecordTable } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { internPythonFrame, parsePythonFrameLine } from './python-frames'
import { signalFromDescription } from '../signals'

/**
 * Python tracebacks (with `__cause__`/`__context__` chains and 3.11 exception groups) and
 * faulthandler dumps (`Fatal Python error: ...`, `dump_traceback_later` timeouts).
 *
 * Grammar notes and samples: docs/formats/python.md (CPython 3.11 generated samples,
 * abrt/satyr Python 2.6-3 tracebacks). Printing code: Lib/traceback.py and
 * Python/traceback.c (faulthandler), read 2026-11-22.
 */

const TRACEBACK = 'Traceback (most recent call last):'
const FATAL = 'Fatal Python error: '
const MOST_RECENT_FIRST = '(most recent call first):'
// `Exception in thread Thread-1 (worker):` (threading.excepthook, 3.8+; older: no target).
const THREAD_EXC_RE = /^Exception in thread ([^"].*?):$/
// `Current thread 0x00007f47bb625b80 (most recent call first):`, `Thread 0x... (...)`,
// and `Stack (most recent call first):` when only the current thread is dumped.
const FAULT_THREAD_RE = /^(Current thread|Thread) (0x[0-9a-fA-F]+) \(most recent call first\):$/
// The exception line: `ValueError: msg`, `module.Error`, `KeyboardInterrupt`.
const EXCEPTION_RE = /^([A-Za-z_][\w.]*)(?:: (.*))?$/
const DIRECT_CAUSE = 'The above exception was the direct cause of the following exception:'
const DURING_HANDLING = 'During handling of the above exception, another exception occurred:'
// Exception groups (3.11+) nest tracebacks behind `  | ` and `  +-+---- 1 ----` margins.
const GROUP_MARGIN_RE = /^\s*[|+](?:[-+]*[ -]|$)/
const GROUP_SEPARATOR_RE = /^\s*\+[-+]+(?: \d+ -+| \.\.\.[^-]*-+)?$/

/** Python tracebacks and faulthandler dumps. */
export const pythonFormat: RegionFormat = {
  format: 'python',
  hints: [TRACEBACK, FATAL, MOST_RECENT_FIRST, 'Timeout (', 'Exception in thread ', '  File "'],
  sniff(line) {
    let at = line.indexOf(TRACEBACK)
    if (at >= 0) return line.includes('Exception Group Traceback') ? 0 : at
    at = line.indexOf(FATAL)
    if (at >= 0) return at
    if (line.endsWith(MOST_RECENT_FIRST)) {
      at = line.indexOf('hread 0x')
      if (at > 0) {
        const start =
          line.charCodeAt(at - 1) === 84 /* T */ ? at - 1 : line.lastIndexOf('Current', at)
        if (start >= 0 && FAULT_THREAD_RE.test(line.slice(start))) return start
      }
      return -1
    }
    if (line.startsWith('Timeout (') && line.endsWith(')!')) return 0
    if (line.startsWith('Exception in thread ') && THREAD_EXC_RE.test(line)) return 0
    // A SyntaxError printed without a `Traceback` line (satyr python-04).
    if (line.startsWith('  File "') && parsePythonFrameLine(line)) return 0
    return -1
  },
  open(builder) {
    return new PythonReader(builder)
  },
}

/** One traceback of a chain while it is read. */
type PendingTraceback = {
  /** Frames root first, as printed. */
  frames: IndexIntoFrameTable[]
  exception: string
  /** How the next traceback relates to this one: `cause`, `context`, or '' for the last. */
  label: string
  /** A sub-exception of an exception group (3.11+). */
  sub: boolean
  line: number
}

type State =
  // Before the first line. to: frames, fault, thread-exc.
  | 'start'
  // `Exception in thread X:` seen. from: start/after. to: frames (`Traceback`).
  | 'thread-exc'
  // Frame and source lines of a traceback. from: start, chain (`Traceback`). to: after (the
  // exception line).
  | 'frames'
  // After an exception line. from: frames. to: chain (a separator), frames (a new
  // `Traceback`); ends on any other non-blank line.
  | 'after'
  // Between a chain separator and the next `Traceback`. from: after. to: frames.
  | 'chain'
  // A faulthandler dump. from: start. Threads, frames, `Extension modules:`; ends on any
  // other non-blank line.
  | 'fault'

// subprocess.CalledProcessError for a child a signal killed (Lib/subprocess.py, `__str__`):
// `Command '['./app']' died with <Signals.SIGSEGV: 11>.`
const DIED_WITH_RE = / died with <Signals\.(SIG[A-Z0-9]+): \d+>\.$/

/** The signal a child died of, when the exception says so (`died with <Signals.SIGKILL: 9>`). */
function childSignal(exception: string): string | undefined {
  return DIED_WITH_RE.exec(exception)?.[1]
}

/** `linesSinceFrame` before a traceback's first frame. */
const NO_FRAME_YET = 2

class PythonReader implements RegionReader {
  private state: State = 'start'
  private chain: PendingTraceback[] = []
  private current: PendingTraceback | null = null
  private threadName = ''
  /** Lines read since the last frame line of the traceback. */
  private linesSinceFrame = 0

  // faulthandler dump.
  private fatal = ''
  private fatalLine = -1
  private faultThread = ''
  private faultCurrent = false
  private faultLine = 0
  private faultFrames: IndexIntoFrameTable[] = []
  private faultCurrentRecord: IndexIntoRecordTable = NONE
  private faultCurrentId: number | undefined
  private inFaultThread = false

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    let text = line.text
    if (this.state !== 'fault' && GROUP_MARGIN_RE.test(text)) {
      // Exception group: a `+-+---- 2 ----` separator starts a sub-exception.
      if (GROUP_SEPARATOR_RE.test(text)) {
        if (this.current && this.current.exception !== '') this.finishTraceback()
        if (!/\d/.test(text)) {
          // The closing `+------------` of a group.
          this.current = null
          this.state = 'after'
          return true
        }
        this.beginTraceback(line.lineNo)
        if (this.current) (this.current as PendingTraceback).sub = true
        return true
      }
      text = text.replace(/^(?:\s*[|+](?: |$))+/, '')
      if (text.startsWith('+ ')) text = text.slice(2)
    }
    switch (this.state) {
      case 'start':
        return this.start(text, line.lineNo)
      case 'thread-exc':
        if (text.startsWith(TRACEBACK)) return this.beginTraceback(line.lineNo)
        return false
      case 'frames':
        return this.inFrames(text)
      case 'after':
        return this.after(text, line.lineNo)
      case 'chain':
        if (text.trim() === '') return true
        if (text.includes(TRACEBACK)) return this.beginTraceback(line.lineNo)
        return false
      case 'fault':
        return this.inFault(text, line.lineNo)
    }
  }

  close(): void {
    switch (this.state) {
      case 'frames':
        this.builder.warn('The Python traceback is cut before its exception line.')
        this.finishChain()
        break
      case 'after':
      case 'chain':
        this.finishChain()
        break
      case 'fault':
        this.finishFault()
        break
      case 'start':
      case 'thread-exc':
        break
    }
  }

  private start(text: string, lineNo: number): boolean {
    if (text.includes(TRACEBACK)) return this.beginTraceback(lineNo)
    if (text.startsWith(FATAL)) {
      this.fatal = text.slice(FATAL.length).trim()
      this.fatalLine = lineNo
      this.state = 'fault'
      return true
    }
    if (text.startsWith('Timeout (') || FAULT_THREAD_RE.test(text)) {
      this.state = 'fault'
      return this.inFault(text, lineNo)
    }
    const thread = THREAD_EXC_RE.exec(text)
    if (thread) {
      this.threadName = thread[1]
      this.state = 'thread-exc'
      return true
    }
    const frame = parsePythonFrameLine(text)
    if (frame) {
      this.beginTraceback(lineNo)
      return this.inFrames(text)
    }
    return false
  }

  private beginTraceback(lineNo: number): boolean {
    this.current = { frames: [], exception: '', label: '', sub: false, line: lineNo }
    // No frame yet: the line after the header is not a frame's source line.
    this.linesSinceFrame = NO_FRAME_YET
    this.state = 'frames'
    return true
  }

  private inFrames(text: string): boolean {
    const current = this.current
    if (!current) return false
    const frame = parsePythonFrameLine(text)
    const afterFrame = this.linesSinceFrame++
    if (frame) {
      current.frames.push(internPythonFrame(this.builder, frame))
      this.linesSinceFrame = 0
      return true
    }
    // Source lines, `^^^^` / `~~~^^^` markers, `[Previous line repeated 996 more times]`.
    const c = text.charCodeAt(0)
    if (c === 32 || c === 9 || text === '') return true
    if (EXCEPTION_RE.test(text.split(':', 1)[0])) {
      current.exception = text.trimEnd()
      this.finishTraceback()
      this.state = 'after'
      return true
    }
    // A log prefix peeled with its trailing spaces leaves source lines unindented: the
    // line after a frame is its source, the next may be its marker line.
    if (afterFrame === 0) return true
    if (afterFrame === 1 && /^[\^~ ]+$/.test(text)) return true
    return false
  }

  private finishTraceback(): void {
    if (this.current) this.chain.push(this.current)
    this.current = null
  }

  private after(text: string, lineNo: number): boolean {
    if (text.trim() === '') return true
    if (text === DIRECT_CAUSE || text === DURING_HANDLING) {
      const last = this.chain[this.chain.length - 1]
      if (last) last.label = text === DIRECT_CAUSE ? 'cause' : 'context'
      this.state = 'chain'
      return true
    }
    if (text.includes(TRACEBACK)) {
      // A new, unrelated traceback right after this one.
      this.finishChain()
      return this.beginTraceback(lineNo)
    }
    const thread = THREAD_EXC_RE.exec(text)
    if (thread) {
      this.finishChain()
      this.threadName = thread[1]
      this.state = 'thread-exc'
      return true
    }
    return false
  }

  /** Records every traceback of the chain; the last one is the exception that escaped. */
  private finishChain(): void {
    this.finishTraceback()
    const chain = this.chain
    this.chain = []
    if (chain.length === 0) return
    const b = this.builder
    // The exception that escaped: the last one printed that is not inside a group.
    let finalIndex = chain.length - 1
    while (finalIndex > 0 && chain[finalIndex].sub) finalIndex--
    let last: IndexIntoRecordTable = NONE
    const details: string[] = []
    for (let i = 0; i < chain.length; i++) {
      const t = chain[i]
      const isFinal = i === finalIndex
      // Frames are printed root first: each one is the caller's child in the prefix tree.
      let node = NONE
      for (const f of t.frames) node = b.stack(node, f)
      const record = b.addRecord({
        stack: node,
        state: isFinal
          ? 'exception'
          : t.sub
            ? 'sub-exception'
            : t.label === 'cause'
              ? 'cause'
              : 'context',
        name: this.threadName || undefined,
        flags: isFinal ? RecordFlag.crashed : 0,
        line: t.line,
      })
      if (isFinal) last = record
    }
    // Reading back from the final exception: what it happened while handling, and so on.
    for (let i = finalIndex - 1; i >= 0; i--) {
      const t = chain[i]
      if (t.sub) continue
      const how = t.label === 'cause' ? 'caused by' : 'while handling'
      details.push(`${how}: ${t.exception || '(no exception line)'}`)
    }
    for (const t of chain) if (t.sub) details.push(`sub-exception: ${t.exception}`)
    const final = chain[finalIndex]
    if (this.threadName) details.push(`thread: ${this.threadName}`)
    b.addCrash({
      format: 'python',
      kind: 'exception',
      message: final.exception || '(traceback without an exception line)',
      signal: childSignal(final.exception),
      record: last,
      line: final.line,
      details,
    })
    this.threadName = ''
  }

  private inFault(text: string, lineNo: number): boolean {
    const thread = FAULT_THREAD_RE.exec(text)
    if (thread || text === 'Stack (most recent call first):') {
      this.flushFaultThread()
      this.faultCurrent = thread ? thread[1] === 'Current thread' : true
      this.faultThread = thread ? thread[2] : ''
      this.faultLine = lineNo
      this.inFaultThread = true
      return true
    }
    const frame = parsePythonFrameLine(text)
    if (frame) {
      if (!this.inFaultThread) return false
      this.faultFrames.push(internPythonFrame(this.builder, frame))
      return true
    }
    if (text.trim() === '' || text.startsWith('  ')) return true
    if (text.startsWith('Timeout (') || text.startsWith('Python runtime state:')) return true
    if (text.startsWith('Extension modules:')) return true
    // 3.13+ `Current thread's C stack trace (most recent call first):` and its
    // `  Binary file "...", at _Py_DumpStack+0x4c [0x...]` lines: not Python frames.
    if (text.endsWith(MOST_RECENT_FIRST)) {
      this.flushFaultThread()
      return true
    }
    if (text.startsWith(FATAL) && this.fatal === '') {
      this.fatal = text.slice(FATAL.length).trim()
      this.fatalLine = lineNo
      return true
    }
    return false
  }

  private flushFaultThread(): void {
    if (!this.inFaultThread) return
    this.inFaultThread = false
    const b = this.builder
    const id = this.faultThread ? parseInt(this.faultThread.slice(2), 16) : NaN
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(this.faultFrames),
      state: this.faultCurrent ? 'current' : undefined,
      id: Number.isSafeInteger(id) ? id : undefined,
      name: this.faultThread || undefined,
      flags: this.faultCurrent && this.fatal !== '' ? RecordFlag.crashed : 0,
      line: this.faultLine,
    })
    if (this.faultCurrent && this.faultCurrentRecord === NONE) {
      this.faultCurrentRecord = record
      this.faultCurrentId = Number.isSafeInteger(id) ? id : undefined
    }
    this.faultFrames = []
  }

  private finishFault(): void {
    this.flushFaultThread()
    if (this.fatal === '') return
    this.builder.addCrash({
      format: 'python',
      kind: 'fatal error',
      message: this.fatal,
      // faulthandler's `Fatal Python error: Segmentation fault` names the signal in words.
      signal: signalFromDescription(this.fatal),
      threadId: this.faultCurrentId,
      record: this.faultCurrentRecord,
      line: this.fatalLine,
      details: [],
    })
  }
}
