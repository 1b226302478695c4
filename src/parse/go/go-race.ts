import { pathBasename } from '../../lib/path-basename'
import type { IncidentBuilder } from '../../model/builder'
import type {
  CrashFact,
  IndexIntoFrameTable,
  IndexIntoStackTable,
  LineNumber,
  Milliseconds,
} from '../../model/types'
import { EventKind, FrameKind, Level, NONE } from '../../model/types'
import { hashArgs, type GoFrames } from './go-frames'
import { goFrameKind, packageOf, parseFileLine, parseFuncLine } from './go-lines'

/**
 * The Go race detector's report (ThreadSanitizer under `go test -race` / `go build -race`):
 *
 * ```
 * WARNING: DATA RACE
 * Read at 0x00c000016070 by goroutine 7:
 *   main.race.func1()
 *       example.com/crashkit/main.go:53 +0x90
 *
 * Previous write at 0x00c000016070 by main goroutine:
 *   ...
 * Goroutine 7 (running) created at:
 *   ...
 * ==================
 * ```
 * Before go1.6 the access line had no address (`Read by goroutine 5:`). Reference:
 * compiler-rt `tsan_report.cpp` PrintMop / PrintThread as built into the Go runtime
 * (https://github.com/llvm/llvm-project/blob/llvmorg-17.0.1/compiler-rt/lib/tsan/rtl/tsan_report.cpp),
 * read 2026-11-22.
 */

// `Read at 0x00c000016070 by goroutine 7:`, `Previous write at 0x.. by main goroutine:`,
// `Atomic read by goroutine 5:` (go1.4, no address). Each word group is anchored by a space,
// so the repetition cannot backtrack more than linearly.
const ACCESS =
  /^([A-Z][a-z]+(?: [a-z]+)*?)(?: at (0x[0-9a-f]+))? by (?:goroutine (\d+)|main goroutine):$/

export type RaceAccess = {
  what: string
  addr?: string
  /** The goroutine id; 1 for `main goroutine`. */
  goroutine: number
  /** `goroutine 7` or `main goroutine`, as printed. */
  by: string
}

export function parseRaceAccess(text: string): RaceAccess | null {
  if (!text.endsWith(':') || text.indexOf(' by ') === -1) return null
  const m = ACCESS.exec(text)
  if (!m) return null
  return {
    what: m[1].toLowerCase(),
    addr: m[2],
    goroutine: m[3] ? Number(m[3]) : 1,
    by: m[3] ? `goroutine ${m[3]}` : 'main goroutine',
  }
}

// `Goroutine 7 (running) created at:`, `Goroutine 12 (finished) created at:`.
const CREATED_AT = /^Goroutine (\d+) \(([a-z]+)\) created at:$/

export function parseRaceCreatedAt(text: string): number | null {
  if (!text.startsWith('Goroutine ')) return null
  const m = CREATED_AT.exec(text)
  return m ? Number(m[1]) : null
}

type Access = RaceAccess & {
  line: LineNumber
  stack: IndexIntoStackTable
  argsHash: number
  /** Where the access was made, `data_race_test.go:24 in main.f`: see `flushFunc`. */
  at?: string
}

/**
 * Reads one report, from the line after `WARNING: DATA RACE` to its closing
 * `==================`. Records are added at the end, when every creator is known.
 *
 * States: between sections (from: start, blank; to: a stack on an access or `created at`
 * line) -> in a stack (function and location lines; to: between sections on a blank or the
 * next section). Other report lines (`Location is global ...`, `Mutex M1 created at:`) are
 * tolerated.
 */
export class RaceReport {
  private readonly accesses: Access[] = []
  private readonly creators = new Map<number, IndexIntoStackTable>()
  private current: Access | { creatorOf: number } | null = null
  private readonly frames: IndexIntoFrameTable[] = []
  private readonly args: string[] = []
  private pendingFunc: string | null = null
  private pendingArgs = ''
  private at: string | undefined
  private atOwnCode = false
  /** Whether the line `push` read last was a report's line (a rule, blank, access or frame). */
  recognised = false

  constructor(
    private readonly builder: IncidentBuilder,
    private readonly goFrames: GoFrames,
    private readonly line: LineNumber,
    private readonly time: Milliseconds | undefined,
  ) {}

  /** Reads one line (trimmed); returns true on the closing line, when the report is over. */
  push(text: string, lineNo: LineNumber): boolean {
    this.recognised = true
    if (text === '==================') return true
    if (text === '') {
      this.endStack()
      return false
    }
    const access = parseRaceAccess(text)
    if (access) {
      this.endStack()
      this.current = { ...access, line: lineNo, stack: NONE, argsHash: 0 }
      return false
    }
    const creatorOf = parseRaceCreatedAt(text)
    if (creatorOf !== null) {
      this.endStack()
      this.current = { creatorOf }
      return false
    }
    const f = this.current ? parseFuncLine(text) : null
    if (f) {
      this.flushFunc()
      this.pendingFunc = f.func
      this.pendingArgs = f.args
      return false
    }
    const loc = this.pendingFunc !== null ? parseFileLine(text) : null
    if (loc) this.flushFunc(loc.file, loc.line, loc.address)
    else this.recognised = false
    return false
  }

  private flushFunc(file?: string, line?: number, address?: string): void {
    if (this.pendingFunc === null) return
    // The program's own innermost frame, as the Stacks table names the access's group; the
    // stack's innermost frame when it has none.
    if (!this.atOwnCode) {
      const func = this.pendingFunc
      const own = goFrameKind(func, packageOf(func), file) === FrameKind.app
      if (this.at === undefined || own) {
        this.at = `${file ? `${pathBasename(file)}:${line} ` : ''}in ${func}`
        this.atOwnCode = own
      }
    }
    this.frames.push(this.goFrames.frame(this.pendingFunc, file, line, address))
    this.args.push(this.pendingArgs)
    this.pendingFunc = null
  }

  private endStack(): void {
    this.flushFunc()
    const current = this.current
    this.current = null
    if (current) {
      const stack = this.builder.stackFromLeafFirst(this.frames, this.frames.length, this.args)
      if ('creatorOf' in current) {
        if (!this.creators.has(current.creatorOf)) this.creators.set(current.creatorOf, stack)
      } else {
        current.stack = stack
        current.argsHash = hashArgs(this.args)
        current.at = this.at
        this.accesses.push(current)
      }
    }
    this.frames.length = 0
    this.args.length = 0
    this.at = undefined
    this.atOwnCode = false
  }

  /** Adds one record per access and the report's crash fact. */
  finish(): CrashFact {
    this.endStack()
    const b = this.builder
    let first = NONE
    const details: string[] = []
    for (const a of this.accesses) {
      const record = b.addRecord({
        stack: a.stack,
        state: `race ${a.what}`,
        id: a.goroutine,
        createdBy: this.creators.get(a.goroutine) ?? NONE,
        argsHash: a.argsHash,
        line: a.line,
      })
      if (first === NONE) first = record
      const what = a.what[0].toUpperCase() + a.what.slice(1)
      details.push(`${what}${a.addr ? ` at ${a.addr}` : ''} by ${a.by}`)
    }
    const fact = b.addCrash({
      format: 'go',
      kind: 'race',
      // As ThreadSanitizer's SUMMARY line names a C/C++ race (`data race input/fifo.c:47 in
      // input_fifo`), so two races of one run can be told apart; Go prints no SUMMARY.
      message: this.accesses[0]?.at ? `data race ${this.accesses[0].at}` : 'DATA RACE',
      addr: this.accesses[0]?.addr,
      threadId: this.accesses[0]?.goroutine,
      record: first,
      line: this.line,
      time: this.time,
      details,
    })
    b.addEvent({
      time: this.time ?? NaN,
      kind: EventKind.crash,
      level: Level.error,
      line: this.line,
      label: details.length ? `data race: ${details[0]}` : 'data race',
    })
    return fact
  }
}

/** `/home/x/proj/data_race_test.go` -> `data_race_test.go`: a headline keeps the file's name. */
