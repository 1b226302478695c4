import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import type { RegionLine } from '../region'
import { parseJsFrameLine, parseNativeFrameLine } from './node-frames'

/**
 * A Node.js diagnostic report (`report.<date>.<time>.<pid>.<tid>.<seq>.json`, written by
 * `--report-on-fatalerror`, `--report-uncaught-exception`, `--report-on-signal` or
 * `process.report.writeReport()`), read line by line: node pretty-prints it with two-space
 * indentation and one key per line (src/node_report.cc, read 2026-11-22; corpus sample from
 * Node 20.20.2). Only what the timeline and stacks need is read: the header's event, trigger,
 * version and time, `javascriptStack` and `nativeStack`. The sniffed anchor is
 * `"reportVersion":`, the header's first key; the region ends with the closing `}` at column 0.
 */

// `    "event": "Allocation failed - JavaScript heap out of memory",`
const STRING_FIELD_RE = /^\s*"(\w+)": ("(?:[^"\\]|\\.)*")/
// `  "javascriptStack": {`: a top-level section (two-space indentation).
const SECTION_RE = /^ {2}"(\w+)": [[{]/
// `      "at parseJob (/srv/app/crash.js:7:15)",` inside `javascriptStack.stack`.
const STACK_ITEM_RE = /^\s*("at (?:[^"\\]|\\.)*")/

// Triggers that mean the process died, with the crash kind they map to.
const FATAL_TRIGGERS: Record<string, string> = {
  OOMError: 'out of memory',
  FatalError: 'fatal error',
  Exception: 'uncaught exception',
}

function jsonString(quoted: string): string {
  try {
    return String(JSON.parse(quoted))
  } catch {
    return quoted.slice(1, -1)
  }
}

/** Reads one diagnostic report; `push` returns false after its closing brace. */
export class NodeReportReader {
  private section = 'header'
  private done = false
  private firstLine = -1
  private fields = new Map<string, string>()
  private jsMessage = ''
  private jsFrames: IndexIntoFrameTable[] = []
  private nativeFrames: IndexIntoFrameTable[] = []
  private pc = ''

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    if (this.done) return false
    const text = line.text
    if (this.firstLine < 0) this.firstLine = line.lineNo
    if (text === '}') {
      this.done = true
      return true
    }
    const section = SECTION_RE.exec(text)
    if (section) {
      this.section = section[1]
      return true
    }
    if (this.section === 'javascriptStack') {
      const item = STACK_ITEM_RE.exec(text)
      if (item) {
        const frame = parseJsFrameLine(this.builder, `    ${jsonString(item[1])}`)
        if (frame !== null) this.jsFrames.push(frame)
        return true
      }
    }
    const field = STRING_FIELD_RE.exec(text)
    if (!field) return true
    const key = field[1]
    const value = jsonString(field[2])
    if (this.section === 'header') {
      if (!this.fields.has(key)) this.fields.set(key, value)
    } else if (this.section === 'javascriptStack' && key === 'message') {
      this.jsMessage = value
    } else if (this.section === 'nativeStack') {
      if (key === 'pc') this.pc = value
      else if (key === 'symbol') {
        const frame = parseNativeFrameLine(
          this.builder,
          ` ${this.nativeFrames.length}: ${this.pc || '0x0'} ${value.trim()}`,
        )
        if (frame !== null) this.nativeFrames.push(frame)
        this.pc = ''
      }
    }
    return true
  }

  close(): void {
    const b = this.builder
    if (!this.done) b.warn('The Node.js diagnostic report is cut before its closing brace.')
    const trigger = this.fields.get('trigger') ?? ''
    const kind = FATAL_TRIGGERS[trigger]
    const time = Date.parse(this.fields.get('dumpEventTime') ?? '')
    const native = b.addRecord({
      stack: b.stackFromLeafFirst(this.nativeFrames),
      state: kind ?? (trigger || undefined),
      name: 'native stack',
      flags: kind ? RecordFlag.crashed : 0,
      time: Number.isNaN(time) ? undefined : time,
      line: this.firstLine,
    })
    if (this.jsFrames.length > 0) {
      b.addRecord({
        stack: b.stackFromLeafFirst(this.jsFrames),
        state: kind ?? (trigger || undefined),
        name: 'javascript stack',
        time: Number.isNaN(time) ? undefined : time,
        line: this.firstLine,
      })
    }
    if (!kind) return
    const details: string[] = [`trigger: ${trigger}`]
    if (this.jsMessage && this.jsMessage !== 'No stack.')
      details.push(`JavaScript: ${this.jsMessage}`)
    const version = this.fields.get('nodejsVersion')
    if (version) details.push(`Node.js ${version}`)
    const file = this.fields.get('filename')
    if (file) details.push(`report: ${file}`)
    b.addCrash({
      format: 'node',
      kind,
      message: this.fields.get('event') || trigger,
      time: Number.isNaN(time) ? undefined : time,
      record: native === NONE ? NONE : native,
      line: this.firstLine,
      details,
    })
  }
}
