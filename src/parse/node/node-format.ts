import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, IndexIntoRecordTable } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import { HeldLines } from '../held-lines'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { parseJsFrameLine, parseNativeFrameLine } from './node-frames'
import { NodeReportReader } from './node-report'

/**
 * Node.js fatal output: uncaught exceptions (the throw site, the error, its frames and its
 * `[cause]` chain, the `Node.js v20.20.2` trailer) and V8 heap out-of-memory reports (the
 * last GC lines, `FATAL ERROR: ...`, the native stack).
 *
 * Grammar notes and samples: docs/formats/node.md (Node 20.20.2 generated samples,
 * satyr traces, OOM pastes from Linux, macOS, Windows, a monorepo runner and a wrapped
 * terminal). Printing code: node's `PrintException`/`TriggerUncaughtException`
 * (src/node_errors.cc) and `OOMErrorHandler` (src/api/hooks.cc), read 2026-11-22.
 */

const LAST_GCS = '<--- Last few GCs --->'
// The first key of a diagnostic report's header (see node-report.ts).
const REPORT_VERSION = '"reportVersion": '
const JS_STACKTRACE = '<--- JS stacktrace --->'
const FATAL_ERROR = 'FATAL ERROR: '
const NATIVE_STACK = '----- Native stack trace -----'
// `/srv/app/crash.js:14`, `file:///srv/app/crash.mjs:3`, `C:\app\index.js:7`,
// `node:internal/process/esm_loader:40`: the throw site printed before the error.
const THROW_SITE_RE =
  /^(?:file:\/\/)?(?:[A-Za-z]:)?[\\/][^:]*\.[cm]?[jt]sx?:\d+$|^node:internal\/[\w/]+:\d+$/
// `QueueError: cannot decode job`, `Error [ERR_MODULE_NOT_FOUND]: Cannot find ...`,
// `Uncaught TypeError: ...` (REPL, browsers), `TypeError`.
const ERROR_HEADER_RE =
  /^(?:Uncaught )?([A-Z][\w$]*(?:Error|Exception)|Error)(?: \[[\w]+\])?(?:: (.*))?$/
// `  [cause]: SyntaxError: Expected ...`, `  [errors]: [` inside the error's property block.
const CAUSE_RE = /^\s+\[cause\]: (.*)$/
const TRAILER_RE = /^Node\.js v\d+\.\d+\.\d+/
// `[2571992:0x55707eb70720]   114083 ms: Mark-Compact 4099.5 (4107.9) -> 4091.4 (4101.0) MB, ...`
// (V8 `Heap::PrintShortHeapStatistics`/`GCTracer::Print`); Windows prints the isolate without 0x.
const GC_RE =
  /^\[(\d+):(?:0x)?[0-9a-fA-F]+\]\s+(\d+) ms: ([A-Za-z-]+)(?: \(reduce\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/

/** Lines between a throw site and its error header (source line, caret, blank). */
const MAX_SOURCE_LINES = 5

function isErrorHeader(text: string): boolean {
  return (text.includes('Error') || text.includes('Exception')) && ERROR_HEADER_RE.test(text)
}

/** Node.js uncaught exceptions and heap out-of-memory reports. */
export const nodeFormat: RegionFormat = {
  format: 'node',
  // A throw site ends in `.js:12` (THROW_SITE_RE: `.[cm]?[jt]sx?:`) or is `node:internal/`;
  // an error header names an Error or an Exception.
  hints: [
    '<--- ',
    FATAL_ERROR,
    REPORT_VERSION,
    'js:',
    'ts:',
    'jsx:',
    'tsx:',
    'node:internal/',
    'Error',
    'Exception',
  ],
  sniff(line) {
    let at = line.indexOf('<--- ')
    if (at >= 0) {
      if (line.startsWith(LAST_GCS, at) || line.startsWith(JS_STACKTRACE, at)) return at
      return -1
    }
    at = line.indexOf(FATAL_ERROR)
    if (at >= 0) return at
    // Anchored at 0 so that the report's indentation is not peeled as a prefix.
    if (line.includes(REPORT_VERSION)) return 0
    const c = line.charCodeAt(0)
    const last = line.charCodeAt(line.length - 1)
    // The throw site (`/path/app.js:12`) or an error header at column 0.
    if (
      last >= 48 &&
      last <= 57 &&
      (c === 47 || c === 92 || c === 102 || c === 110 || line.charCodeAt(1) === 58)
    )
      return THROW_SITE_RE.test(line) ? 0 : -1
    if (c >= 65 && c <= 90 && isErrorHeader(line)) return 0
    return -1
  },
  open(builder, context) {
    return new NodeReader(builder, context)
  },
}

/** One error of an uncaught exception's chain while it is read. */
type PendingError = { header: string; frames: IndexIntoFrameTable[]; line: number; cause: boolean }

type State =
  // Before the first line. to: site, error, oom.
  | 'start'
  // After the throw site: source and caret lines. to: error (header); ends after a few lines.
  | 'site'
  // An error and its frames. from: start, site. to: props (a frame ending in ` {`),
  // tail (blank line); ends on other text.
  | 'error'
  // The error's property block up to `}`. to: error (`[cause]:`), tail (`}`).
  | 'props'
  // After the error: blank lines and the `Node.js vX` trailer; ends on other text.
  | 'tail'
  // A heap out-of-memory report: GC lines, FATAL ERROR, native frames.
  | 'oom'
  // A diagnostic report (JSON); node-report.ts reads it.
  | 'report'

const NO_LINES: readonly RegionLine[] = []

class NodeReader implements RegionReader {
  private state: State = 'start'
  private readonly bareContext: string
  private sourceLines = 0
  private site = ''
  private errors: PendingError[] = []
  private current: PendingError | null = null
  private version = ''
  private details: string[] = []

  // OOM report.
  private fatal = ''
  private fatalLine = -1
  private firstLine = -1
  private lastGc = ''
  private gcLines = 0
  private nativeFrames: IndexIntoFrameTable[] = []
  private report: NodeReportReader | null = null

  /** The region's first line; the lines after a frameless error header (see `push`). */
  private opening: RegionLine | null = null
  private readonly unconfirmed = new HeldLines()
  private returned: readonly RegionLine[] = []

  constructor(
    private readonly builder: IncidentBuilder,
    context: RegionContext,
  ) {
    // A prefixed paste's empty lines keep only the prefix, without its trailing space.
    this.bareContext = context.prefix.trimEnd()
  }

  push(line: RegionLine): boolean {
    this.opening ??= line
    if (this.unconfirmed.full || !this.read(line)) return false
    // A header no frame has followed yet, without a throw site, may be a log line naming an
    // error: the lines after it stay unconfirmed until a frame comes.
    const first = this.errors[0]
    if (first !== undefined && first.frames.length === 0 && this.site === '') {
      if (line.lineNo !== first.line) this.unconfirmed.hold(line)
    } else this.unconfirmed.confirm()
    return true
  }

  /** After `close`: the lines after a header that no frame followed (`RegionReader.unclaimed`). */
  unclaimed(): readonly RegionLine[] {
    return this.returned
  }

  private read(line: RegionLine): boolean {
    let text = line.text
    if (this.bareContext !== '' && text === this.bareContext) text = ''
    if (this.firstLine < 0) this.firstLine = line.lineNo
    switch (this.state) {
      case 'start':
        return this.start(text, line)
      case 'site':
        if (isErrorHeader(text)) return this.beginError(text, line.lineNo, false)
        // Node 15+ rejecting with a non-Error: `[UnhandledPromiseRejection: This error ...] {`.
        if (text.startsWith('[UnhandledPromiseRejection')) {
          this.beginError(text.replace(/^\[|\] \{$|\]$/g, ''), line.lineNo, false)
          if (text.endsWith(' {')) this.state = 'props'
          return true
        }
        return ++this.sourceLines <= MAX_SOURCE_LINES
      case 'error':
        return this.inError(text, line.lineNo)
      case 'props':
        return this.inProps(text, line.lineNo)
      case 'tail':
        if (text.trim() === '') return true
        if (TRAILER_RE.test(text)) {
          this.version = text.trim()
          return true
        }
        return false
      case 'oom':
        return this.inOom(text, line)
      case 'report':
        return this.report !== null && this.report.push(line)
    }
  }

  close(): void {
    // A header no frame followed was a log line naming an error: it goes back with the rest.
    const first = this.errors[0]
    this.returned =
      first !== undefined && first.frames.length === 0 && this.site === ''
        ? this.opening?.lineNo === first.line
          ? [this.opening, ...this.unconfirmed.take()]
          : this.unconfirmed.take()
        : NO_LINES
    if (this.state === 'report') this.report?.close()
    else if (this.state === 'oom') this.finishOom()
    else if (this.state === 'site')
      this.builder.warn(`Node.js printed a throw site (${this.site}) but no error after it.`)
    else this.finishErrors()
  }

  private start(text: string, line: RegionLine): boolean {
    if (text.includes(REPORT_VERSION)) {
      this.report = new NodeReportReader(this.builder)
      this.state = 'report'
      return this.report.push(line)
    }
    if (text.includes('<--- ') || text.includes(FATAL_ERROR)) {
      this.state = 'oom'
      return this.inOom(text, line)
    }
    if (THROW_SITE_RE.test(text)) {
      this.site = text
      this.state = 'site'
      return true
    }
    if (isErrorHeader(text)) return this.beginError(text, line.lineNo, false)
    return false
  }

  private beginError(header: string, lineNo: number, cause: boolean): boolean {
    this.current = { header: header.trim(), frames: [], line: lineNo, cause }
    this.errors.push(this.current)
    this.state = 'error'
    return true
  }

  private inError(text: string, lineNo: number): boolean {
    const current = this.current
    if (!current) return false
    const frame = parseJsFrameLine(this.builder, text)
    if (frame !== null) {
      current.frames.push(frame)
      if (text.endsWith(' {')) this.state = 'props'
      return true
    }
    if (text.trim() === '') {
      this.state = 'tail'
      return true
    }
    if (TRAILER_RE.test(text)) {
      this.version = text.trim()
      this.state = 'tail'
      return true
    }
    // A nested cause's frames end where the outer block goes on.
    if (current.cause) {
      this.state = 'props'
      return this.inProps(text, lineNo)
    }
    // A message that spans lines: before the first frame only, and not another error's header.
    if (
      current.frames.length > 0 ||
      /^\s/.test(text) ||
      current.header.split('\n').length >= 10 ||
      isErrorHeader(text)
    )
      return false
    current.header += `\n${text}`
    return true
  }

  private inProps(text: string, lineNo: number): boolean {
    if (text === '}') {
      this.state = 'tail'
      return true
    }
    const cause = CAUSE_RE.exec(text)
    if (cause) return this.beginError(cause[1], lineNo, true)
    // `  code: 'ERR_X'`, `  errno: -2`, nested objects: kept as details when short.
    const prop = /^ {2}(\w+): (.{1,80})$/.exec(text)
    if (prop) this.details.push(`${prop[1]}: ${prop[2].replace(/,$/, '')}`)
    return true
  }

  private finishErrors(): void {
    const errors = this.errors
    this.errors = []
    this.current = null
    // A header without frames is a log line naming an error, unless a throw site came first.
    if (errors.length === 0 || (errors[0].frames.length === 0 && this.site === '')) return
    const b = this.builder
    let first: IndexIntoRecordTable = NONE
    for (const e of errors) {
      const record = b.addRecord({
        stack: b.stackFromLeafFirst(e.frames),
        state: e.cause ? 'cause' : 'uncaught',
        flags: e === errors[0] ? RecordFlag.crashed : 0,
        line: e.line,
      })
      if (first === NONE) first = record
    }
    const details: string[] = []
    if (this.site) details.push(`thrown at: ${this.site}`)
    for (const e of errors.slice(1)) details.push(`caused by: ${e.header}`)
    details.push(...this.details)
    if (this.version) details.push(this.version)
    b.addCrash({
      format: 'node',
      kind: 'uncaught exception',
      message: errors[0].header.replace(/^Uncaught /, ''),
      record: first,
      line: errors[0].line,
      details,
    })
  }

  private inOom(text: string, line: RegionLine): boolean {
    const trimmed = text.trim()
    if (trimmed === '' || trimmed === NATIVE_STACK) return true
    if (text.includes(LAST_GCS) || text.includes(JS_STACKTRACE)) return true
    const fatal = text.indexOf(FATAL_ERROR)
    if (fatal >= 0) {
      if (this.fatal === '') {
        this.fatal = text.slice(fatal + FATAL_ERROR.length).trim()
        this.fatalLine = line.lineNo
      }
      return true
    }
    const gc = GC_RE.exec(trimmed)
    if (gc) {
      this.gcLines++
      this.lastGc = `last GC: ${gc[3]} ${gc[4]} (${gc[5]}) -> ${gc[6]} (${gc[7]}) MB at ${gc[2]} ms, pid ${gc[1]}`
      if (line.time !== undefined)
        this.builder.addSeriesPoint('heap MB', line.time, Number(gc[6]), 'MB')
      return true
    }
    // A GC line hard-wrapped before `) allocation failure; scavenge might not succeed`.
    if (trimmed.startsWith(')') || trimmed.startsWith('(average mu')) return true
    const frame = parseNativeFrameLine(this.builder, text)
    if (frame !== null) {
      this.nativeFrames.push(frame)
      return true
    }
    // Older Node: `Security context: 0x...`, JS frames `    1: StubFrame [pc: 0x...]`.
    if (text.startsWith('Security context:') || /^\s{2,}/.test(text)) return true
    if (text.startsWith('Writing Node.js report') || text.startsWith('Node.js report completed'))
      return true
    return false
  }

  private finishOom(): void {
    const b = this.builder
    if (this.fatal === '' && this.nativeFrames.length === 0) {
      if (this.gcLines > 0) b.warn('The Node.js GC trace is cut before its FATAL ERROR line.')
      return
    }
    const oom =
      this.fatal.includes('heap out of memory') || this.fatal.includes('Allocation failed')
    const record = b.addRecord({
      stack: b.stackFromLeafFirst(this.nativeFrames),
      state: oom ? 'out of memory' : 'fatal error',
      flags: RecordFlag.crashed,
      line: this.fatalLine >= 0 ? this.fatalLine : this.firstLine,
    })
    const details: string[] = []
    if (this.lastGc) details.push(this.lastGc)
    if (this.gcLines > 0) details.push(`GC lines: ${this.gcLines}`)
    b.addCrash({
      format: 'node',
      kind: oom ? 'out of memory' : 'fatal error',
      message: this.fatal || 'FATAL ERROR (line missing)',
      record,
      line: this.fatalLine >= 0 ? this.fatalLine : this.firstLine,
      details,
    })
  }
}
