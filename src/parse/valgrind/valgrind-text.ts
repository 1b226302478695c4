import type { IncidentBuilder } from '../../model/builder'
import { EventKind, Level, NONE, RecordFlag } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import {
  addToLeakTotals,
  leakCrash,
  parseCount,
  addLossRecord,
  errorKind,
  parseElapsed,
  parseLossRecord,
  parseValgrindTextFrame,
  unlistedLeakWarning,
  type LeakTotals,
  type LossRecord,
} from './valgrind-common'

/**
 * Valgrind text output (memcheck, helgrind, drd; docs/formats/valgrind.md, from 3.10 to 3.19).
 *
 * Model:
 * - loss records -> one record each: state = the kind (`definitely lost` ...), bytes = the
 *   record's direct bytes (see `parseLossRecord`), count = allocations = blocks.
 * - LEAK SUMMARY -> `addLeakKind` for every kind printed, zeros included; without a LEAK
 *   SUMMARY (a cut paste) the loss records' own per-kind sums are used and a warning says so.
 * - each error (`Invalid read of size 4`, `Conflicting load by thread 3 ...`) -> a crash fact
 *   (format `valgrind`, kind = the headline's kind, addr from its `Address 0x..` line) and one
 *   record per stack: the error's own stack (state = the kind, lowercased) and one per aux
 *   line with a stack (`freed at`, `allocated at`, `origin` ...).
 * - `Process terminating with default action of signal 11 (SIGSEGV)` -> a crash fact with the
 *   signal; its stack's record is flagged crashed.
 * - HEAP SUMMARY `in use at exit` -> a snapshot; `--time-stamp=yes` times -> relative events.
 */

// Every line: `==PID== ` or, with --time-stamp=yes, `==00:00:00:01.234 PID== `.
const MARKER = /^==(?:(\d+:\d\d:\d\d:\d\d\.\d+) )?(\d+)==(?: |$)/
// `Memcheck, a memory error detector` / `drd, a thread error detector`.
const TOOL_LINE = /^(\w+), a [\w ]+ detector$/
const LEAK_SUMMARY_LINE =
  /^\s*(definitely lost|indirectly lost|possibly lost|still reachable|suppressed): ([\d,]+) bytes in ([\d,]+) blocks$/
const IN_USE = /^\s*in use at exit: ([\d,]+) bytes in ([\d,]+) blocks$/
const HEURISTIC = /^\s+(?:of which reachable via heuristic:|\w+\s*: [\d,]+ bytes in [\d,]+ blocks$)/
const SIGNAL = /^Process terminating with default action of signal (\d+) \((SIG\w+)\)/
const INFO =
  /^(?:Copyright|Using Valgrind|Command:|Parent PID:|For (?:counts|lists)|Rerun with|Use --|All heap blocks|ERROR SUMMARY:|Warning:|Reachable blocks|To see them|Searching for pointers|Checked [\d,]+ bytes|HEAP SUMMARY:|LEAK SUMMARY:|FILE DESCRIPTORS:|Thread #\d+ is the program's root thread|Locks held:|-{3}|total heap usage:|Memcheck:|Helgrind:|If you believe|overflow in your|possible\), you|main thread stack|The main thread stack)/
const DRD_THREAD = /^Thread (\d+):$/
const HG_THREAD_CREATED = /^Thread #(\d+) was created$/
// DRD prints its aux lines unindented.
const DRD_AUX = /^(?:Allocation context:|Other segment (?:start|end) )/
const ADDRESS = /\b(?:Address|address) (0x[0-9A-Fa-f]+)/

/** Crash facts are capped: a run can report thousands of error contexts. */
const MAX_ERRORS = 1000

type Section = { state: string; line: number; frames: number[]; loss?: LossRecord; id?: number }
type ValgrindError = {
  kind: string
  message: string
  signal?: string
  addr?: string
  threadId?: number
  line: number
  details: string[]
  record: number
  fatal: boolean
  time?: number
}

/**
 * States:
 * - run: between blocks. from: start, a blank line. to: error on a headline, loss on a loss
 *   record line, summary on `HEAP SUMMARY:` / `LEAK SUMMARY:`.
 * - error: an error block; the headline's stack, then aux lines each opening a section.
 *   to: run on a blank line (the error itself stays open for helgrind's `This conflicts`
 *   continuation until the next headline).
 * - loss: a loss record's stack. to: run on a blank line.
 * - summary: `key: value` lines of HEAP/LEAK SUMMARY. to: run on a blank line.
 * Lines without the `==PID==` marker end the region unless they are frames or loss records
 * whose marker was lost (the first line of a paste).
 */
class ValgrindTextReader implements RegionReader {
  private section: Section | null = null
  private error: ValgrindError | null = null
  private errors = 0
  private pendingThread: number | undefined
  private leakSummarySeen = false
  private readonly lossTotals: LeakTotals = new Map()
  /** What LEAK SUMMARY printed for each kind. */
  private readonly summaryTotals: LeakTotals = new Map()
  private readonly leakLines: string[] = []
  private leakLine = -1
  private firstLossLine = -1

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const m = MARKER.exec(line.text)
    let c: string
    let time: number | undefined
    if (m) {
      c = line.text.slice(m[0].length)
      if (m[1] !== undefined) time = parseElapsed(m[1])
    } else {
      c = line.text
      // A marker lost on the first line of a paste, or on a line relayed by another logger.
      if (parseLossRecord(c.trim()) === null && parseValgrindTextFrame(c) === null) return false
    }
    this.read(c, line.lineNo, time)
    return true
  }

  private read(c: string, lineNo: number, time: number | undefined): void {
    if (c.trim() === '') {
      this.endSection()
      return
    }
    const frame = parseValgrindTextFrame(c)
    if (frame) {
      if (!this.section) this.section = { state: 'stack', line: lineNo, frames: [] }
      this.section.frames.push(this.b.frame(frame))
      return
    }
    const t = c.trim()
    let m: RegExpExecArray | null
    const loss = parseLossRecord(t)
    if (loss) {
      this.endError()
      this.startSection({ state: loss.kind, line: lineNo, frames: [], loss })
      return
    }
    if ((m = LEAK_SUMMARY_LINE.exec(c))) {
      const bytes = parseCount(m[2])
      const blocks = parseCount(m[3])
      this.b.addLeakKind(m[1], bytes, blocks)
      addToLeakTotals(this.summaryTotals, m[1], bytes, blocks)
      if (!this.leakSummarySeen) {
        this.leakSummarySeen = true
        this.leakLine = lineNo
        if (time !== undefined) {
          this.b.addEvent({
            time,
            relative: true,
            kind: EventKind.snapshot,
            level: Level.info,
            line: lineNo,
            label: 'valgrind LEAK SUMMARY',
          })
        }
      }
      this.leakLines.push(t)
      return
    }
    if ((m = IN_USE.exec(c))) {
      this.b.addSnapshot({
        label: 'valgrind: in use at exit',
        bytes: parseCount(m[1]),
        allocations: parseCount(m[2]),
        line: lineNo,
      })
      return
    }
    if (HEURISTIC.test(c)) return
    if (INFO.test(t)) {
      if (!c.startsWith(' ')) this.endError()
      return
    }
    if (c.startsWith(' ') || (this.error && DRD_AUX.test(t))) {
      this.aux(t, lineNo)
      return
    }
    if ((m = TOOL_LINE.exec(t))) return
    if ((m = DRD_THREAD.exec(t))) {
      this.endError()
      this.pendingThread = Number(m[1])
      return
    }
    if ((m = HG_THREAD_CREATED.exec(t))) {
      this.endError()
      this.startSection({ state: 'thread created', line: lineNo, frames: [], id: Number(m[1]) })
      return
    }
    if (t.startsWith('This conflicts with') && this.error) {
      this.startSection({ state: 'previous access', line: lineNo, frames: [] })
      this.error.details.push(t)
      return
    }
    this.headline(t, lineNo, time)
  }

  /** An error headline (anything unindented that is not a known line). */
  private headline(t: string, lineNo: number, time: number | undefined): void {
    this.endError()
    const sig = SIGNAL.exec(t)
    const kind = sig ? 'signal' : errorKind(t)
    const thread = /by thread #?(\d+)/.exec(t)
    this.error = {
      kind,
      message: t,
      signal: sig?.[2],
      addr: /\bat (0x[0-9A-Fa-f]+)/.exec(t)?.[1],
      threadId: thread ? Number(thread[1]) : this.pendingThread,
      line: lineNo,
      details: [],
      record: NONE,
      fatal: sig !== null,
      time,
    }
    this.pendingThread = undefined
    this.startSection({ state: kind.toLowerCase(), line: lineNo, frames: [] })
    if (time !== undefined) {
      this.b.addEvent({
        time,
        relative: true,
        kind: sig ? EventKind.crash : EventKind.log,
        level: sig ? Level.fatal : Level.error,
        line: lineNo,
        label: t,
      })
    }
  }

  /** An indented aux line: `Address 0x.. is 0 bytes inside a block of size 32 free'd`. */
  private aux(t: string, lineNo: number): void {
    const e = this.error
    if (!e) return
    if (t.startsWith('(')) return // `(thread finished, call stack no longer available)`
    e.details.push(t)
    e.addr ??= ADDRESS.exec(t)?.[1]
    // Aux lines that introduce a stack open a section; others (`Access not within mapped
    // region at address 0x0`) are details, and the frames after them stay with the error.
    let state: string | undefined
    if (/free'd$/.test(t)) state = 'freed at'
    else if (/alloc'd(?: at)?$/.test(t)) state = 'allocated at'
    else if (/^Uninitialised value was created/.test(t)) state = 'origin'
    else if (/^Other segment (?:start|end)/.test(t)) state = t.toLowerCase()
    if (state) this.startSection({ state, line: lineNo, frames: [] })
  }

  private startSection(s: Section): void {
    this.endSection()
    this.section = s
  }

  private endSection(): void {
    const s = this.section
    if (!s) return
    this.section = null
    const stack = this.b.stackFromLeafFirst(s.frames)
    if (s.loss) {
      addLossRecord(this.b, s.loss, stack, s.line)
      addToLeakTotals(this.lossTotals, s.loss.kind, s.loss.bytes, s.loss.blocks)
      if (this.firstLossLine < 0) this.firstLossLine = s.line
      return
    }
    if (s.frames.length === 0) return
    const record = this.b.addRecord({ stack, state: s.state, id: s.id, line: s.line })
    const e = this.error
    if (e && e.record === NONE && s.id === undefined) {
      e.record = record
      if (e.fatal) this.b.flagRecord(record, RecordFlag.crashed)
    }
  }

  private endError(): void {
    this.endSection()
    const e = this.error
    if (!e) return
    this.error = null
    if (++this.errors > MAX_ERRORS) {
      this.b.warn(`More than ${MAX_ERRORS} valgrind errors: only the first are listed as facts.`)
      return
    }
    this.b.addCrash({
      format: 'valgrind',
      kind: e.kind,
      message: e.message,
      signal: e.signal,
      addr: e.addr,
      threadId: e.threadId,
      record: e.record,
      time: undefined,
      line: e.line,
      details: e.details,
    })
  }

  close(): void {
    this.endError()
    this.endSection()
    if (this.leakSummarySeen) {
      const leak = leakCrash(this.summaryTotals, this.leakLine, false, this.leakLines.slice())
      if (leak) this.b.addCrash(leak)
      const unlisted = unlistedLeakWarning(this.summaryTotals, this.lossTotals)
      if (unlisted) this.b.warn(unlisted)
    } else if (this.lossTotals.size > 0) {
      for (const [kind, t] of this.lossTotals) this.b.addLeakKind(kind, t.bytes, t.blocks)
      const leak = leakCrash(this.lossTotals, this.firstLossLine, true)
      if (leak) this.b.addCrash(leak)
      this.b.warn('No valgrind LEAK SUMMARY: leak totals are the sums of the loss records shown.')
    }
  }
}

// Sniff anchors: a marker line with a phrase only valgrind prints, or a loss record line.
const SNIFF_MARKED =
  /==(?:\d+:\d\d:\d\d:\d\d\.\d+ )?\d+== (?:(?:Memcheck|Helgrind|DRD|drd|helgrind), a |HEAP SUMMARY:|LEAK SUMMARY:|Invalid (?:read|write|free)|Process terminating with|Conditional jump|Use of uninitialised|Mismatched free|ERROR SUMMARY: |Conflicting (?:load|store)|Possible data race|---Thread-Announcement|\s+(?:at|by) 0x[0-9A-Fa-f]+: |[\d,]+ (?:\([\d,]+ direct, [\d,]+ indirect\) )?bytes in [\d,]+ blocks are )/

/** Valgrind text output (memcheck, helgrind, drd). */
export const valgrindFormat: RegionFormat = {
  format: 'valgrind',
  hints: ['==', ' blocks are '],
  sniff(line: string): number {
    const at = line.indexOf('==')
    if (at >= 0) {
      const m = SNIFF_MARKED.exec(line)
      if (m) return m.index
    }
    // A loss record whose marker was lost (indentation allowed, no other prefix).
    if (line.includes(' blocks are ')) {
      let i = 0
      while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++
      const loss = parseLossRecord(line.slice(i))
      if (loss && loss.kind !== 'still reachable') return i
    }
    return -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new ValgrindTextReader(builder)
  },
}
