import { argsHashOfPairs, type IncidentBuilder } from '../../model/builder'
import type { CrashFact, IndexIntoFrameTable, IndexIntoStackTable } from '../../model/types'
import { NONE, RecordFlag } from '../../model/types'
import { FNV_OFFSET_BASIS } from '../../lib/hash'
import type { PendingCrash } from './go-crash'
import { CREATED_BY_SLOT, GoFrames, combineArgHash } from './go-frames'

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
export type State =
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

/** `ancestor`: frames of a creator long gone (tracebackancestors), read and dropped. */
export type StackKind = 'goroutine' | 'runtime' | 'anonymous' | 'ancestor'

/**
 * What every goroutine of one stack shape (StackTemplate) is stored with but its arguments,
 * kept from the first one stored (`GoStackAssembly.shapeOfLast`): the frames, the stack they
 * make, the `created by` frame's stack, and whether it is a system goroutine.
 */
export type StoredShape = {
  readonly frames: readonly IndexIntoFrameTable[]
  readonly funcs: readonly string[]
  readonly stack: IndexIntoStackTable
  readonly createdBy: IndexIntoStackTable
  readonly createdByFunc: string | null
  readonly parentId: number | undefined
  readonly system: boolean
  /**
   * Whether every node of the stack's path was seen with different arguments: the next
   * goroutines' arguments need not be noted there (`noteArgsOnPath`).
   */
  argsSettled: boolean
}

/**
 * The Go reader's state, and the stack being read made into a record: frames are added as
 * their lines come (`flushFunc`), and the stack is stored when the next one begins or the
 * region ends (`endStack`). The lines themselves are read by the subclasses (GoReader).
 */
export abstract class GoStackAssembly {
  protected state: State = 'header'

  // The stack being read.
  protected kind: StackKind = 'anonymous'
  protected open = false
  protected id = -1
  protected goState: string | undefined
  protected waitMinutes: number | undefined
  protected flags = 0
  protected parentId: number | undefined
  protected firstLine = 0
  // Frame i of the stack, the hash of its printed arguments (argsHashOf) and its function
  // name are at index i of these, up to `depth`: they are reused from stack to stack, as a
  // dump's stacks are many.
  protected depth = 0
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
  /** The stack of the last record stored. */
  private lastStack: IndexIntoStackTable = NONE

  // A function line waiting for its file line.
  protected pendingFunc: string | null = null
  /** The pending function's arguments: their length and hashUnitPairs hash (not their text). */
  protected pendingArgsLength = 0
  protected pendingArgsHash = 0

  protected crash: PendingCrash | null = null
  protected lastCrash: CrashFact | null = null
  protected readonly goFrames: GoFrames
  protected sawStructure = false

  constructor(protected readonly builder: IncidentBuilder) {
    this.goFrames = new GoFrames(builder)
  }

  /** `created by F [in goroutine N]`. */
  protected createdByLine(func: string, parentId: number | undefined): void {
    this.flushFunc()
    this.pendingFunc = func
    if (parentId !== undefined && this.kind !== 'ancestor') this.parentId = parentId
    this.state = 'created'
  }

  /** The location line of `created by`. */
  protected createdAt(file: string, line: number, address: string | undefined): void {
    const frame = this.goFrames.frame(this.pendingFunc ?? '', file, line, address, CREATED_BY_SLOT)
    if (this.kind !== 'ancestor') {
      this.createdBy = this.builder.stackFromLeafFirst([frame])
      this.createdByFunc = this.pendingFunc
    }
    this.pendingFunc = null
    this.state = 'block'
  }

  protected detail(text: string): void {
    if (this.crash) this.crash.detail(text)
    // Past a cut the crash is in the part before (see `detailsBeforeFirstCrash`).
    else if (this.lastCrash === null) this.builder.noteDetailBeforeFirstCrash(text)
  }

  /** The input really is a Go traceback: store the pending crash and its event. */
  protected confirm(): void {
    this.sawStructure = true
    if (this.crash) this.lastCrash = this.crash.commit(this.builder)
  }

  protected beginStack(kind: StackKind, lineNo: number): void {
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
  protected flushFunc(file?: string, line?: number, address?: string): void {
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
  protected endStack(): void {
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
    this.storeRecord(stack, this.kind === 'goroutine' && this.isSystemGoroutine())
  }

  /**
   * The goroutine just stored (by `endStack`, from frames read one by one) as a StoredShape,
   * for goroutines of the same shape to be stored with `storeShape`.
   */
  protected shapeOfLast(): StoredShape {
    const n = this.depth
    return {
      frames: this.frames.slice(0, n),
      funcs: this.funcs.slice(0, n),
      stack: this.lastStack,
      createdBy: this.createdBy,
      createdByFunc: this.createdByFunc,
      parentId: this.parentId,
      system: this.isSystemGoroutine(),
      argsSettled: false,
    }
  }

  /**
   * Stores the open goroutine, which a header began, as a goroutine of `shape` whose frames'
   * arguments hash to `hashes` (hashUnitPairs) of `lengths`: the state and record that
   * flushFunc for each frame, `createdByLine`, `createdAt` and `endStack` would leave, without
   * finding again its frames and stack nodes.
   */
  protected storeShape(shape: StoredShape, hashes: number[], lengths: number[]): void {
    const { frames, funcs } = shape
    const n = frames.length
    const settled = shape.argsSettled
    let argsHash = this.argsHash
    for (let k = 0; k < n; k++) {
      this.frames[k] = frames[k]
      this.funcs[k] = funcs[k]
      if (!settled) this.argHashes[k] = argsHashOfPairs(hashes[k], lengths[k])
      argsHash = combineArgHash(argsHash, hashes[k], lengths[k])
    }
    this.depth = n
    this.argsHash = argsHash
    if (shape.parentId !== undefined) this.parentId = shape.parentId
    this.createdBy = shape.createdBy
    this.createdByFunc = shape.createdByFunc
    this.pendingFunc = null
    this.open = false
    if (!settled) shape.argsSettled = this.builder.noteArgsOnPath(shape.stack, n, this.argHashes)
    this.storeRecord(shape.stack, shape.system)
  }

  /** Adds the record of the stack just closed, whose frames make `stack`. */
  private storeRecord(stack: IndexIntoStackTable, system: boolean): void {
    this.lastStack = stack
    let flags = this.flags
    if (this.crashedStack) flags |= RecordFlag.crashed
    if (system) flags |= RecordFlag.system
    const record = this.builder.addStackRecord(
      stack,
      this.goState,
      this.waitMinutes,
      this.id === -1 ? undefined : this.id,
      this.createdBy,
      this.parentId,
      this.argsHash | 0,
      flags,
      this.firstLine,
    )
    if (this.crashedStack) this.crash?.setRecord(record, this.id)
    this.crashedStack = false
  }

  /**
   * A goroutine the runtime itself started (GC workers, the finalizer, forcegc), which Go
   * shows only with GOTRACEBACK=system: created by a `runtime.` function, or with a bottom
   * frame in the runtime other than `runtime.main` / `runtime.goexit`.
   */
  protected isSystemGoroutine(): boolean {
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
