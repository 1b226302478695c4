import { argsHashOfPairs, type IncidentBuilder } from '../../model/builder'
import type {
  CrashFact,
  IndexIntoFrameTable,
  IndexIntoStackTable,
  LineNumber,
} from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import type { RegionContext, RegionLine, RegionReader } from '../region'
import { PendingCrash } from './go-crash'
import { FNV_OFFSET_BASIS, fnvStep, hashUnitPairs } from '../../lib/hash'
import { CREATED_BY_SLOT, GoFrames, combineArgHash } from './go-frames'
import {
  cleanTail,
  indentOf,
  isElision,
  isRegisterLine,
  isRuntimeLine,
  parseCreatedBy,
  parseFileLine,
  parseFuncLine,
  parseGoroutineHeader,
  parseSignalHeader,
  parseSignalLine,
  parseWindowsException,
} from './go-lines'
import { HeaderTails, type HeaderTail } from './go-header-tails'
import { GoProfileReader } from './go-profile'
import { RaceReport } from './go-race'
import { RepeatedText } from './repeated-text'

const RACE_TRUNCATED = 'A Go race report ends before its closing line (the input looks truncated).'

/**
 * The reader's states, one `case` each in `read`. Every state but race and profile first
 * takes a blank line (the end of a stack) and a goroutine header (a new one). "Sections" are
 * the lines that open something wherever they appear: a crash (`panic:`, `fatal error:`, a
 * signal), `runtime stack:`, `WARNING: DATA RACE`, `goroutine profile: total N`. "Tail lines"
 * follow a dump: `exit status 2`, `FAIL\tpkg`, register dumps, the race summary.
 *
 * Inside a stack, the kind of stack (StackKind) tells a goroutine from the `runtime stack:`
 * (g0), a GODEBUG=tracebackancestors `[originating from goroutine N]:` block (read and
 * dropped) and frames printed with no header (go1.2 signal crashes, mid-dump excerpts).
 */
type State =
  /** After a crash line and its details. Takes sections, a stack with no header, tail
   *  lines, then the crash message's continuation lines and, once the crash is stored,
   *  one stray line (Markdown or shipper debris). */
  | 'header'
  /** Between frames of a stack. Takes stack lines (function, `created by`, elision,
   *  `[originating from goroutine N]:`), sections, tail lines, then a location whose function
   *  line was lost, or one stray line. */
  | 'block'
  /** After a function line. Takes its `\tfile:line +0x..` line (back to block), other stack
   *  lines, sections and tail lines, then one stray line (an interleaved log line). */
  | 'func'
  /** After `created by F`. Takes its location line (back to block), other stack lines,
   *  sections and tail lines. */
  | 'created'
  /** Between stacks, after a blank line. Takes sections, a stack with no header, tail lines. */
  | 'gap'
  /** Inside a race detector report (RaceReport), until its `==================`; a crash or
   *  a goroutine header ends a report cut short. */
  | 'race'
  /** `/debug/pprof/goroutine?debug=1`, read to the end by GoProfileReader. */
  | 'profile'
  /** After a dump: what `gap` takes. */
  | 'tail'

/** Where a goroutine header's id starts: after `goroutine `. */
const GOROUTINE_ID = 10

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c >= 48 && c <= 57
}

/** Stack positions remembered for lines that repeat the previous stack's. */
const MEMO_SLOTS = 1024

/** `ancestor`: frames of a creator long gone (tracebackancestors), read and dropped. */
type StackKind = 'goroutine' | 'runtime' | 'anonymous' | 'ancestor'

/**
 * Reads one Go region. Lines are classified by content (a paste may have re-indented them);
 * see go-lines.ts for the grammar and the runtime source it follows.
 */
export class GoReader implements RegionReader {
  private state: State = 'header'
  private readonly prefixed: boolean

  // The stack being read.
  private kind: StackKind = 'anonymous'
  private open = false
  private id = -1
  private goState: string | undefined
  private waitMinutes: number | undefined
  private flags = 0
  private parentId: number | undefined
  private firstLine = 0
  // Frame i of the stack, the hash of its printed arguments (argsHashOf) and its function
  // name are at index i of these, up to `depth`: they are reused from stack to stack, as a
  // dump's stacks are many.
  private depth = 0
  private readonly frames: IndexIntoFrameTable[] = []
  private readonly argHashes: number[] = []
  /** The stack's argument lists hashed as combineArgHash does, one frame at a time. */
  private argsHash = FNV_OFFSET_BASIS
  private createdBy: IndexIntoStackTable = NONE
  private createdByFunc: string | null = null
  /** Function names of `frames`, for the system-goroutine test. */
  private readonly funcs: string[] = []
  /** `file:line` of each frame, kept for the `runtime stack:` only (it goes with the crash). */
  private locations: string[] = []
  private crashedStack = false

  // A function line waiting for its file line.
  private pendingFunc: string | null = null
  /** The pending function's arguments: their length and hashUnitPairs hash (not their text). */
  private pendingArgsLength = 0
  private pendingArgsHash = 0
  /** Consecutive lines tolerated without being understood, and whether this line is one. */
  private strayLines = 0
  private strayNow = false

  private crash: PendingCrash | null = null
  private lastCrash: CrashFact | null = null
  private race: RaceReport | null = null
  private profile: GoProfileReader | null = null
  private readonly goFrames: GoFrames
  private readonly headerTails = new HeaderTails()
  private sawStructure = false

  // What the previous goroutine had at each stack position, for lines that repeat it exactly
  // (most lines of a dump): the function of its function line, and the raw text of its file
  // line with what it parsed to. See fastFuncLine and fastFileLine.
  private readonly memoFunc: (RepeatedText | undefined)[] = []
  private readonly memoFileText: (RepeatedText | undefined)[] = []
  private readonly memoFile: string[] = []
  private readonly memoLine: number[] = []
  private readonly memoAddress: (string | undefined)[] = []
  // The last `created by` line and its file line, likewise.
  private memoCreatedText: RepeatedText | null = null
  private memoCreatedFunc = ''
  private memoCreatedParent: number | undefined
  private memoCreatedFileText: RepeatedText | null = null
  private memoCreatedFile = ''
  private memoCreatedLine = 0
  private memoCreatedAddress: string | undefined

  constructor(
    private readonly builder: IncidentBuilder,
    context: RegionContext,
  ) {
    this.prefixed = context.prefix.trim() !== ''
    this.goFrames = new GoFrames(builder)
  }

  push(line: RegionLine): boolean {
    const source = line.source ?? line.text
    const start = line.source === undefined ? 0 : (line.start ?? 0)
    if (
      this.pushRange(
        source,
        start,
        start + line.text.length,
        line.lineNo,
        line.bytes?.sourceBytes() ?? null,
      )
    )
      return true
    const raw = cleanTail(line.text)
    const indent = indentOf(raw)
    const text = indent === 0 ? raw : raw.slice(indent)
    this.strayNow = false
    const ok = this.read(text, indent, line)
    if (!this.strayNow) this.strayLines = 0
    return ok
  }

  /**
   * The line `source[start, end)` (`bytes`, its chunk's bytes when they are its characters)
   * when it repeats what the goroutines before printed, read without cleaning or parsing it,
   * and without slicing what need not be compared; false leaves it to the full read.
   */
  pushRange(
    source: string,
    start: number,
    end: number,
    lineNo: LineNumber,
    bytes: Uint8Array | null,
  ): boolean {
    const state = this.state
    if (state === 'race' || state === 'profile') return false
    if (
      (state === 'func'
        ? this.fastFileLine(source, start, end)
        : state === 'block'
          ? this.fastFuncLine(source, start, end, bytes) || this.fastCreatedBy(source, start, end)
          : state === 'created' && this.fastCreatedFileLine(source, start, end)) ||
      this.fastHeader(source, start, end, lineNo)
    ) {
      this.strayLines = 0
      return true
    }
    if (start !== end) return false
    // A blank line, as readBoundary takes it in every state but race and profile.
    this.blank()
    this.strayLines = 0
    return true
  }

  private read(text: string, indent: number, line: RegionLine): boolean {
    switch (this.state) {
      case 'race':
        return this.readRace(text, indent, line)
      case 'profile':
        return this.profile!.push(text, line.lineNo)
      case 'func':
        // Past all else: a log line interleaved between a function and its location.
        return this.readInStack(text, line) || this.stray()
      case 'block':
        // Past all else, inside a stack: a location whose function line was lost, a wrapped
        // line's tail (`sp=0xc8260edd9` / `8`), or a frame spliced with another line by a
        // broken copy (`launchpad.net/juju-co60 +0x645`). Prose after a dump usually follows
        // a blank line, where nothing is tolerated.
        return this.readInStack(text, line) || parseFileLine(text) !== null || this.stray()
      case 'created':
        return this.readInStack(text, line)
      case 'header':
        return this.readBetweenStacks(text, indent, line) || this.readCrashMore(text, line)
      case 'gap':
      case 'tail':
        return this.readBetweenStacks(text, indent, line)
    }
  }

  /** A line inside a stack (states func, block, created). */
  private readInStack(text: string, line: RegionLine): boolean {
    return (
      this.readBoundary(text, line) ||
      this.readStackLine(text, line) ||
      this.readSection(text, line) ||
      this.readTailLine(text)
    )
  }

  /** A line outside any stack (states header, gap, tail). */
  private readBetweenStacks(text: string, indent: number, line: RegionLine): boolean {
    return (
      this.readBoundary(text, line) ||
      this.readSection(text, line) ||
      this.readHeaderlessStack(text, indent, line) ||
      this.readTailLine(text)
    )
  }

  /** A blank line, or a goroutine header: the end of a stack, or the start of one. */
  private readBoundary(text: string, line: RegionLine): boolean {
    if (text === '') return this.blank()
    const header = parseGoroutineHeader(text)
    if (!header) return false
    // Only a line read as it came (not re-indented, no trailing debris) is matched later.
    if (text.length === line.text.length) {
      let d = GOROUTINE_ID
      while (isDigitAt(text, d)) d++
      const { state, waitMinutes, lockedToThread } = header
      this.headerTails.remember(text.slice(d), { state, waitMinutes, lockedToThread })
    }
    this.beginGoroutine(header.id, header, line.lineNo)
    return true
  }

  /**
   * Before the full parse, in any state but race and profile (where readBoundary comes
   * first): a goroutine header whose text after the id was read before (see HeaderTails).
   */
  private fastHeader(source: string, at: number, end: number, lineNo: LineNumber): boolean {
    if (source.charCodeAt(at) !== 103 /* g */ || !source.startsWith('goroutine ', at)) return false
    let id = 0
    let d = GOROUTINE_ID
    for (let c = source.charCodeAt(at + d); c >= 48 && c <= 57; c = source.charCodeAt(at + ++d))
      id = id * 10 + (c - 48)
    // Up to 15 digits the sum is exact, as Number() reads them.
    if (d === GOROUTINE_ID || d > GOROUTINE_ID + 15 || at + d > end) return false
    const tail = this.headerTails.find(source, at + d, end)
    if (tail === null) return false
    this.beginGoroutine(id, tail, lineNo)
    return true
  }

  /** Ends the open stack and opens goroutine `id`, which its header describes. */
  private beginGoroutine(id: number, header: HeaderTail, lineNo: number): void {
    this.endStack()
    this.beginStack('goroutine', lineNo)
    this.id = id
    this.goState = header.state
    this.waitMinutes = header.waitMinutes
    if (header.lockedToThread) this.flags |= RecordFlag.lockedToThread
    this.state = 'block'
    this.confirm()
  }

  /** A line that opens something wherever it appears: a crash, `runtime stack:`, a race, a profile. */
  private readSection(text: string, line: RegionLine): boolean {
    if (this.readCrashLine(text, line)) return true
    if (text === 'runtime stack:') {
      this.endStack()
      this.beginStack('runtime', line.lineNo)
      this.goState = 'runtime stack'
      this.flags |= RecordFlag.system
      this.state = 'block'
      this.confirm()
      this.detail('runtime stack: present')
      return true
    }
    if (text.startsWith('WARNING: DATA RACE')) {
      this.endStack()
      this.race = new RaceReport(this.builder, this.goFrames, line.lineNo, line.time)
      this.state = 'race'
      return true
    }
    if (text.startsWith('goroutine profile: total ')) {
      this.endStack()
      this.profile = new GoProfileReader(this.builder, this.goFrames, Number(text.slice(25)))
      this.state = 'profile'
      return true
    }
    return false
  }

  /** A stack that starts without a header: go1.2 signal crashes, mid-dump excerpts. */
  private readHeaderlessStack(text: string, indent: number, line: RegionLine): boolean {
    if (parseFuncLine(text)) {
      this.endStack()
      this.beginStack('anonymous', line.lineNo)
      this.state = 'block'
      this.confirm()
      return this.readStackLine(text, line)
    }
    if (parseFileLine(text) && (text.indexOf(' +0x') !== -1 || indent > 0)) {
      // A location whose function line was cut off (excerpts); nothing to attach it to.
      if (!this.open) this.beginStack('anonymous', line.lineNo)
      this.state = 'block'
      return true
    }
    return false
  }

  /**
   * After a crash line: the message's continuation (`panic: ` values with newlines,
   * `running tests:` after a timeout), and once the crash is stored, debris between crash
   * lines (`stderr F** `).
   */
  private readCrashMore(text: string, line: RegionLine): boolean {
    const crash = this.crash
    if (!crash) return false
    if ((!this.prefixed || line.prefix !== '') && crash.continueMessage(text)) return true
    return crash.stored ? this.stray() : false
  }

  /** A line of a race report; a crash or a goroutine header ends a report cut short. */
  private readRace(text: string, indent: number, line: RegionLine): boolean {
    if (
      text.startsWith('panic: ') ||
      text.startsWith('fatal error: ') ||
      parseGoroutineHeader(text) !== null
    ) {
      this.finishRace()
      this.builder.warn(RACE_TRUNCATED)
      this.state = 'gap'
      return this.read(text, indent, line)
    }
    if (this.race!.push(text, line.lineNo)) {
      this.finishRace()
      this.state = 'tail'
    }
    return true
  }

  /**
   * In state func, a file line equal to the one the previous stack had at this position reads
   * as that one did (`read` -> `readStackLine` -> `parseFileLine`, which depend on the text
   * alone), without cleaning or parsing it again.
   */
  private fastFileLine(source: string, start: number, end: number): boolean {
    const slot = this.depth
    const memo = this.memoFileText[slot]
    if (memo === undefined || !memo.isAt(source, start, end)) return false
    this.flushFunc(this.memoFile[slot], this.memoLine[slot], this.memoAddress[slot])
    return true
  }

  /**
   * In state block, a function line calling the function the previous stack had at this
   * position: `F(args)` with no other `(`, starting with no space and ending with `)`, which
   * `cleanTail` leaves alone and no classifier before `parseFuncLine` takes (F has no space).
   */
  private fastFuncLine(
    source: string,
    start: number,
    end: number,
    bytes: Uint8Array | null,
  ): boolean {
    if (this.pendingFunc !== null || !this.open) return false
    const slot = this.depth
    const func = this.memoFunc[slot]
    if (func === undefined) return false
    const open = start + func.text.length
    if (
      open >= end ||
      source.charCodeAt(end - 1) !== 41 /* ) */ ||
      source.charCodeAt(open) !== 40 /* ( */
    )
      return false
    if (!func.isAt(source, start, open)) return false
    // A second `(` in the arguments is left to the full parse. The arguments are hashed where
    // they lie in the chunk, fastest in its bytes (V8 reads a character of a slice at about
    // twice the cost), which also tell a `(` among them.
    if (bytes === null) {
      const paren = source.indexOf('(', open + 1)
      if (paren !== -1 && paren < end) return false
      this.pendingArgsHash = hashUnitPairs(source, open + 1, end - 1)
    } else if (!this.hashArgBytes(bytes, open + 1, end - 1)) return false
    this.pendingFunc = func.text
    this.pendingArgsLength = end - 1 - (open + 1)
    this.state = 'func'
    return true
  }

  /**
   * Hashes the arguments `bytes[start, end)` into `pendingArgsHash` as hashUnitPairs hashes
   * the text they decode to, one character a byte; false, without a hash, when they hold a
   * `(`. Each 16-bit lane of a pair XORed with `(`
   * is zero where one is, and a lane minus one sets its top bit only when it was zero: the
   * test costs a few operations a pair, where a search of the text was a call.
   */
  private hashArgBytes(bytes: Uint8Array, start: number, end: number): boolean {
    let zeros = 0
    let h = FNV_OFFSET_BASIS
    let i = start
    for (; i + 1 < end; i += 2) {
      const pair = bytes[i] | (bytes[i + 1] << 16)
      const x = pair ^ 0x280028
      zeros |= (x - 0x10001) & ~x
      h = fnvStep(h, pair)
    }
    if (i < end) {
      if (bytes[i] === 40 /* ( */) return false
      h = fnvStep(h, bytes[i])
    }
    if ((zeros & 0x80008000) !== 0) return false
    this.pendingArgsHash = h
    return true
  }

  /** In state block, the previous `created by` line again (see fastFileLine). */
  private fastCreatedBy(source: string, start: number, end: number): boolean {
    const memo = this.memoCreatedText
    if (memo === null || !memo.isAt(source, start, end)) return false
    this.createdByLine(this.memoCreatedFunc, this.memoCreatedParent)
    return true
  }

  /** In state created, the previous `created by` location again (see fastFileLine). */
  private fastCreatedFileLine(source: string, start: number, end: number): boolean {
    const memo = this.memoCreatedFileText
    if (memo === null || !memo.isAt(source, start, end)) return false
    this.createdAt(this.memoCreatedFile, this.memoCreatedLine, this.memoCreatedAddress)
    return true
  }

  /** Tolerates one line not understood, but not two in a row. */
  private stray(): boolean {
    if (this.strayLines > 0) return false
    this.strayLines++
    this.strayNow = true
    return true
  }

  /** Function, file, `created by`, elision and ancestor lines. */
  private readStackLine(text: string, line: RegionLine): boolean {
    const state = this.state
    if (state === 'func' || state === 'created') {
      const loc = parseFileLine(text)
      if (loc) {
        if (state === 'created') {
          this.memoCreatedFileText = new RepeatedText(line.text)
          this.memoCreatedFile = loc.file
          this.memoCreatedLine = loc.line
          this.memoCreatedAddress = loc.address
          this.createdAt(loc.file, loc.line, loc.address)
        } else {
          const slot = this.depth
          if (slot < MEMO_SLOTS) {
            this.memoFileText[slot] = new RepeatedText(line.text)
            this.memoFile[slot] = loc.file
            this.memoLine[slot] = loc.line
            this.memoAddress[slot] = loc.address
          }
          this.flushFunc(loc.file, loc.line, loc.address)
        }
        return true
      }
    }
    const created = parseCreatedBy(text)
    if (created) {
      this.memoCreatedText = new RepeatedText(line.text)
      this.memoCreatedFunc = created.func
      this.memoCreatedParent = created.parentId
      this.createdByLine(created.func, created.parentId)
      return true
    }
    if (isElision(text)) {
      this.flushFunc()
      if (this.kind !== 'ancestor') this.flags |= RecordFlag.truncated
      this.state = 'block'
      return true
    }
    if (text.startsWith('[originating from goroutine ')) {
      this.endStack()
      this.beginStack('ancestor', line.lineNo)
      this.state = 'block'
      return true
    }
    // go1.3 split stacks; pre-go1.5 `goroutine running on other thread`.
    if (text === 'goroutine running on other thread; stack unavailable') return true
    if (text === '----- stack segment boundary -----') return true
    const f = parseFuncLine(text, true)
    if (f) {
      if (state === 'created') {
        // `created by` without a location line (cut-off excerpt).
        this.pendingFunc = null
      }
      this.flushFunc()
      if (!this.open) this.beginStack('anonymous', line.lineNo)
      if (this.depth < MEMO_SLOTS) this.memoFunc[this.depth] = new RepeatedText(f.func)
      this.pendingFunc = f.func
      this.pendingArgsLength = f.args.length
      this.pendingArgsHash = hashUnitPairs(f.args, 0, f.args.length)
      this.state = 'func'
      return true
    }
    return false
  }

  /** `created by F [in goroutine N]`. */
  private createdByLine(func: string, parentId: number | undefined): void {
    this.flushFunc()
    this.pendingFunc = func
    if (parentId !== undefined && this.kind !== 'ancestor') this.parentId = parentId
    this.state = 'created'
  }

  /** The location line of `created by`. */
  private createdAt(file: string, line: number, address: string | undefined): void {
    const frame = this.goFrames.frame(this.pendingFunc ?? '', file, line, address, CREATED_BY_SLOT)
    if (this.kind !== 'ancestor') {
      this.createdBy = this.builder.stackFromLeafFirst([frame])
      this.createdByFunc = this.pendingFunc
    }
    this.pendingFunc = null
    this.state = 'block'
  }

  /** Crash headers and their detail lines. Returns false when the line is none of them. */
  private readCrashLine(text: string, line: RegionLine): boolean {
    if (text.startsWith('panic: ')) {
      this.crashLine('panic', text.slice(7), line)
      return true
    }
    if (text.startsWith('fatal error: ')) {
      this.crashLine('fatal error', text.slice(13), line)
      return true
    }
    if (text.startsWith('http: panic serving ')) {
      const rest = text.slice(20)
      const colon = rest.indexOf(': ')
      this.crashLine('panic', colon === -1 ? rest : rest.slice(colon + 2), line)
      this.detail(`recovered by net/http serving ${colon === -1 ? '' : rest.slice(0, colon)}`)
      this.crash!.messageDone = true
      return true
    }
    const win = parseWindowsException(text)
    if (win) {
      this.crashLine('signal', win.signal, line)
      Object.assign(this.crash!.current, { signal: win.signal, code: win.code, addr: win.addr })
      this.crash!.current.pc = win.pc
      return true
    }
    const sig = parseSignalHeader(text)
    if (sig) {
      this.crashLine('signal', sig.message, line)
      this.crash!.current.signal ??= sig.signal
      return true
    }
    if (this.crash && this.state === 'header') {
      if (text.startsWith('[signal ')) {
        const s = parseSignalLine(text)
        if (s) {
          const fact = this.crash.current
          fact.signal = s.signal
          fact.code = s.code
          fact.addr = s.addr
          fact.pc = s.pc
          this.crash.messageDone = true
          this.confirm()
          return true
        }
      }
      if (text.startsWith('PC=0x')) {
        const end = text.indexOf(' ')
        this.crash.current.pc = end === -1 ? text.slice(3) : text.slice(3, end)
        this.crash.messageDone = true
        this.confirm()
        return true
      }
      if (
        text === 'panic during panic' ||
        text === 'signal arrived during cgo execution' ||
        text === 'signal arrived during external code execution'
      ) {
        this.detail(text)
        this.confirm()
        return true
      }
    }
    if (isRuntimeLine(text) || text.startsWith('unexpected fault address ')) {
      // Inside a stack these lines explain it (`runtime: unexpected return pc`); before one
      // they start a fatal error whose `fatal error:` line follows.
      const inStack = this.state === 'block' || this.state === 'func'
      if (!inStack && (!this.crash || this.state !== 'header'))
        this.crashLine('fatal error', '', line)
      this.detail(text)
      return true
    }
    // Raw stack memory after `runtime: unexpected return pc` (traceback.go printDebugLog /
    // hexdumpWords): `stack: frame={sp:.., fp:..} stack=[..)` then `0x...:  0x...  0x...`.
    if (text.startsWith('stack: frame={') || (text.startsWith('0x') && text.indexOf(':  ') > 0))
      return true
    return false
  }

  /** Starts a crash, or adds a nested `panic:` / `fatal error:` to the one being read. */
  private crashLine(kind: string, message: string, line: RegionLine): void {
    if (this.crash && this.state === 'header') {
      this.crash.also(kind, message)
      this.confirm()
      return
    }
    this.endStack()
    this.crash = new PendingCrash(kind, message, line.lineNo, line.time)
    this.state = 'header'
    // A second crash in the same region confirms itself: the first one came with a dump.
    if (this.sawStructure) this.confirm()
  }

  private detail(text: string): void {
    if (this.crash) this.crash.detail(text)
    // Past a cut the crash is in the part before (see `detailsBeforeFirstCrash`).
    else if (this.lastCrash === null) this.builder.noteDetailBeforeFirstCrash(text)
  }

  /** `exit status 2`, `FAIL\tpkg\t0.010s`, register dumps, the race summary line. */
  private readTailLine(text: string): boolean {
    if (!this.sawStructure) return false
    if (text.startsWith('exit status ')) {
      this.detailOfLastCrash(text, this.crash?.stored ?? this.lastCrash)
      this.endStack()
      this.state = 'tail'
      return true
    }
    if (text.startsWith('FAIL\t') || text === 'FAIL') {
      this.endStack()
      this.state = 'tail'
      return true
    }
    if (isRegisterLine(text)) {
      this.endStack()
      this.detail('registers: present')
      this.state = 'tail'
      return true
    }
    if (text.startsWith('Found ') && text.endsWith(' data race(s)')) {
      this.detailOfLastCrash(text, this.lastCrash)
      this.state = 'tail'
      return true
    }
    if (text === '==================' || text === '-----') return true
    return false
  }

  /** A tail line of the crash before it; with none in this region, the source keeps it. */
  private detailOfLastCrash(text: string, target: CrashFact | null): void {
    if (target === null) this.builder.noteDetailBeforeFirstCrash(text)
    else if (!target.details.includes(text)) target.details.push(text)
  }

  private blank(): boolean {
    const state = this.state
    if (state === 'header') {
      if (this.crash) this.crash.messageDone = true
      return true
    }
    this.flushFunc()
    this.endStack()
    if (state !== 'tail') this.state = 'gap'
    return true
  }

  private finishRace(): void {
    const race = this.race
    if (!race) return
    this.race = null
    this.lastCrash = race.finish()
    this.sawStructure = true
  }

  close(): void {
    if (this.pendingFunc !== null && this.state === 'func') {
      this.builder.warn(
        'The Go traceback ends inside a stack frame (the input looks truncated); the frames read so far are kept.',
      )
      this.flags |= RecordFlag.truncated
    }
    if (this.race) {
      this.finishRace()
      this.builder.warn(RACE_TRUNCATED)
    }
    this.flushFunc()
    this.endStack()
    if (this.crash && !this.crash.stored && !this.prefixed) this.confirm()
    this.profile?.close()
  }

  /** The input really is a Go traceback: store the pending crash and its event. */
  private confirm(): void {
    this.sawStructure = true
    if (this.crash) this.lastCrash = this.crash.commit(this.builder)
  }

  private beginStack(kind: StackKind, lineNo: number): void {
    this.kind = kind
    this.open = true
    this.id = -1
    this.goState = undefined
    this.waitMinutes = undefined
    this.flags = 0
    this.parentId = undefined
    this.firstLine = lineNo
    this.depth = 0
    this.argsHash = FNV_OFFSET_BASIS
    this.createdBy = NONE
    this.createdByFunc = null
    if (this.locations.length > 0) this.locations = []
    this.pendingFunc = null
    const crash = this.crash
    this.crashedStack = false
    if (crash && crash.awaitingRecord && (kind === 'goroutine' || kind === 'anonymous')) {
      if (this.state === 'header' || this.state === 'gap') {
        crash.awaitingRecord = false
        this.crashedStack = true
        this.confirm()
      }
    }
  }

  /** Turns a function line (with its location when known) into a frame of the open stack. */
  private flushFunc(file?: string, line?: number, address?: string): void {
    const func = this.pendingFunc
    if (func === null) return
    this.pendingFunc = null
    if (this.state === 'created') return
    const depth = this.depth++
    this.frames[depth] = this.goFrames.frame(func, file, line, address, depth)
    const argsLength = this.pendingArgsLength
    this.argHashes[depth] = argsHashOfPairs(this.pendingArgsHash, argsLength)
    this.funcs[depth] = func
    this.argsHash = combineArgHash(this.argsHash, this.pendingArgsHash, argsLength)
    if (this.kind === 'runtime') this.locations.push(file ? `${file}:${line ?? 0}` : '')
    if (this.state === 'func') this.state = 'block'
  }

  /** Stores the open stack as a record. */
  private endStack(): void {
    if (!this.open) return
    this.flushFunc()
    if (this.state === 'created' && this.pendingFunc !== null) {
      // `created by F` whose location line never came.
      if (this.kind !== 'ancestor') {
        this.createdBy = this.builder.stackFromLeafFirst([
          this.goFrames.frame(this.pendingFunc, undefined, undefined, undefined),
        ])
        this.createdByFunc = this.pendingFunc
      }
      this.pendingFunc = null
    }
    this.open = false
    if (this.kind === 'ancestor') return
    if (this.kind === 'runtime') {
      // The system stack (g0) that threw: part of the crash, not a goroutine of the program.
      const funcs = this.funcs.slice(0, this.depth)
      this.crash?.setRuntimeStack(funcs.map((f, i) => `${f}  ${this.locations[i]}`.trim()))
      return
    }
    if (this.kind === 'anonymous' && this.depth === 0 && this.createdBy === NONE) return
    const n = this.depth
    const stack = this.builder.stackFromLeafFirstHashed(this.frames, n, this.argHashes)
    let flags = this.flags
    if (this.crashedStack) flags |= RecordFlag.crashed
    if (this.kind === 'goroutine' && this.isSystemGoroutine()) flags |= RecordFlag.system
    const record = this.builder.addRecord({
      stack,
      state: this.goState,
      waitMinutes: this.waitMinutes,
      id: this.id === -1 ? undefined : this.id,
      createdBy: this.createdBy,
      parentId: this.parentId,
      argsHash: this.argsHash | 0,
      flags,
      line: this.firstLine,
    })
    if (this.crashedStack) this.crash?.setRecord(record, this.id)
    this.crashedStack = false
  }

  /**
   * A goroutine the runtime itself started (GC workers, the finalizer, forcegc), which Go
   * shows only with GOTRACEBACK=system: created by a `runtime.` function, or with a bottom
   * frame in the runtime other than `runtime.main` / `runtime.goexit`.
   */
  private isSystemGoroutine(): boolean {
    if (this.createdByFunc !== null) return this.createdByFunc.startsWith('runtime.')
    const funcs = this.funcs
    for (let i = this.depth - 1; i >= 0; i--) {
      const func = funcs[i]
      if (func === 'runtime.goexit') continue
      return func.startsWith('runtime.') && func !== 'runtime.main'
    }
    return false
  }
}
