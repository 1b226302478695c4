import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import type { RegionLine } from '../region'
import { parseHsErrFrame } from './java-frames'

/**
 * A JVM fatal error report: the `#` banner the JVM prints on the console and at the top of
 * `hs_err_pid<pid>.log`, and the file's body (THREAD / PROCESS / SYSTEM sections up to `END.`).
 * Written from hotspot's `VMError::report` output as seen in the corpus (JDK 6 IcedTea, 8, 17)
 * and docs/formats/java.md.
 */

// `#  SIGSEGV (0xb) at pc=0x00007f7c95f049a6, pid=349973, tid=0x00007f7b0a8ec700` (JDK 8),
// `# SIGSEGV (0xb) at pc=..., pid=7778, tid=140193928980240` (JDK 6), `tid=27413` (JDK 17),
// Windows `#  EXCEPTION_ACCESS_VIOLATION (0xc0000005) at pc=...`.
const SIGNAL_RE =
  /^#\s+(SIG[A-Z0-9]+|EXCEPTION_\w+) \((0x[0-9a-fA-F]+)\) at pc=(0x[0-9a-fA-F]+), pid=(\d+), tid=(\S+)/
// `Current thread (0x...):  JavaThread "main" [_thread_in_native, id=7779, stack(...)]`.
// Read with string searches: one regex over the whole line backtracks polynomially.
const THREAD_STATE_RE = /\[(_thread_\w+)/
const ID_RE = /[ [,]id=(\d+)/
// `siginfo: si_signo: 11 (SIGSEGV), si_code: 1 (SEGV_MAPERR), si_addr: 0x...` (JDK 8+);
// `siginfo:si_signo=SIGSEGV: si_errno=0, si_code=128 (), si_addr=0x...` (JDK 6).
const SI_CODE_RE = /si_code[:=]\s*(\d+)(?: \((\w*)\))?/
const SI_ADDR_RE = /si_addr[:=]\s*(0x[0-9a-fA-F]+)/
const SECTION_RE = /^-{10,}\s+[A-Z](?: [A-Z])+\s+-+$/

type State =
  // The `#` banner. from: the "A fatal error" line. to: body (a `-----  T H R E A D  ---`
  // section line); refuses any other non-blank, non-`#` line.
  | 'banner'
  // The report body: everything up to `END.`. to: frames (`Native frames:`), done (`END.`).
  | 'body'
  // Frame lines after `Native frames:` / `Java frames:`. to: body (blank line).
  | 'frames'
  // After `END.`: refuses every line.
  | 'done'

/** Reads one fatal error report; `push` returns false on the first line that is not its own. */
export class HsErrReader {
  private state: State = 'banner'
  private firstLine = -1
  private signal: string | undefined
  private pc: string | undefined
  private code: string | undefined
  private addr: string | undefined
  private threadId: number | undefined
  private threadName = ''
  private threadState = ''
  private message = ''
  private details: string[] = []
  private expect: 'problematic' | 'report' | '' = ''
  private problematic: IndexIntoFrameTable = NONE
  private frames: IndexIntoFrameTable[] = []

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text
    if (this.firstLine < 0) this.firstLine = line.lineNo
    switch (this.state) {
      case 'banner':
        return this.banner(text)
      case 'body':
        return this.body(text)
      case 'frames':
        if (text.trim() === '') {
          this.state = 'body'
          return true
        }
        {
          const f = parseHsErrFrame(this.builder, text)
          if (f !== null) this.frames.push(f)
        }
        return true
      case 'done':
        return false
    }
  }

  private banner(text: string): boolean {
    if (text.charCodeAt(0) !== 35 /* # */) {
      if (text.trim() === '') return true
      if (SECTION_RE.test(text)) {
        this.state = 'body'
        return true
      }
      return false
    }
    const content = text.replace(/^#\s*/, '').trimEnd()
    if (this.expect === 'problematic') {
      this.expect = ''
      this.details.push(`problematic frame: ${content}`)
      const f = parseHsErrFrame(this.builder, content)
      if (f !== null) this.problematic = f
      return true
    }
    if (this.expect === 'report') {
      this.expect = ''
      this.details.push(`error report: ${content}`)
      return true
    }
    const sig = SIGNAL_RE.exec(text)
    if (sig) {
      this.signal = sig[1]
      this.pc = sig[3]
      this.message = `${sig[1]} (${sig[2]}) at pc=${sig[3]}`
      this.details.push(`pid=${sig[4]}`)
      const tid = sig[5]
      const n = tid.startsWith('0x') ? NaN : Number(tid)
      if (Number.isSafeInteger(n)) this.threadId = n
      return true
    }
    if (content === '' || content.startsWith('A fatal error has been detected')) return true
    if (content.startsWith('Problematic frame:')) this.expect = 'problematic'
    else if (content.startsWith('An error report file with more information is saved as'))
      this.expect = 'report'
    else if (content.startsWith('JRE version:') || content.startsWith('Java VM:'))
      this.details.push(content)
    else if (content.startsWith('The crash happened outside the Java Virtual Machine'))
      this.details.push(content)
    else if (this.message === '' && !content.startsWith('If you would like'))
      // `#  Internal Error (...)`, `# There is insufficient memory for the JRE to continue.`
      this.message = content
    return true
  }

  private body(text: string): boolean {
    if (text === 'END.') {
      this.state = 'done'
      return true
    }
    if (text.startsWith('Current thread ')) {
      const open = text.indexOf('"')
      const close = open >= 0 ? text.indexOf('"', open + 1) : -1
      if (close > open) this.threadName = text.slice(open + 1, close)
      this.threadState = THREAD_STATE_RE.exec(text)?.[1] ?? ''
      const id = ID_RE.exec(text)
      if (id) this.threadId = Number(id[1])
    } else if (text.startsWith('siginfo:')) {
      const code = SI_CODE_RE.exec(text)
      if (code) this.code = code[2] || code[1]
      const addr = SI_ADDR_RE.exec(text)
      if (addr) this.addr = addr[1]
    } else if (text.startsWith('Native frames:')) {
      this.frames.length = 0
      this.state = 'frames'
    } else if (text.startsWith('Java frames:') && this.frames.length === 0) {
      // Only when there were no native frames: those already include the Java ones.
      this.state = 'frames'
    }
    return true
  }

  close(): void {
    if (this.state === 'body' || this.state === 'frames')
      this.builder.warn('The JVM fatal error report is cut before its END. line.')
    const b = this.builder
    const frames =
      this.frames.length > 0 ? this.frames : this.problematic === NONE ? [] : [this.problematic]
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(frames),
      state: this.threadState || undefined,
      id: this.threadId,
      name: this.threadName || undefined,
      flags: RecordFlag.crashed,
      line: this.firstLine,
    })
    b.addCrash({
      format: 'jvm',
      kind: this.signal ? 'signal' : 'fatal error',
      message: this.message || 'A fatal error has been detected by the Java Runtime Environment',
      signal: this.signal?.startsWith('SIG') ? this.signal : undefined,
      code: this.code,
      addr: this.addr,
      pc: this.pc,
      threadId: this.threadId,
      record,
      line: this.firstLine,
      details: this.details,
    })
  }
}
