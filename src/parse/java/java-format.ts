import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, IndexIntoRecordTable } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { hashString } from '../../lib/hash'
import { internJavaFrame, parseJavaFrameLine } from './java-frames'
import { HsErrReader } from './hs-err'
import {
  ExceptionChainReader,
  isBareJavaExceptionHeader,
  isJavaExceptionHeader,
} from './java-exceptions'

/**
 * Java output: thread dumps (`jstack`, `jcmd <pid> Thread.print`, `kill -3` to stdout),
 * exception traces (`Exception in thread "main" ...`, `Caused by:`, `... 3 more`) and the
 * banner and body of a JVM fatal error report (`hs_err_pid<pid>.log`, see hs-err.ts).
 *
 * Grammar notes and samples: docs/formats/java.md (OpenJDK 17 generated samples,
 * abrt/satyr exception traces, JDK 6/8 hs_err headers from public issues).
 */

const FULL_DUMP = 'Full thread dump '
const EXCEPTION_IN_THREAD = 'Exception in thread "'
const FATAL_BANNER = 'A fatal error has been detected by the Java Runtime Environment'

// Thread header, HotSpot `JavaThread::print_on` / `Thread::print_on` (JDK 6..21):
//   "main" #1 prio=5 os_prio=0 cpu=28.78ms elapsed=2.04s tid=0x00007f9348017ed0 nid=0x6abc in Object.wait()  [0x00007f934d9fe000]
//   "main" #1 [21354] prio=5 os_prio=0 ... nid=21354 waiting on condition  [0x...]   (JDK 19+)
//   "VM Thread" os_prio=0 cpu=0.94ms elapsed=2.02s tid=0x00007f93480f4670 nid=0x6ac2 runnable
// Read with string searches (name, `#number`, nid, status words): one regex over the whole
// line backtracks polynomially on hostile input.
type ThreadHeader = { name: string; number?: string; nid: string; status: string }

function parseThreadHeader(text: string): ThreadHeader | null {
  if (text.charCodeAt(0) !== 34 /* " */) return null
  const nid = text.indexOf(' nid=')
  if (nid < 0) return null
  const close = text.lastIndexOf('" ', nid)
  if (close <= 0) return null
  const middle = text.slice(close + 2, nid)
  if (middle.indexOf('prio=') < 0) return null
  const number = /^#(\d+)/.exec(middle)?.[1]
  const rest = text.slice(nid + 5)
  const space = rest.indexOf(' ')
  let status = space < 0 ? '' : rest.slice(space + 1).trim()
  // The trailing `[0x00007f934d9fe000]` is the stack's last known address.
  if (status.endsWith(']')) {
    const open = status.lastIndexOf('[')
    if (open >= 0 && status.startsWith('0x', open + 1)) status = status.slice(0, open).trim()
  }
  return {
    name: text.slice(1, close),
    number,
    nid: space < 0 ? rest : rest.slice(0, space),
    status,
  }
}
const THREAD_STATE = 'java.lang.Thread.State: '
// `_java_thread_list=0x00007f92b8001f70, length=14, elements={` (JDK 11+ "Threads class SMR
// info"): the number of Java threads the dump lists, used to check the count read.
const SMR_LENGTH_RE = /^_java_thread_list=0x[0-9a-fA-F]+, length=(\d+)/

function looksLikeThreadHeader(line: string, at: number): boolean {
  return (
    line.charCodeAt(at) === 34 /* " */ &&
    line.indexOf(' nid=', at) > 0 &&
    line.indexOf('prio=', at) > 0 &&
    parseThreadHeader(at === 0 ? line : line.slice(at)) !== null
  )
}

/** Java thread dumps, exception traces and JVM fatal error reports. */
export const javaFormat: RegionFormat = {
  format: 'java',
  // `"` for a thread header; the three words for a bare exception header.
  hints: [FULL_DUMP, EXCEPTION_IN_THREAD, FATAL_BANNER, '"', 'Exception', 'Error', 'Throwable'],
  sniff(line) {
    let at = line.indexOf(FULL_DUMP)
    if (at >= 0) return at
    at = line.indexOf(EXCEPTION_IN_THREAD)
    if (at >= 0) return at
    at = line.indexOf(FATAL_BANNER)
    if (at >= 0) {
      const hash = line.lastIndexOf('#', at)
      return hash >= 0 ? hash : -1
    }
    const c = line.charCodeAt(0)
    if (c === 34 /* " */) return looksLikeThreadHeader(line, 0) ? 0 : -1
    // Bare exception header at column 0 (satyr traces, logback's throwable lines).
    if (
      c >= 97 &&
      c <= 122 &&
      (line.includes('Exception') || line.includes('Error') || line.includes('Throwable')) &&
      isBareJavaExceptionHeader(line)
    ) {
      return 0
    }
    return -1
  },
  open(builder) {
    return new JavaReader(builder)
  },
}

type State =
  // Before the first line. to: dump, thread, exception, hs_err.
  | 'start'
  // Inside a thread dump between threads. from: `Full thread dump`, a blank line after a
  // thread, `Found N deadlock.`. to: thread (header), deadlock; ends on an unknown line.
  | 'dump'
  // One thread's lines. from: dump/thread (header). to: dump (blank line), thread (header).
  | 'thread'
  // `Found one Java-level deadlock:` report. from: dump. to: dump (`Found N deadlock.`).
  | 'deadlock'
  // An exception chain. from: start (header). to: exception (`Caused by:`, `Suppressed:`, a
  // new `Exception in thread`); ends on any other line.
  | 'exception'
  // A JVM fatal error report; hs-err.ts reads it. from: start. Ends when it refuses a line.
  | 'hserr'

class JavaReader implements RegionReader {
  private state: State = 'start'

  // Thread being read.
  private threadName = ''
  private threadId = -1
  private threadState = ''
  private threadSystem = false
  private threadLine = 0
  private frames: IndexIntoFrameTable[] = []
  private args: (string | undefined)[] = []
  /** Records of the current dump by thread name, for the deadlock report. */
  private threadsByName = new Map<string, IndexIntoRecordTable>()
  private javaThreads = 0
  private smrLength = -1

  // Deadlock report.
  private deadlockLine = 0
  private deadlockCurrent = ''
  private deadlockDetails: string[] = []
  private deadlockNames: string[] = []

  private chain: ExceptionChainReader | null = null

  private hsErr: HsErrReader | null = null

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text
    switch (this.state) {
      case 'start':
        return this.start(text, line)
      case 'dump':
        return this.inDump(text, line.lineNo)
      case 'thread':
        return this.inThread(text, line.lineNo)
      case 'deadlock':
        return this.inDeadlock(text)
      case 'exception':
        return this.chain !== null && this.chain.push(line)
      case 'hserr':
        return this.hsErr !== null && this.hsErr.push(line)
    }
  }

  close(): void {
    switch (this.state) {
      case 'thread':
        this.flushThread()
        break
      case 'deadlock':
        this.builder.warn('The Java deadlock report is cut before its "Found N deadlock." line.')
        this.flushDeadlock()
        break
      case 'exception':
        this.chain?.close()
        break
      case 'hserr':
        this.hsErr?.close()
        break
      case 'start':
      case 'dump':
        break
    }
    this.checkThreadCount()
  }

  unclaimed(): readonly RegionLine[] {
    return this.chain?.unclaimed() ?? []
  }

  private start(text: string, line: RegionLine): boolean {
    if (text.startsWith(FULL_DUMP)) {
      this.state = 'dump'
      return true
    }
    if (text.charCodeAt(0) === 34 && this.threadHeader(text, line.lineNo)) return true
    if (text.includes(FATAL_BANNER)) {
      this.hsErr = new HsErrReader(this.builder)
      this.state = 'hserr'
      return this.hsErr.push(line)
    }
    if (!isJavaExceptionHeader(text)) return false
    this.chain = new ExceptionChainReader(this.builder)
    this.state = 'exception'
    return this.chain.push(line)
  }

  private inDump(text: string, lineNo: number): boolean {
    if (text.charCodeAt(0) === 34 /* " */) return this.threadHeader(text, lineNo)
    if (text.trim() === '') return true
    if (text.startsWith('Found one Java-level deadlock') || text.startsWith('Found a total of')) {
      this.state = 'deadlock'
      this.deadlockLine = lineNo
      return true
    }
    if (text.startsWith(FULL_DUMP)) {
      this.checkThreadCount()
      this.threadsByName.clear()
      return true
    }
    const smr = SMR_LENGTH_RE.exec(text)
    if (smr) {
      this.smrLength = Number(smr[1])
      return true
    }
    // SMR info lines, `JNI global refs: 4, weak refs: 0`, the SIGQUIT `Heap` section and its
    // indented lines, and `Found 1 deadlock.` after the deadlock stacks.
    return (
      text.startsWith('Threads class SMR info') ||
      text.startsWith('0x') ||
      text === '}' ||
      text.startsWith('JNI global ref') ||
      text === 'Heap' ||
      /^Found \d+ deadlocks?\.$/.test(text) ||
      text.charCodeAt(0) === 32 ||
      text.charCodeAt(0) === 9
    )
  }

  private threadHeader(text: string, lineNo: number): boolean {
    const m = parseThreadHeader(text)
    if (!m) return false
    if (this.state === 'thread') this.flushThread()
    this.threadName = m.name
    const number = m.number
    this.threadSystem = number === undefined
    if (number !== undefined) {
      this.threadId = Number(number)
    } else {
      const nid = m.nid
      const n = nid.startsWith('0x') ? parseInt(nid.slice(2), 16) : Number(nid)
      this.threadId = Number.isSafeInteger(n) ? n : -1
    }
    this.threadState = m.status
    this.threadLine = lineNo
    this.frames.length = 0
    this.args.length = 0
    this.state = 'thread'
    return true
  }

  private inThread(text: string, lineNo: number): boolean {
    if (text.trim() === '') {
      this.flushThread()
      this.state = 'dump'
      return true
    }
    if (text.charCodeAt(0) === 34) return this.threadHeader(text, lineNo)
    const frame = parseJavaFrameLine(text)
    if (frame) {
      this.frames.push(internJavaFrame(this.builder, frame))
      this.args.push(undefined)
      return true
    }
    const trimmed = text.trimStart()
    if (trimmed.startsWith(THREAD_STATE)) {
      this.threadState = trimmed.slice(THREAD_STATE.length).trim()
      return true
    }
    if (trimmed.startsWith('- ')) {
      // Lock lines belong to the frame above them; they become that frame's "arguments", so
      // threads parked on different monitors still share a stack but show what differs.
      const last = this.args.length - 1
      if (last >= 0 && trimmed !== '- None') {
        const lock = trimmed.slice(2)
        this.args[last] = this.args[last] === undefined ? lock : `${this.args[last]}; ${lock}`
      }
      return true
    }
    // `   No compile task`, `   Locked ownable synchronizers:`, other indented detail lines.
    if (text.charCodeAt(0) === 32 || text.charCodeAt(0) === 9) return true
    // A line of something else right after a thread: the dump ended without a blank line.
    this.flushThread()
    this.state = 'dump'
    return this.inDump(text, lineNo)
  }

  private flushThread(): void {
    const b = this.builder
    let argsHash = 0
    for (const a of this.args) if (a !== undefined) argsHash = hashString(a, argsHash)
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(this.frames, this.frames.length, this.args),
      state: this.threadState || undefined,
      id: this.threadId,
      name: this.threadName,
      argsHash,
      flags: this.threadSystem ? RecordFlag.system : 0,
      line: this.threadLine,
    })
    if (!this.threadSystem) this.javaThreads++
    this.threadsByName.set(this.threadName, record)
    this.frames.length = 0
    this.args.length = 0
  }

  private checkThreadCount(): void {
    if (this.smrLength >= 0 && this.smrLength !== this.javaThreads) {
      this.builder.warn(
        `The thread dump lists ${this.smrLength} Java threads but ${this.javaThreads} were read.`,
      )
    }
    this.smrLength = -1
    this.javaThreads = 0
  }

  private inDeadlock(text: string): boolean {
    if (/^Found \d+ deadlocks?\.$/.test(text)) {
      this.flushDeadlock()
      this.state = 'dump'
      return true
    }
    if (this.deadlockDetails.length >= 0 && text.startsWith('Java stack information')) {
      // The stacks that follow repeat the threads above; only the names matter here.
      this.deadlockCurrent = ''
      return true
    }
    const name = /^"(.*)":$/.exec(text)
    if (name) {
      this.deadlockCurrent = name[1]
      return true
    }
    const trimmed = text.trim()
    if (this.deadlockCurrent !== '' && trimmed.startsWith('waiting to lock')) {
      this.deadlockDetails.push(`"${this.deadlockCurrent}" ${trimmed.replace(/,$/, '')}`)
      if (!this.deadlockNames.includes(this.deadlockCurrent))
        this.deadlockNames.push(this.deadlockCurrent)
      return true
    }
    if (this.deadlockCurrent !== '' && trimmed.startsWith('which is held by')) {
      const last = this.deadlockDetails.length - 1
      if (last >= 0) this.deadlockDetails[last] += `, ${trimmed}`
      return true
    }
    return (
      trimmed === '' ||
      trimmed.startsWith('===') ||
      trimmed.startsWith('at ') ||
      trimmed.startsWith('- ') ||
      text.charCodeAt(0) === 32 ||
      text.charCodeAt(0) === 9
    )
  }

  private flushDeadlock(): void {
    const names = this.deadlockNames
    if (names.length === 0) return
    const first = this.threadsByName.get(names[0])
    const message = `Java-level deadlock between ${names.map((n) => `"${n}"`).join(', ')}`
    this.builder.addCrash({
      format: 'java',
      kind: 'deadlock',
      message,
      record: first ?? NONE,
      line: this.deadlockLine,
      details: this.deadlockDetails.slice(),
    })
    this.deadlockNames = []
    this.deadlockDetails = []
    this.deadlockCurrent = ''
  }
}
