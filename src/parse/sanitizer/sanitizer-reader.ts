import type { IncidentBuilder } from '../../model/builder'
import { EventKind, Level, NONE, RecordFlag } from '../../model/types'
import { HeldLines } from '../held-lines'
import type { RegionLine, RegionReader } from '../region'
import { signalFromShortName } from '../signals'
import { parseSanitizerFrame } from './sanitizer-frame'
import {
  ERROR_HEADER,
  TSAN_HEADER,
  UBSAN_HEADER,
  SUMMARY,
  LEAK_SUMMARY,
  LEAK,
  ASAN_ACCESS,
  ASAN_SECTION,
  THREAD_CREATED,
  TSAN_ACCESS,
  TSAN_HEAP_BLOCK,
  MUTEX_CREATED,
  MSAN_ORIGIN,
  LEAKED_OBJECT,
  SHADOW_ROW,
  LEGEND_ROW,
  LOGGER_SUFFIX,
  MARKER_LINE,
  DETAIL,
  MAX_JUNK_RUN,
  nameOfTool,
  toolOf,
  type Tool,
} from './sanitizer-lines'

type Section = {
  state: string
  line: number
  id?: number
  name?: string
  bytes?: number
  objects?: number
  leakKind?: string
  frames: number[]
  lastIndex: number
  crash: boolean
}

type Report = {
  tool: Tool
  /** False for a paste cut before its header: no crash fact. */
  headed: boolean
  kind: string
  message: string
  addr?: string
  pc?: string
  signal?: string
  threadId?: number
  line: number
  time?: number
  details: string[]
  crashRecord: number
  leakBytes: number
  leakObjects: number
  summary?: { bytes: number; objects: number }
  /** A `SUMMARY:` line was read. */
  summarized: boolean
  ended: boolean
}

/**
 * States (per report):
 * - between: no report open. from: start, a SUMMARY, a TSan `====` end. to: report on a
 *   header; excerpt report on a section header or frame (a paste cut before its header).
 *   Tolerates blank lines, `====` rules, the shadow dump, `==PID==ABORTING`. Anything else
 *   ends the region.
 * - report: inside a report. from: a header. to: between on `SUMMARY:` (ASan/LSan/MSan/UBSan),
 *   on the closing `====` (TSan), or on a blank line after a UBSan report without a stack.
 *   Sections start on their header lines and collect frames; blank lines end a section.
 *   Up to MAX_JUNK_RUN unrecognised lines in a row are tolerated (interleaved test output).
 */
export class SanitizerReader implements RegionReader {
  private report: Report | null = null
  private section: Section | null = null
  private junkRun = 0
  /** A header hard-wrapped by a terminal (`... bp 0x7f22463fda80 s` / `p 0x7f22463fda78`). */
  private wrapped: { text: string; line: RegionLine } | null = null
  private inShadow = false
  /** Whether the line being read was a report's line (not blank, tolerated or shadow). */
  private recognised = false
  /** The lines since the first unrecognised one that no recognised line has followed. */
  private readonly tolerated = new HeldLines()
  private returned: readonly RegionLine[] = []

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    this.recognised = false
    if (this.tolerated.full || !this.read(line)) return false
    // Lines tolerated since the last recognised one: given back if the region ends on them. An
    // indented line is a report's line cut short (`  Thread T1 (tid=5022, running) created b`),
    // not the next log line.
    const c = line.text.charCodeAt(0)
    if (!this.recognised && c !== 32 && c !== 9) {
      if (this.junkRun > 0 || this.tolerated.size > 0) this.tolerated.hold(line)
    } else this.tolerated.confirm()
    return true
  }

  /** After `close`: the unrecognised lines the region ended on (`RegionReader.unclaimed`). */
  unclaimed(): readonly RegionLine[] {
    return this.returned
  }

  private read(line: RegionLine): boolean {
    let text = line.text
    if (text.includes(', r')) text = text.replace(LOGGER_SUFFIX, '')
    const t = text.trim()

    if (this.wrapped) {
      const w = this.wrapped
      this.wrapped = null
      if (t !== '' && !this.isKnown(t)) {
        this.startErrorReport(w.text + t, w.line)
        return true
      }
      this.startErrorReport(w.text, w.line)
    }

    if (t === '') {
      this.endSection()
      if (this.report && this.report.tool === 'ubsan' && this.report.crashRecord === NONE)
        this.endReport()
      return true
    }
    if (this.inShadow) {
      if (SHADOW_ROW.test(t) || LEGEND_ROW.test(t) || t.startsWith('Shadow byte')) return true
      this.inShadow = false
    }
    if (this.readLine(t, line)) {
      this.junkRun = 0
      this.recognised = true
      return true
    }
    // Unrecognised: tolerated inside a report, the end of the region outside one. A UBSan
    // report is one line plus an optional stack, so it tolerates nothing.
    const r = this.report
    if (r && !r.ended && r.tool !== 'ubsan' && ++this.junkRun <= MAX_JUNK_RUN) return true
    if (r && r.tool === 'ubsan') this.endReport()
    return false
  }

  /** Handles a recognised line; false when the line is not part of a sanitizer report. */
  private readLine(t: string, line: RegionLine): boolean {
    const c0 = t.charCodeAt(0)
    if (c0 === 35 /* # */) {
      const f = parseSanitizerFrame(t)
      if (!f) return false
      if (!this.section) {
        this.ensureReport(line)
        this.startSection({ state: 'stack', line: line.lineNo })
      }
      this.addFrame(f.index, this.b.frame(f.frame))
      return true
    }
    if (t === '[failed to restore the stack]') return true
    if (c0 === 61 /* = */) {
      if (/^=+$/.test(t)) {
        // TSan closes its report with the same rule it opens it with.
        if (this.report?.tool === 'tsan') this.endReport()
        return true
      }
      const h = ERROR_HEADER.exec(t)
      if (h) {
        if (h[2] === 'LeakSanitizer' || h[3].startsWith('detected memory leaks')) {
          this.startReport(this.newReport('lsan', 'leak', h[3], line))
        } else if (/ (?:at pc|\(pc) 0x/.test(h[3]) && !/ sp 0x[0-9a-fA-F]+(?: T\d+\))?$/.test(t)) {
          this.endReport()
          this.wrapped = { text: t, line }
        } else {
          this.startErrorReport(t, line)
        }
        return true
      }
      if (MARKER_LINE.test(t)) {
        if (this.report && DETAIL.test(t)) this.report.details.push(t.replace(/^==\d+==/, ''))
        return true
      }
      return false
    }
    let m: RegExpExecArray | null
    if ((m = LEAK.exec(t))) {
      if (!this.report) this.startReport(this.newReport('lsan', 'leak', '', line, false))
      const objects = Number(m[3])
      this.startSection({
        state: `${m[1].toLowerCase()} leak`,
        line: line.lineNo,
        bytes: Number(m[2]),
        objects,
        leakKind: m[1].toLowerCase(),
      })
      return true
    }
    if ((m = ASAN_ACCESS.exec(t))) {
      this.ensureReport(line)
      const r = this.report!
      r.threadId ??= Number(m[4])
      r.details.push(t)
      this.startSection({ state: 'access', line: line.lineNo, id: Number(m[4]), name: m[5] })
      this.section!.crash = true
      return true
    }
    if ((m = ASAN_SECTION.exec(t))) {
      this.ensureReport(line)
      const state = m[1] === 'freed' ? 'freed by' : 'allocated by'
      this.startSection({ state, line: line.lineNo, id: Number(m[2]), name: m[3] })
      return true
    }
    if (t.endsWith(':') && (m = THREAD_CREATED.exec(t))) {
      this.ensureReport(line)
      const name = m[2] ?? (m[3] && !m[3].startsWith('tid=') ? m[3] : undefined)
      this.startSection({ state: 'thread created by', line: line.lineNo, id: Number(m[1]), name })
      return true
    }
    if ((m = TSAN_ACCESS.exec(t))) {
      this.ensureReport(line)
      const who = m[7] !== undefined ? `T${m[7]}` : 'main thread'
      const op = `${m[2] ? 'atomic ' : ''}${m[3].toLowerCase()}`
      const state = `${m[1] ? 'previous ' : ''}${op} by ${who}`
      const id = m[7] !== undefined ? Number(m[7]) : 0
      this.startSection({ state, line: line.lineNo, id })
      if (!m[1] && this.report!.crashRecord === NONE) {
        this.section!.crash = true
        this.report!.threadId ??= id
        this.report!.addr ??= m[5]
      }
      return true
    }
    if ((m = TSAN_HEAP_BLOCK.exec(t))) {
      this.ensureReport(line)
      this.report!.details.push(t.slice(0, -1))
      const who = m[3] === 'main thread' ? 'main thread' : m[3].slice('thread '.length)
      this.startSection({ state: `heap block allocated by ${who}`, line: line.lineNo })
      return true
    }
    if ((m = MUTEX_CREATED.exec(t))) {
      this.ensureReport(line)
      this.startSection({ state: 'mutex created', line: line.lineNo, name: m[1] })
      return true
    }
    if ((m = MSAN_ORIGIN.exec(t))) {
      this.ensureReport(line)
      const state = m[1].startsWith('stored') ? 'uninitialized value stored' : 'origin'
      this.startSection({ state, line: line.lineNo })
      return true
    }
    if (t === 'As if synchronized via sleep:') {
      this.ensureReport(line)
      this.startSection({ state: 'synchronized via sleep', line: line.lineNo })
      return true
    }
    if ((m = SUMMARY.exec(t))) {
      this.onSummary(m[1], m[2], line)
      return true
    }
    if ((m = TSAN_HEADER.exec(t))) {
      const r = this.newReport('tsan', m[2], m[2], line)
      this.startReport(r)
      return true
    }
    if ((m = UBSAN_HEADER.exec(t))) {
      const message = m[4]
      const colon = message.indexOf(': ')
      const kind = colon > 0 && colon < 48 ? message.slice(0, colon) : 'runtime error'
      const r = this.newReport('ubsan', kind, message, line)
      r.details.push(`at ${m[1]}:${m[2]}:${m[3]}`)
      this.startReport(r)
      this.startSection({ state: 'runtime error', line: line.lineNo })
      this.section!.crash = true
      return true
    }
    if (t.startsWith('Shadow byte')) {
      this.inShadow = true
      return true
    }
    if (
      /^\w*Sanitizer:DEADLYSIGNAL$/.test(t) ||
      /^ThreadSanitizer: reported \d+ warnings?$/.test(t)
    )
      return true
    if (t === 'Objects leaked above:' || LEAKED_OBJECT.test(t)) return this.report !== null
    if (this.report && !this.report.ended) {
      if (DETAIL.test(t)) {
        this.report.details.push(t)
        return true
      }
      // ASan stack-variable descriptions (`This frame has 1 object(s):`, `[32, 48) 'local'`).
      if (t.startsWith('This frame has ') || /^\[\d+, \d+\) '/.test(t) || t.startsWith('HINT: '))
        return true
    }
    return false
  }

  /** Lines that may follow a header (so a wrapped header is not joined with them). */
  private isKnown(t: string): boolean {
    return (
      t.startsWith('#') ||
      t.startsWith('==') ||
      ASAN_ACCESS.test(t) ||
      t.startsWith('SUMMARY:') ||
      /^0x[0-9a-fA-F]+ is located/.test(t)
    )
  }

  private newReport(
    tool: Tool,
    kind: string,
    message: string,
    line: RegionLine,
    headed = true,
  ): Report {
    return {
      tool,
      headed,
      kind,
      message,
      line: line.lineNo,
      time: line.time,
      details: [],
      crashRecord: NONE,
      leakBytes: 0,
      leakObjects: 0,
      summarized: false,
      ended: false,
    }
  }

  /** Parses an ASan/MSan/HWASan `==PID==ERROR:` header (possibly re-joined after wrapping). */
  private startErrorReport(t: string, line: RegionLine): void {
    const h = ERROR_HEADER.exec(t)
    if (!h) return
    const body = h[3]
    const r = this.newReport(toolOf(h[2]), '', '', line)
    // `heap-use-after-free on address 0x.. at pc 0x.. bp 0x.. sp 0x..`,
    // `SEGV on unknown address 0x.. (pc 0x.. bp 0x.. sp 0x.. T0)`,
    // `attempting double-free on 0x.. in thread T0:`, `memcpy-param-overlap: memory ranges ...`.
    const first = body.replace(/^attempting /, '').split(/[ :]/, 1)[0]
    r.kind = first
    r.signal = signalFromShortName(first)
    r.addr = /\bon (?:unknown )?(?:address )?(0x[0-9a-fA-F]+)/.exec(body)?.[1]
    r.addr ??= /: (0x[0-9a-fA-F]+) in thread/.exec(body)?.[1]
    r.pc = /\bpc (0x[0-9a-fA-F]+)/.exec(body)?.[1]
    const thread = / T(\d+)\)?:?$/.exec(body)
    if (thread) r.threadId = Number(thread[1])
    r.message = cutAt(cutAt(body, ' at pc 0x'), ' (pc 0x').replace(/:$/, '')
    this.startReport(r)
    // The stack printed right after the header (SEGV, double-free) is the crash site.
    this.startSection({ state: 'access', line: line.lineNo })
    this.section!.crash = true
  }

  private ensureReport(line: RegionLine): void {
    if (!this.report || this.report.ended)
      this.startReport(this.newReport('sanitizer', '', '', line, false))
  }

  private startReport(r: Report): void {
    this.endReport()
    this.report = r
    this.junkRun = 0
  }

  private startSection(s: Omit<Section, 'frames' | 'lastIndex' | 'crash'>): void {
    this.endSection()
    this.section = { ...s, frames: [], lastIndex: -1, crash: false }
  }

  private addFrame(index: number, frame: number): void {
    const s = this.section!
    // A frame numbered #0 again starts a new stack (two reports pasted without a blank line).
    if (index === 0 && s.lastIndex >= 0 && s.frames.length > 0) {
      const { state, line, id, name } = s
      this.startSection({ state, line, id, name })
    }
    this.section!.frames.push(frame)
    this.section!.lastIndex = index
  }

  private endSection(): void {
    const s = this.section
    if (!s) return
    this.section = null
    const r = this.report
    // An empty section (cut paste, `[failed to restore the stack]`, UBSan without
    // print_stacktrace) has nothing to show.
    if (s.frames.length === 0 && s.leakKind === undefined) return
    const stack = this.b.stackFromLeafFirst(s.frames)
    const record = this.b.addRecord({
      stack,
      state: s.state,
      id: s.id,
      name: s.name,
      count: s.objects ?? 1,
      bytes: s.bytes,
      allocations: s.objects,
      line: s.line,
    })
    if (s.leakKind !== undefined) {
      this.b.addLeakKind(s.leakKind, s.bytes ?? 0, s.objects ?? 0)
      if (r) {
        r.leakBytes += s.bytes ?? 0
        r.leakObjects += s.objects ?? 0
      }
    }
    if (s.crash && r && r.crashRecord === NONE) {
      r.crashRecord = record
      this.b.flagRecord(record, RecordFlag.crashed)
    }
  }

  private onSummary(toolName: string, text: string, line: RegionLine): void {
    this.endSection()
    if (!this.report || this.report.ended)
      this.startReport(this.newReport(toolOf(toolName), '', '', line, false))
    const r = this.report!
    r.summarized = true
    if (!r.headed) r.tool = toolOf(toolName)
    const leak = LEAK_SUMMARY.exec(text)
    if (leak) {
      r.summary = { bytes: Number(leak[1]), objects: Number(leak[2]) }
      if (r.tool !== 'lsan' && r.kind === '') r.kind = 'leak'
    } else if (r.tool === 'tsan') {
      // `data race /path/file.c:12:62 in record_hit`: the kind is the words before the place.
      const words: string[] = []
      for (const w of text.split(' ')) {
        if (w === '' || w.includes('/') || w.includes(':') || w.includes('(')) break
        words.push(w)
      }
      r.kind ||= words.join(' ')
      // The header says only `data race`; the summary says where: the message a reader needs.
      if (r.message === '' || r.message === r.kind) r.message = text.trimEnd()
    } else if (r.tool !== 'ubsan' || r.kind === '') {
      // ASan's summary names the error type (`bad-free`, `double-free`): the report's kind.
      const kind = text.split(' ', 1)[0]
      if (kind) r.kind = kind
    }
    r.details.push(`SUMMARY: ${toolName}: ${text.trimEnd()}`)
    // TSan closes with `====`; everything else ends at its summary.
    if (r.tool !== 'tsan') this.endReport()
    else r.ended = true
    if (toolName === 'AddressSanitizer' && !leak) this.inShadow = false
  }

  private endReport(): void {
    this.endSection()
    const r = this.report
    if (!r) return
    this.report = null
    if (r.summary && (r.summary.bytes !== r.leakBytes || r.summary.objects !== r.leakObjects)) {
      this.b.warn(
        `Sanitizer leak records add up to ${r.leakBytes} byte(s) in ${r.leakObjects} allocation(s), ` +
          `but its SUMMARY says ${r.summary.bytes} in ${r.summary.objects} (line ${r.line + 1}): ` +
          'the report is incomplete.',
      )
    }
    if (!r.headed)
      this.b.warn('A sanitizer report starts before the pasted text: its header is missing.')
    if (r.tool === 'lsan' || (r.kind === 'leak' && r.crashRecord === NONE)) {
      const details = r.details.slice()
      if (!r.summarized)
        this.b.warn('The LeakSanitizer report ends without its SUMMARY line (truncated?).')
      this.b.addCrash({
        format: 'lsan',
        kind: 'leak',
        message: r.message || 'detected memory leaks',
        record: NONE,
        time: r.time,
        line: r.line,
        details: [`leaked ${r.leakBytes} byte(s) in ${r.leakObjects} allocation(s)`, ...details],
      })
    } else if (r.headed || r.summarized) {
      if (!r.summarized && r.tool !== 'ubsan' && r.tool !== 'tsan')
        this.b.warn(`The ${nameOfTool(r.tool)} report ends without its SUMMARY line (truncated?).`)
      this.b.addCrash({
        format: r.tool,
        kind: r.kind || 'error',
        message: r.message || r.kind,
        signal: r.signal,
        addr: r.addr,
        pc: r.pc,
        threadId: r.threadId,
        record: r.crashRecord,
        time: r.time,
        line: r.line,
        details: r.details,
      })
    }
    if (r.time !== undefined) {
      this.b.addEvent({
        time: r.time,
        kind: EventKind.crash,
        level: Level.error,
        line: r.line,
        label: `${r.tool}: ${r.kind || 'report'}`,
      })
    }
  }

  close(): void {
    this.returned = this.tolerated.take()
    if (this.wrapped) {
      const w = this.wrapped
      this.wrapped = null
      this.startErrorReport(w.text, w.line)
    }
    if (this.report && !this.report.ended && this.report.tool === 'tsan')
      this.b.warn('A ThreadSanitizer report is cut short (no closing ==== line).')
    this.endReport()
  }
}

/** `text` up to the first `marker` (the whole text when there is none). */
function cutAt(text: string, marker: string): string {
  const i = text.indexOf(marker)
  return i >= 0 ? text.slice(0, i) : text
}
