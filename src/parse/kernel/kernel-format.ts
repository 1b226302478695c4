import type { IncidentBuilder } from '../../model/builder'
import type { CrashFact, IndexIntoFrameTable } from '../../model/types'
import { EventKind, FrameKind, Level, NONE, RecordFlag } from '../../model/types'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import {
  kernelTime,
  parseOopsHeader,
  parseSuppressed,
  KERNEL_HINTS,
  sniffKernel,
  stripLeadingSeconds,
  type KernelTime,
  type OopsHeader,
} from './kernel-lines'
import {
  isEndTrace,
  isOopsBody,
  isTraceMarker,
  parseOopsTask,
  parseRip,
  parseTraceFrame,
  type TraceFrame,
} from './oops'
import { parseOomKill, parseOomReaped, type OomKill } from './oom-kill'
import { describeOomKill, describeOomReaped } from './oom-kill-told'
import { parseUserFault, type UserFault } from './segfault'
import { describeUserFault } from './user-fault'

/**
 * Kernel messages: user-space faults (`comm[pid]: segfault at`, `traps:`), their `Code:` lines,
 * rate-limit notices, OOM killer kills (`Out of memory: Killed process`, oom-kill.ts), and
 * kernel oopses with their `Call Trace:`.
 *
 * A segfault becomes an event, a crash fact and a one-frame record (`LIB+0xOFFSET`), so the same
 * crash repeating every five minutes groups into one row with a count. An oops becomes an
 * event, a crash fact and a record whose stack is its call trace. Unreliable `? ` frames are
 * dropped: they are stale return addresses found on the stack, not callers (the unwinder itself
 * says so), and keeping them would split identical oopses into different groups; how many were
 * dropped is kept in the crash details.
 */
export const kernelFormat: RegionFormat = {
  format: 'kernel',
  sniff: sniffKernel,
  hints: KERNEL_HINTS,
  open: (builder) => new KernelReader(builder),
}

/** A segfault line a web UI broke over several lines (Kibana: `haproxy[610]: segfault` /
 *  `at 7fdb... error 4` / `in ld-musl-x86_64.so.1[...]`) is joined back, at most this many. */
const MAX_WRAPPED_PIECES = 3
// Words a wrapped segfault line continues with.
const CONTINUATION_RE = /^(?:at |ip |sp |error |in |likely on CPU|[0-9a-f]+ )/
/** Unknown lines tolerated in an oops before its call trace (wrapped register dumps). */
const OOPS_JUNK_BUDGET = 3

type Held = { text: string; pieces: number; line: RegionLine; time: KernelTime }

type Oops = {
  header: OopsHeader
  line: number
  time: KernelTime
  details: string[]
  task?: { comm: string; pid: number }
  rip?: TraceFrame
  pc?: string
  frames: TraceFrame[]
  unreliable: number
}

/**
 * States:
 * - lines: between messages. from: open, the end of an oops. to: oops-head on an oops header;
 *   stays on user faults, `Code:`, rate-limit lines; refuses anything else.
 * - oops-head: after an oops header. from: lines, oops-tail. to: oops-trace on `Call Trace:`;
 *   lines on `---[ end trace`. Tolerates body lines and a few unknown (wrapped) lines.
 * - oops-trace: reading frames. from: oops-head. to: oops-tail on the first non-frame line.
 * - oops-tail: after the trace (user registers, Code:, modules). from: oops-trace. to: lines on
 *   `---[ end trace` or a user fault, oops-head on a new header; refuses non-body lines.
 * A user-fault line is held one line (`held`) in case its ` in LIB[...]` part was wrapped.
 */
type State = 'lines' | 'oops-head' | 'oops-trace' | 'oops-tail'

class KernelReader implements RegionReader {
  private state: State = 'lines'
  private held: Held | null = null
  /** A segfault line cut before its end, being joined with the next lines. */
  private partial: Held | null = null
  private oops: Oops | null = null
  private junk = 0
  private lastCrash: CrashFact | null = null
  private lastCrashHasCode = false
  private suppressedPending = 0
  private suppressedTotal = 0
  private readonly frameBuf: IndexIntoFrameTable[] = []

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = stripLeadingSeconds(line.text.trimEnd())
    const time = kernelTime(line.prefix, line.text, line.time)
    // `May  2 14:51:13 host kernel: [5870170.864740]`: both clocks on one line.
    if (time.hasDate && !Number.isNaN(time.seconds)) {
      this.builder.noteBootClock(time.wall, time.seconds * 1000, line.lineNo)
    }

    if (this.partial) {
      if (this.partial.pieces < MAX_WRAPPED_PIECES && CONTINUATION_RE.test(text.trimStart())) {
        this.partial.text += ' ' + text.trim()
        this.partial.pieces++
        if (parseUserFault(this.partial.text)) {
          this.held = this.partial
          this.partial = null
        }
        return true
      }
      this.builder.warn(
        `A segfault line at line ${this.partial.line.lineNo + 1} is cut short; it was skipped.`,
      )
      this.partial = null
    }
    if (this.held) {
      const t = text.trimStart()
      if (
        this.held.pieces < MAX_WRAPPED_PIECES + 1 &&
        ((t.startsWith('in ') && !this.held.text.includes(' in ')) ||
          (t.startsWith('likely on CPU') && !this.held.text.includes(' likely on CPU')))
      ) {
        const joined = this.held.text + ' ' + t
        if (parseUserFault(joined)) {
          this.held.text = joined
          this.held.pieces++
          return true
        }
      }
      this.emitHeld()
    }

    switch (this.state) {
      case 'lines':
        return this.pushBetween(text, line, time)
      case 'oops-head':
        return this.pushOopsHead(text, line, time)
      case 'oops-trace':
        return this.pushTrace(text, line, time)
      case 'oops-tail':
        return this.pushOopsTail(text, line, time)
    }
  }

  close(): void {
    if (this.partial) {
      this.builder.warn(
        `A segfault line at line ${this.partial.line.lineNo + 1} is cut short; it was skipped.`,
      )
      this.partial = null
    }
    this.emitHeld()
    if (this.oops) {
      if (this.state === 'oops-head' || this.state === 'oops-trace') {
        this.oops.details.push('the oops text ends before its end marker')
      }
      this.finishOops()
    }
    if (this.suppressedTotal > 0) {
      this.builder.warn(
        `The kernel's rate limit suppressed ${this.suppressedTotal} message(s) ("callbacks suppressed"): at least that many faults are missing from the log.`,
      )
    }
  }

  // --- lines state ----------------------------------------------------------------------

  private pushBetween(text: string, line: RegionLine, time: KernelTime): boolean {
    if (this.userFaultLine(text, line, time)) return true
    if (text.startsWith('Code: ')) {
      if (this.lastCrash && !this.lastCrashHasCode) {
        this.lastCrash.details.push(text)
        this.lastCrashHasCode = true
      }
      return true
    }
    const suppressed = parseSuppressed(text)
    if (suppressed >= 0) {
      this.suppressedPending += suppressed
      this.suppressedTotal += suppressed
      return true
    }
    const header = parseOopsHeader(text)
    if (header) {
      this.startOops(header, line, time)
      return true
    }
    const kill = parseOomKill(text)
    if (kill) {
      this.addOomKill(kill, line, time)
      return true
    }
    const reaped = parseOomReaped(text)
    if (reaped) {
      // What the kill freed: a detail of the kill it follows.
      if (this.lastCrash?.kind === 'oom kill' && this.lastCrash.threadId === reaped.pid)
        this.lastCrash.details.push(describeOomReaped(reaped))
      return true
    }
    return false
  }

  /**
   * An OOM kill: an event, a crash fact (SIGKILL, the memory the process held) and a record
   * named after the process, so that the same service killed again and again groups into one
   * row with a count. The kill has no stack of its own: the `invoked oom-killer` call trace
   * before it is the allocation that ran out, in whatever process asked.
   */
  private addOomKill(kill: OomKill, line: RegionLine, time: KernelTime): void {
    const b = this.builder
    this.frameBuf.length = 0
    this.frameBuf.push(b.frame({ func: kill.comm, kind: FrameKind.app }))
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(this.frameBuf),
      state: 'OOM killed',
      name: kill.comm,
      id: kill.pid,
      count: 1,
      flags: RecordFlag.crashed,
      line: line.lineNo,
    })
    const told = describeOomKill(kill)
    this.addEvent(time, EventKind.signal, Level.error, line.lineNo, told.label)
    this.lastCrash = b.addCrash({
      format: 'kernel',
      kind: 'oom kill',
      message: told.message,
      signal: 'SIGKILL',
      threadId: kill.pid,
      record,
      time: wallTime(time),
      line: line.lineNo,
      details: told.details,
    })
    this.lastCrashHasCode = true
  }

  /** Handles a segfault or trap line (or the start of a wrapped one); false if it is neither. */
  private userFaultLine(text: string, line: RegionLine, time: KernelTime): boolean {
    if (parseUserFault(text)) {
      this.held = { text, pieces: 1, line, time }
      return true
    }
    // A line cut by a web UI: nothing after `segfault`, or an incomplete `segfault at ...`.
    const i = text.indexOf(']: segfault')
    const tail = i > 0 ? text.slice(i + 11).trim() : 'x'
    if (tail === '' || tail.startsWith('at ')) {
      this.partial = { text, pieces: 1, line, time }
      return true
    }
    return false
  }

  private emitHeld(): void {
    const held = this.held
    if (!held) return
    this.held = null
    const fault = parseUserFault(held.text)
    if (fault) this.addUserFault(fault, held)
  }

  private addUserFault(fault: UserFault, held: Held): void {
    const b = this.builder
    const told = describeUserFault(fault, held.time.seconds, held.pieces, this.suppressedPending)
    this.suppressedPending = 0
    const lineNo = held.line.lineNo
    this.frameBuf.length = 0
    this.frameBuf.push(b.frame(told.frame))
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(this.frameBuf),
      state: told.state,
      name: fault.comm,
      id: fault.pid,
      count: 1,
      flags: RecordFlag.crashed,
      line: lineNo,
    })
    this.addEvent(held.time, EventKind.segfault, Level.error, lineNo, told.label)
    this.lastCrash = b.addCrash({
      format: 'kernel',
      kind: fault.type === 'segfault' ? 'segfault' : fault.kind,
      message: told.message,
      signal: told.signal,
      addr: fault.addr === undefined ? undefined : '0x' + fault.addr,
      pc: told.ip,
      threadId: fault.pid,
      record,
      time: wallTime(held.time),
      line: lineNo,
      details: told.details,
    })
    this.lastCrashHasCode = false
  }

  private addEvent(
    time: KernelTime,
    kind: EventKind,
    level: Level,
    line: number,
    label: string,
  ): void {
    // A date in the prefix wins; bare `[seconds]` count from boot until the team anchors them.
    const relative = !time.hasDate && !Number.isNaN(time.seconds)
    this.builder.addEvent({
      time: relative ? time.seconds * 1000 : time.wall,
      relative,
      kind,
      level,
      line,
      label,
    })
  }

  // --- oopses ---------------------------------------------------------------------------

  private startOops(header: OopsHeader, line: RegionLine, time: KernelTime): void {
    if (this.oops) this.finishOops()
    this.oops = {
      header,
      line: line.lineNo,
      time,
      details: [],
      frames: [],
      unreliable: 0,
    }
    this.oops.task = parseOopsTask(header.text) ?? undefined
    this.junk = 0
    this.state = 'oops-head'
  }

  private pushOopsHead(text: string, line: RegionLine, time: KernelTime): boolean {
    const oops = this.oops
    if (!oops) return this.pushBetween(text, line, time)
    const t = text.trimStart()
    if (isEndTrace(t)) return this.endOops()
    const header = parseOopsHeader(t)
    if (header) {
      if (oops.header.opener && !header.opener) {
        // `cut here` then `WARNING: ...`: the second line says what it is.
        oops.header = header
      } else if (!header.opener) {
        oops.details.push(header.text)
      }
      oops.task ??= parseOopsTask(header.text) ?? undefined
      return true
    }
    if (t.startsWith('Call Trace:')) {
      this.state = 'oops-trace'
      return true
    }
    if (parseUserFault(t)) return this.endOopsThen(text, line, time)
    this.noteBody(oops, t)
    if (isOopsBody(text)) {
      this.junk = 0
      return true
    }
    // Wrapped fragments of a register dump or task line (`88243 Comm: ...`).
    return ++this.junk <= OOPS_JUNK_BUDGET
  }

  private noteBody(oops: Oops, t: string): void {
    const task = parseOopsTask(t)
    if (task) {
      oops.task ??= task
      oops.details.push(t)
      return
    }
    if (!oops.rip) {
      const rip = parseRip(t)
      if (rip) {
        oops.rip = rip.frame
        oops.pc = rip.pc
        return
      }
    }
    // `#PF: supervisor read access in kernel mode` (5.x+) says what the faulting access was.
    if (t.startsWith('Hardware name: ') || t.startsWith('#PF: ')) oops.details.push(t)
  }

  private pushTrace(text: string, line: RegionLine, time: KernelTime): boolean {
    const oops = this.oops
    if (!oops) return this.pushBetween(text, line, time)
    const frame = parseTraceFrame(text)
    if (frame) {
      if (frame.unreliable) oops.unreliable++
      else oops.frames.push(frame)
      return true
    }
    if (isTraceMarker(text) || text.trim() === '') return true
    this.state = 'oops-tail'
    return this.pushOopsTail(text, line, time)
  }

  private pushOopsTail(text: string, line: RegionLine, time: KernelTime): boolean {
    const t = text.trimStart()
    if (isEndTrace(t)) return this.endOops()
    if (parseUserFault(t) || parseOopsHeader(t) || parseSuppressed(t) >= 0) {
      return this.endOopsThen(text, line, time)
    }
    if (t.startsWith('Call Trace:') && this.oops && this.oops.frames.length === 0) {
      this.state = 'oops-trace'
      return true
    }
    if (isOopsBody(text)) return true
    // Not part of the oops: the oops is over, and this line belongs to someone else.
    this.finishOops()
    this.state = 'lines'
    return false
  }

  private endOops(): boolean {
    this.finishOops()
    this.state = 'lines'
    return true
  }

  private endOopsThen(text: string, line: RegionLine, time: KernelTime): boolean {
    this.finishOops()
    this.state = 'lines'
    return this.pushBetween(text.trimStart(), line, time)
  }

  private finishOops(): void {
    const oops = this.oops
    if (!oops) return
    this.oops = null
    const b = this.builder
    const frames = this.frameBuf
    frames.length = 0
    // The faulting function (RIP) is the leaf; 4.x+ traces do not repeat it, older ones may.
    if (oops.rip && (oops.frames.length === 0 || oops.frames[0].func !== oops.rip.func)) {
      frames.push(this.kernelFrame(oops.rip))
    }
    for (const f of oops.frames) frames.push(this.kernelFrame(f))
    const stack = frames.length ? b.stackFromLeafFirst(frames) : NONE
    const details = oops.details.slice()
    if (oops.unreliable > 0) {
      details.push(`${oops.unreliable} unreliable "? " frame(s) left out of the stack`)
    }
    if (!Number.isNaN(oops.time.seconds)) {
      details.push(`kernel time ${oops.time.seconds.toFixed(6)} s since boot`)
    }
    if (oops.frames.length === 0) details.push('no call trace')
    const record = b.addRecord({
      stack,
      state: oops.header.kind,
      name: oops.task?.comm,
      id: oops.task?.pid,
      count: 1,
      flags: RecordFlag.crashed,
      line: oops.line,
    })
    const level = oops.header.kind === 'warning' || oops.header.kind === 'lockdep'
    this.addEvent(
      oops.time,
      EventKind.crash,
      level ? Level.warn : Level.fatal,
      oops.line,
      `kernel ${oops.header.kind}${oops.rip ? ` in ${oops.rip.func}` : ''}`,
    )
    this.lastCrash = b.addCrash({
      format: 'kernel',
      kind: oops.header.kind,
      message: oops.header.text,
      pc: oops.pc === undefined ? undefined : '0x' + oops.pc,
      threadId: oops.task?.pid,
      record,
      time: wallTime(oops.time),
      line: oops.line,
      details,
    })
    this.lastCrashHasCode = true
  }

  private kernelFrame(f: TraceFrame): IndexIntoFrameTable {
    const bare = f.func.startsWith('0x')
    return this.builder.frame({
      func: bare ? 'unknown' : f.func,
      module: bare ? undefined : (f.module ?? 'vmlinux'),
      kind: bare ? FrameKind.unknown : FrameKind.kernel,
      address: f.address === undefined ? undefined : '0x' + f.address,
    })
  }
}

/** A crash's wall-clock time when its line's prefix had a date. */
function wallTime(time: KernelTime): number | undefined {
  return Number.isNaN(time.wall) ? undefined : time.wall
}
