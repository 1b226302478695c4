import { parseComposeExit } from '../container/container-lines'
import type { LineNumber } from '../../model/types'
import { RecordFlag } from '../../model/types'
import type { IncidentBuilder } from '../../model/builder'
import type { RegionContext, RegionLine, RegionReader } from '../region'
import { hashUnitPairs } from '../../lib/hash'
import { HeldLines } from '../held-lines'
import { GoCrashLines } from './go-crash-lines'
import {
  cleanTail,
  indentOf,
  isElision,
  parseCreatedBy,
  parseFileLine,
  parseFuncLine,
  parseGoroutineHeader,
  type FuncLine,
} from './go-lines'
import { newFileLineEnd, newFuncLineEnd } from './go-new-lines'
import { HeaderTails, type HeaderTail } from './go-header-tails'
import { LineMemo } from './go-line-memo'
import { StackTemplates, type StackTemplate } from './go-stack-template'
import { GoProfileReader } from './go-profile'
import { RaceReport } from './go-race'
import { MAX_LINE_LENGTH } from '../scanner'
import { ByteWords, viewOf } from './byte-words'

/** Unrecognised lines in a row a race report tolerates (interleaved test output). */
const MAX_RACE_STRAY_LINES = 20

const RACE_TRUNCATED = 'A Go race report ends before its closing line (the input looks truncated).'

/** Where a goroutine header's id starts: after `goroutine `. */
const GOROUTINE_ID = 10
const GOROUTINE_WORDS = new ByteWords('goroutine ')

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c >= 48 && c <= 57
}

/**
 * Whether a line a stack tolerated at its end looks like the log's next line rather than a
 * frame the input cut short (`\t/tmp/ap`, `runtime.unique_runtime_registerUniqueM`, `0x00007`):
 * it starts at its first column with `{`, `[`, or a digit or capital and holds a space.
 */
function looksLikeLogLine(text: string): boolean {
  const c = text.charCodeAt(0)
  if (c === 123 /* { */ || c === 91 /* [ */) return true
  return ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) && text.includes(' ')
}

/**
 * Reads one Go region. Lines are classified by content (a paste may have re-indented them);
 * see go-lines.ts for the grammar and the runtime source it follows, and GoStackAssembly for
 * the states and the records the stacks become.
 */
export class GoReader extends GoCrashLines implements RegionReader {
  private readonly prefixed: boolean
  /** Consecutive lines tolerated without being understood, and whether this line is one. */
  private strayLines = 0
  /** The last line tolerated: given back when the region ends on it (a log line after a dump). */
  private strayLine: RegionLine | null = null
  private strayNow = false
  /** Whether this line was taken as a line of a crash's message. */
  private messageNow = false
  /** The region's first line. */
  private opening: RegionLine | null = null
  /** Lines of a race report since its last recognised line (RaceReport.recognised). */
  private readonly raceTolerated = new HeldLines()
  /** Lines handed back at close (`unclaimed`). */
  private returned: readonly RegionLine[] = []

  private race: RaceReport | null = null
  private profile: GoProfileReader | null = null
  private readonly headerTails = new HeaderTails()
  private readonly memo = new LineMemo()
  private readonly templates = new StackTemplates()
  /** How many lines the last `pushNext` took: a goroutine's header and its block, or one. */
  nextLines = 1
  /**
   * The line `pushNext` or `pushRange` declined last: its number, its text, where it starts,
   * and the ends it was declined for (any before `declinedLimit`, or `declinedEnd`). The same
   * line is offered again at once (to `pushRange`, then by `push`), and was compared in the
   * same state: a dump of distinct stacks compared each new function line three times.
   */
  private declinedLine = -1
  private declinedSource = ''
  private declinedStart = -1
  private declinedLimit = -1
  private declinedEnd = -1

  constructor(builder: IncidentBuilder, context: RegionContext) {
    super(builder)
    this.prefixed = context.prefix.trim() !== ''
  }

  push(line: RegionLine): boolean {
    this.opening ??= line
    this.templates.stop()
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
    this.messageNow = false
    const ok = this.read(text, indent, line)
    if (ok && !this.strayNow) this.strayLines = 0
    if (ok && !this.messageNow) this.crash?.confirmMessage()
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
    this.templates.stop()
    if (this.declined(source, start, end, lineNo)) return false
    if (
      (state === 'func'
        ? this.repeatedFileLine(source, start, end)
        : state === 'block'
          ? this.repeatedFuncLine(source, start, end, bytes) ||
            this.repeatedCreatedBy(source, start, end)
          : state === 'created' && this.repeatedCreatedFileLine(source, start, end)) ||
      this.fastHeader(source, start, end, lineNo)
    ) {
      this.strayLines = 0
      return true
    }
    if (start !== end) {
      this.decline(source, start, -1, end, lineNo)
      return false
    }
    // A blank line, as readBoundary takes it in every state but race and profile.
    this.blank()
    this.strayLines = 0
    return true
  }

  /** Notes that the line `lineNo` at `source[start]` was declined (see `declinedLine`). */
  private decline(source: string, start: number, limit: number, end: number, lineNo: number): -1 {
    this.declinedLine = lineNo
    this.declinedSource = source
    this.declinedStart = start
    this.declinedLimit = limit
    this.declinedEnd = end
    return -1
  }

  /**
   * Whether `source[start, end)`, line `lineNo`, was declined just before. `pushNext` declined
   * a line ending before its limit as `pushRange` would: each of its comparisons is one of
   * `pushRange`'s, ending where the line's first break is.
   */
  private declined(source: string, start: number, end: number, lineNo: number): boolean {
    return (
      lineNo === this.declinedLine &&
      start === this.declinedStart &&
      (end < this.declinedLimit || end === this.declinedEnd) &&
      source === this.declinedSource
    )
  }

  /**
   * `pushRange` for the line at `start`, found as it is read: a line that repeats one remembered
   * ends where that one's text does, a function line at the `\n` after its arguments, and a
   * goroutine header (one a stack) at the `\n` searched for. A header whose block after it is a
   * stack shape read before (StackTemplate) is taken with that block, to its blank line.
   */
  pushNext(
    source: string,
    start: number,
    limit: number,
    lineNo: LineNumber,
    bytes: Uint8Array,
  ): number {
    const state = this.state
    const memo = this.memo
    const templates = this.templates
    this.nextLines = 1
    let end = -1
    if (state === 'func') {
      const slot = this.depth
      end = memo.fileEnd(slot, source, start, limit)
      if (end !== -1) {
        templates.file(slot)
        this.flushFunc(memo.files[slot], memo.lines[slot], memo.addresses[slot])
      }
    } else if (state === 'block') {
      const slot = this.depth
      end = this.repeatedFuncLineEnd(source, start, limit, bytes)
      if (end !== -1) templates.func(slot)
      else {
        end = memo.createdByEnd(source, start, limit)
        if (end !== -1) {
          templates.createdBy()
          this.createdByLine(memo.createdFunc, memo.createdParent)
        }
      }
    } else if (state === 'created') {
      end = memo.createdFileEnd(source, start, limit)
      if (end !== -1) {
        templates.createdFile()
        this.createdAt(memo.createdFile, memo.createdLine, memo.createdAddress)
      }
    } else if (state === 'race' || state === 'profile') return -1
    if (end === -1 && bytes[start] === 103 /* g */) {
      end = this.headerEnd(bytes, start, Math.min(limit, start + MAX_LINE_LENGTH + 1), lineNo)
      if (end === -1) return -1
      const blockEnd = templates.find(source, end + 1, limit, bytes)
      if (blockEnd !== -1) {
        this.readTemplate(templates.matched!)
        this.nextLines = 1 + templates.matched!.lineCount
        end = blockEnd
      }
    }
    if (end === -1 && (state === 'block' || state === 'func'))
      end = this.newFrameLineEnd(source, start, limit, lineNo, bytes)
    if (end === -1) {
      if (source.charCodeAt(start) !== 10) return this.decline(source, start, limit, -1, lineNo)
      // A blank line, as readBoundary takes it in every state but race and profile.
      templates.blank(memo)
      this.blank()
      end = start
    }
    this.strayLines = 0
    return end
  }

  /**
   * The block after a goroutine's header that `template` matched, read as `pushNext` reads its
   * lines one by one: each frame, `created by`, and the blank line that ends the stack.
   */
  private readTemplate(template: StackTemplate): void {
    const { argsLengths, argsHashes } = this.templates
    if (template.stored !== null) {
      this.storeShape(template.stored, argsHashes, argsLengths)
      // What `blank` leaves after a stack.
      this.state = 'gap'
      return
    }
    const funcs = template.funcs
    for (let k = 0; k < funcs.length; k++) {
      this.pendingFunc = funcs[k]
      this.pendingArgsLength = argsLengths[k]
      this.pendingArgsHash = argsHashes[k]
      this.state = 'func'
      this.flushFunc(template.files[k], template.lines[k], template.addresses[k])
    }
    if (template.created) {
      this.createdByLine(template.createdFunc, template.createdParent)
      this.createdAt(template.createdFile, template.createdLine, template.createdAddress)
    }
    this.blank()
    template.stored = this.shapeOfLast()
  }

  /**
   * In state block a function line, in state func a location line, that repeats none before:
   * read as `push` would read it (`readStackLine`), where it ends; or -1, for `push`. A dump of
   * distinct stacks then reads each goroutine in one run of `pushNext`.
   */
  private newFrameLineEnd(
    source: string,
    start: number,
    limit: number,
    lineNo: LineNumber,
    bytes: Uint8Array,
  ): number {
    let end: number
    if (this.state === 'func') {
      end = newFileLineEnd(source, bytes, start, limit)
      if (end === -1) return -1
      const raw = source.slice(start, end)
      const loc = parseFileLine(raw.slice(1))
      if (loc === null) return -1
      this.templates.stop()
      this.memo.rememberFile(this.depth, raw, loc)
      this.flushFunc(loc.file, loc.line, loc.address)
    } else {
      if (this.pendingFunc !== null || !this.open) return -1
      end = newFuncLineEnd(source, bytes, start, limit)
      if (end === -1) return -1
      const f = parseFuncLine(source.slice(start, end), true)
      if (f === null) return -1
      this.templates.stop()
      this.funcLine(f, lineNo)
    }
    this.crash?.confirmMessage()
    return end
  }

  /** `repeatedFuncLine` for the line at `start`: where it ends, or -1. */
  private repeatedFuncLineEnd(
    source: string,
    start: number,
    limit: number,
    bytes: Uint8Array,
  ): number {
    if (this.pendingFunc !== null || !this.open) return -1
    const memo = this.memo
    const slot = this.depth
    const end = memo.funcEnd(slot, source, start, limit, bytes)
    if (end === -1) return -1
    this.pendingFunc = memo.funcText(slot)
    this.pendingArgsLength = memo.argsLength
    this.pendingArgsHash = memo.argsHash
    this.state = 'func'
    return end
  }

  private read(text: string, indent: number, line: RegionLine): boolean {
    switch (this.state) {
      case 'race':
        return this.readRace(text, indent, line)
      case 'profile':
        return this.profile!.push(text, line.lineNo)
      case 'func':
        // Past all else: a log line interleaved between a function and its location.
        return this.readInStack(text, line) || this.stray(line)
      case 'block':
        // Past all else, inside a stack: a location whose function line was lost, a wrapped
        // line's tail (`sp=0xc8260edd9` / `8`), or a frame spliced with another line by a
        // broken copy (`launchpad.net/juju-co60 +0x645`). Prose after a dump usually follows
        // a blank line, where nothing is tolerated.
        return this.readInStack(text, line) || parseFileLine(text) !== null || this.stray(line)
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

  /**
   * `fastHeader` for the line at `start` of a chunk of bytes: where it ends (its `\n`, before
   * `limit`), or -1. Its tail's hash finds the `\n` (HeaderTails.endAt): nothing else searches.
   */
  private headerEnd(bytes: Uint8Array, start: number, limit: number, lineNo: LineNumber): number {
    const view = viewOf(bytes)
    if (start + GOROUTINE_ID > limit || !GOROUTINE_WORDS.isAt(view, bytes, start)) return -1
    let id = 0
    let d = start + GOROUTINE_ID
    for (let c = bytes[d]; d < limit && c >= 48 && c <= 57; c = bytes[++d]) id = id * 10 + (c - 48)
    // Up to 15 digits the sum is exact, as Number() reads them.
    if (d === start + GOROUTINE_ID || d > start + GOROUTINE_ID + 15) return -1
    const tails = this.headerTails
    const end = tails.endAt(bytes, view, d, limit)
    if (end === -1) return -1
    this.beginGoroutine(id, tails.found!, lineNo)
    return end
  }

  /** Ends the open stack and opens goroutine `id`, which its header describes. */
  private beginGoroutine(id: number, header: HeaderTail, lineNo: number): void {
    this.crash?.confirmMessage()
    this.endStack()
    this.beginStack('goroutine', lineNo)
    this.id = id
    this.goState = header.state
    this.waitMinutes = header.waitMinutes
    if (header.lockedToThread) this.flags |= RecordFlag.lockedToThread
    this.state = 'block'
    this.confirm()
    this.templates.begin()
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
    if ((!this.prefixed || line.prefix !== '') && crash.continueMessage(text, line)) {
      this.messageNow = true
      return true
    }
    return crash.stored ? this.stray(line) : false
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
    const race = this.race!
    if (race.push(text, line.lineNo)) {
      this.finishRace()
      this.state = 'tail'
      // An indented line is a frame cut short (`      /home/dmitry.`), not the next log line.
    } else if (!race.recognised && indent === 0) {
      // So many lines of no report end it: they go back, and are not all kept until the end.
      if (this.raceTolerated.size === MAX_RACE_STRAY_LINES) return false
      this.raceTolerated.hold(line)
    } else this.raceTolerated.confirm()
    return true
  }

  /** In state func, the file line the previous stack had at this position (LineMemo). */
  private repeatedFileLine(source: string, start: number, end: number): boolean {
    const slot = this.depth
    const memo = this.memo
    if (!memo.fileAt(slot, source, start, end)) return false
    this.flushFunc(memo.files[slot], memo.lines[slot], memo.addresses[slot])
    return true
  }

  /** In state block, a function line calling the function the previous stack had here. */
  private repeatedFuncLine(
    source: string,
    start: number,
    end: number,
    bytes: Uint8Array | null,
  ): boolean {
    if (this.pendingFunc !== null || !this.open) return false
    const memo = this.memo
    const func = memo.funcAt(this.depth, source, start, end, bytes)
    if (func === null) return false
    this.pendingFunc = func
    this.pendingArgsLength = memo.argsLength
    this.pendingArgsHash = memo.argsHash
    this.state = 'func'
    return true
  }

  /** In state block, the previous `created by` line again. */
  private repeatedCreatedBy(source: string, start: number, end: number): boolean {
    const memo = this.memo
    if (!memo.createdByAt(source, start, end)) return false
    this.createdByLine(memo.createdFunc, memo.createdParent)
    return true
  }

  /** In state created, the previous `created by` location again. */
  private repeatedCreatedFileLine(source: string, start: number, end: number): boolean {
    const memo = this.memo
    if (!memo.createdFileAt(source, start, end)) return false
    this.createdAt(memo.createdFile, memo.createdLine, memo.createdAddress)
    return true
  }

  /**
   * Tolerates one line not understood, but not two in a row, and not Docker Compose's line
   * that the container ended (`worker-1 exited with code 2`), which follows a panic's last
   * frame at once and belongs to the container format.
   */
  private stray(line: RegionLine): boolean {
    if (this.strayLines > 0 || parseComposeExit(line.text) !== null) return false
    this.strayLines++
    this.strayLine = line
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
          this.memo.rememberCreatedFile(line.text, loc)
          this.createdAt(loc.file, loc.line, loc.address)
        } else {
          this.memo.rememberFile(this.depth, line.text, loc)
          this.flushFunc(loc.file, loc.line, loc.address)
        }
        return true
      }
    }
    const created = parseCreatedBy(text)
    if (created) {
      this.memo.rememberCreatedBy(line.text, created.func, created.parentId)
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
      this.funcLine(f, line.lineNo)
      return true
    }
    return false
  }

  /** A function line, `lineNo`: the next frame's function. */
  private funcLine(f: FuncLine, lineNo: LineNumber): void {
    this.flushFunc()
    if (!this.open) this.beginStack('anonymous', lineNo)
    this.memo.rememberFunc(this.depth, f.func)
    this.pendingFunc = f.func
    this.pendingArgsLength = f.args.length
    this.pendingArgsHash = hashUnitPairs(f.args, 0, f.args.length)
    this.state = 'func'
  }

  private blank(): boolean {
    const state = this.state
    if (state === 'header') {
      if (this.crash) {
        this.crash.messageDone = true
        this.crash.confirmMessage()
      }
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
    this.raceTolerated.confirm()
    this.lastCrash = race.finish()
    this.sawStructure = true
  }

  close(): void {
    // A race report cut short gives back the lines after its last one; a stack, the line it
    // tolerated last; a crash, the message lines nothing confirmed (PendingCrash.continueMessage).
    if (this.race && this.raceTolerated.size > 0) this.returned = this.raceTolerated.take()
    else if (
      this.strayLines > 0 &&
      this.strayLine !== null &&
      looksLikeLogLine(this.strayLine.text)
    )
      this.returned = [this.strayLine]
    else if (this.crash) this.returned = this.crash.takeUnconfirmed()
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
    // A prefixed `panic: boom` that nothing confirmed was a log line quoting a panic (a
    // recover handler's): the whole region goes back to the log.
    const crash = this.crash
    if (!this.sawStructure && crash && !crash.stored && crash.fact.line === this.opening?.lineNo)
      this.returned = [this.opening, ...this.returned]
  }

  unclaimed(): readonly RegionLine[] {
    return this.returned
  }
}
