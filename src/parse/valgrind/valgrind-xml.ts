import type { IncidentBuilder } from '../../model/builder'
import { NONE } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import {
  addToLeakTotals,
  leakCrash,
  parseCount,
  addLossRecord,
  errorKind,
  parseLossRecord,
  valgrindFrame,
  XML_LEAK_KINDS,
  unlistedLeakWarning,
  type LeakTotals,
} from './valgrind-common'

/**
 * Valgrind `--xml=yes` output, protocols 4, 5 (fd errors) and 6 (summaries with thousands
 * separators; `docs/internals/xml-output-protocol6.txt`, docs/formats/valgrind.md).
 *
 * The XML is a stream that a crashed run leaves unclosed, and the parser runs in a worker
 * and in Node, so there is no DOM parser: a small tolerant tokenizer reads each line's tags
 * (valgrind writes one element per line) and a path stack tracks where we are. The model is
 * the text reader's: loss records, per-kind leak totals (protocol 6's `<leak_summary>`, else
 * the loss records' sums), a crash fact and records per error.
 */

type Frame = {
  ip?: string
  obj?: string
  fn?: string
  file?: string
  dir?: string
  line?: number
}
type XmlError = {
  kind: string
  what?: string
  text?: string
  leakedBytes?: number
  leakedBlocks?: number
  tid?: number
  threadName?: string
  line: number
  aux: string[]
  /** Stacks in order with the aux line each follows (`undefined` for the error's own). */
  stacks: { label: string | undefined; frames: number[] }[]
  pendingAux?: string
}

/** One token of a line: an open tag, a close tag, or a leaf `<a>text</a>`. */
type Token =
  | { type: 'open'; name: string }
  | { type: 'close'; name: string }
  | { type: 'leaf'; name: string; text: string }

// `<name attrs>` / `<name/>`: the name stops at whitespace or `/`, so the rest cannot overlap
// it, and no tag holds a `<`, so a failed match never rescans past the next tag.
const TAG = /<(\/?)([A-Za-z_][\w.-]*)((?:[\s/][^<>]*)?)>/g

/** Tokenizes the tags of one line; text outside leaves (comments, `<?xml ?>`) is skipped. */
export function tokenizeXmlLine(line: string): Token[] {
  const out: Token[] = []
  TAG.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TAG.exec(line))) {
    const name = m[2]
    if (m[1]) {
      out.push({ type: 'close', name })
      continue
    }
    if (m[3].endsWith('/')) {
      out.push({ type: 'leaf', name, text: '' })
      continue
    }
    const end = line.indexOf(`</${name}>`, TAG.lastIndex)
    // A leaf only when no other tag sits between: `<a><b>x</b></a>` opens `a`.
    if (end >= 0 && line.indexOf('<', TAG.lastIndex) === end) {
      out.push({ type: 'leaf', name, text: decodeEntities(line.slice(TAG.lastIndex, end)) })
      TAG.lastIndex = end + name.length + 3
    } else {
      out.push({ type: 'open', name })
    }
  }
  return out
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
      default:
        return String.fromCodePoint(
          e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        )
    }
  })
}

/**
 * States (the element path):
 * - document: inside `<valgrindoutput>`. to: error on `<error>`, summary on `<leak_summary>`
 *   / `<heap_summary>`, done on `</valgrindoutput>`.
 * - error: `<error>` fields; `<stack>` collects `<frame>`s; `<auxwhat>` labels the next stack.
 *   to: document on `</error>`.
 * - summary: `<definitely_lost><bytes>..</bytes><blocks>..</blocks>` per kind. to: document.
 * - done: every further line ends the region.
 * The region ends early (with a warning at close) when the document is unclosed.
 */
class ValgrindXmlReader implements RegionReader {
  private readonly path: string[] = []
  private error: XmlError | null = null
  private frame: Frame | null = null
  private stackFrames: number[] | null = null
  private summaryKind: string | null = null
  private summary: { bytes: number; blocks: number } = { bytes: 0, blocks: 0 }
  private leakSummarySeen = false
  private inUse: { bytes: number; blocks: number } | null = null
  private readonly lossTotals: LeakTotals = new Map()
  /** What `<leak_summary>` printed for each kind. */
  private readonly summaryTotals: LeakTotals = new Map()
  private firstLossLine = -1
  private done = false
  private started = false
  private errors = 0

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    if (this.done) return false
    const t = line.text.trim()
    if (t === '') return true
    if (!t.startsWith('<')) return this.started // multi-line text inside an element
    for (const tok of tokenizeXmlLine(t)) this.token(tok, line.lineNo)
    return true
  }

  private token(tok: Token, lineNo: number): void {
    if (tok.type === 'open') {
      if (tok.name === 'valgrindoutput') this.started = true
      this.path.push(tok.name)
      this.open(tok.name, lineNo)
      return
    }
    if (tok.type === 'close') {
      // Tolerate mismatches: pop to the matching element when it is open.
      const at = this.path.lastIndexOf(tok.name)
      if (at < 0) return
      while (this.path.length > at) this.closeElement(this.path.pop()!)
      return
    }
    this.leaf(tok.name, tok.text)
  }

  private open(name: string, lineNo: number): void {
    const parent = this.path[this.path.length - 2]
    if (name === 'error') {
      this.error = { kind: '', line: lineNo, aux: [], stacks: [] }
    } else if (name === 'stack' && this.error) {
      this.stackFrames = []
    } else if (name === 'frame' && this.stackFrames) {
      this.frame = {}
    } else if (parent === 'leak_summary') {
      this.summaryKind = name.replace(/_/g, ' ')
      this.summary = { bytes: 0, blocks: 0 }
    }
  }

  private leaf(name: string, text: string): void {
    const where = this.path[this.path.length - 1]
    const f = this.frame
    if (f && where === 'frame') {
      if (name === 'ip') f.ip = text
      else if (name === 'obj') f.obj = text
      else if (name === 'fn') f.fn = text
      else if (name === 'file') f.file = text
      else if (name === 'dir') f.dir = text
      else if (name === 'line') f.line = Number(text)
      return
    }
    const e = this.error
    if (e && where === 'error') {
      if (name === 'kind') e.kind = text
      else if (name === 'what') e.what = text
      else if (name === 'tid') e.tid = Number(text)
      else if (name === 'threadname') e.threadName = text
      else if (name === 'auxwhat') {
        e.aux.push(text)
        e.pendingAux = text
      }
      return
    }
    if (e && where === 'xwhat') {
      if (name === 'text') e.text = text
      else if (name === 'leakedbytes') e.leakedBytes = parseCount(text)
      else if (name === 'leakedblocks') e.leakedBlocks = parseCount(text)
      return
    }
    if (e && (where === 'origin' || where === 'xauxwhat') && name === 'text') {
      e.aux.push(text)
      e.pendingAux = text
      return
    }
    if (this.summaryKind) {
      // Protocol 6 prints `<blocks>` where its document says `<in_blocks>`: accept both.
      if (name === 'bytes') this.summary.bytes = parseCount(text)
      else if (name === 'blocks' || name === 'in_blocks') this.summary.blocks = parseCount(text)
      return
    }
    if (where === 'memory_in_use_at_exit') {
      this.inUse ??= { bytes: 0, blocks: 0 }
      if (name === 'bytes') this.inUse.bytes = parseCount(text)
      else if (name === 'blocks' || name === 'in_blocks') this.inUse.blocks = parseCount(text)
    }
  }

  private closeElement(name: string): void {
    if (name === 'frame' && this.frame && this.stackFrames) {
      const f = this.frame
      this.frame = null
      const file = f.file && f.dir ? `${f.dir}/${f.file}` : f.file
      this.stackFrames.push(this.b.frame(valgrindFrame(f.ip, f.fn, f.obj, file, f.line)))
    } else if (name === 'stack' && this.error && this.stackFrames) {
      const e = this.error
      e.stacks.push({
        label: e.stacks.length === 0 ? undefined : e.pendingAux,
        frames: this.stackFrames,
      })
      e.pendingAux = undefined
      this.stackFrames = null
    } else if (name === 'error' && this.error) {
      this.emitError(this.error)
      this.error = null
    } else if (this.summaryKind && name === this.summaryKind.replace(/ /g, '_')) {
      this.leakSummarySeen = true
      this.b.addLeakKind(this.summaryKind, this.summary.bytes, this.summary.blocks)
      addToLeakTotals(this.summaryTotals, this.summaryKind, this.summary.bytes, this.summary.blocks)
      this.summaryKind = null
    } else if (name === 'memory_in_use_at_exit' && this.inUse) {
      this.b.addSnapshot({
        label: 'valgrind: in use at exit',
        bytes: this.inUse.bytes,
        allocations: this.inUse.blocks,
        line: 0,
      })
    } else if (name === 'valgrindoutput') {
      this.done = true
    }
  }

  private emitError(e: XmlError): void {
    const leakKind = XML_LEAK_KINDS[e.kind]
    const own = e.stacks[0]
    const ownStack = own ? this.b.stackFromLeafFirst(own.frames) : NONE
    if (leakKind) {
      const parsed = e.text ? parseLossRecord(e.text) : null
      const loss = parsed ?? {
        kind: leakKind,
        bytes: e.leakedBytes ?? 0,
        totalBytes: e.leakedBytes ?? 0,
        blocks: e.leakedBlocks ?? 0,
      }
      loss.kind = leakKind
      addLossRecord(this.b, loss, ownStack, e.line)
      addToLeakTotals(this.lossTotals, leakKind, loss.bytes, loss.blocks)
      if (this.firstLossLine < 0) this.firstLossLine = e.line
      return
    }
    const kind = e.what ? errorKind(e.what) : e.kind || 'error'
    let record = NONE
    if (own && own.frames.length > 0) {
      record = this.b.addRecord({
        stack: ownStack,
        state: kind.toLowerCase(),
        id: e.tid,
        name: e.threadName,
        line: e.line,
      })
    }
    for (const s of e.stacks.slice(1)) {
      if (s.frames.length === 0) continue
      const label = s.label ?? 'aux'
      const state = /free'd$/.test(label)
        ? 'freed at'
        : /alloc'd(?: at)?$/.test(label)
          ? 'allocated at'
          : /^Uninitialised value was created/.test(label)
            ? 'origin'
            : 'aux'
      this.b.addRecord({ stack: this.b.stackFromLeafFirst(s.frames), state, line: e.line })
    }
    if (++this.errors > 1000) return
    this.b.addCrash({
      format: 'valgrind',
      kind,
      message: e.what ?? e.text ?? e.kind,
      addr: e.aux.map((a) => /Address (0x[0-9A-Fa-f]+)/.exec(a)?.[1]).find(Boolean),
      threadId: e.tid,
      record,
      line: e.line,
      details: [`kind: ${e.kind}`, ...e.aux],
    })
  }

  close(): void {
    if (this.error) {
      this.b.warn('The valgrind XML ends inside an <error>: that error is incomplete.')
      // A leak error cut before its byte count has nothing to add.
      const e = this.error
      if (!XML_LEAK_KINDS[e.kind] || e.leakedBytes !== undefined) this.emitError(e)
      this.error = null
    }
    const summed = !this.leakSummarySeen
    const leak = leakCrash(
      summed ? this.lossTotals : this.summaryTotals,
      this.firstLossLine,
      summed,
    )
    if (leak) this.b.addCrash(leak)
    if (!this.leakSummarySeen) {
      for (const [kind, t] of this.lossTotals) this.b.addLeakKind(kind, t.bytes, t.blocks)
    } else {
      const unlisted = unlistedLeakWarning(this.summaryTotals, this.lossTotals)
      if (unlisted) this.b.warn(unlisted)
    }
    if (this.started && !this.done)
      this.b.warn(
        'The valgrind XML ends before </valgrindoutput> (the run crashed or the file was cut): what was read is shown.',
      )
  }
}

/** Valgrind `--xml=yes` output. */
export const valgrindXmlFormat: RegionFormat = {
  format: 'valgrind-xml',
  hints: ['<valgrindoutput>'],
  sniff(line: string): number {
    return line.indexOf('<valgrindoutput>')
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new ValgrindXmlReader(builder)
  },
}
