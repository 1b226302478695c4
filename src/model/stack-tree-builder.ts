import { StringIndex } from '../lib/string-index'
import { IntTupleMap } from '../lib/int-tuple-map'
import { DenseIntMap } from '../lib/dense-int-map'
import { fnvStep, hashUnitPairs } from '../lib/hash'
import { StoredStrings } from './stored-strings'
import { GrowableTable } from './growable-table'
import { frameColumns, stackColumns } from './schema'
import type {
  FrameKind,
  IndexIntoFrameTable,
  IndexIntoStackTable,
  IndexIntoStringTable,
} from './types'
import { NONE } from './types'

/** Slots of the recent optional strings (a power of two). */
const RECENT_SLOTS = 64

/** Frame identity fields; `address` is display-only and not part of the identity. */
export type FrameInput = {
  func: string
  file?: string
  line?: number
  module?: string
  kind: FrameKind
  address?: string
}

/**
 * The model's strings, frames and stack prefix tree under construction, each interned: a
 * string, a frame identity and a (caller, frame) node are stored once. `IncidentBuilder`
 * adds the records, events and sources that point into them.
 */
export class StackTreeBuilder {
  protected readonly storedStrings = new StoredStrings()
  protected readonly strings = this.storedStrings.list
  private readonly stringIndex = new StringIndex(this.strings)
  // Adds an interned string, copied so it does not pin the input chunk: at once while the index
  // keeps the stored strings as its keys, else with the next batch.
  private readonly addInterned = (s: string): IndexIntoStringTable =>
    this.stringIndex.keepsStrings ? this.storedStrings.addNow(s) : this.storedStrings.addLater(s)

  /**
   * A frame's identity, everything but its address: (func, file, line, module, kind). The
   * first frame of each function is found by `firstFrameOfFunc` and is not in the map: a dump
   * of a million distinct stacks brings a million functions with one frame each.
   */
  private readonly frameIndex = new IntTupleMap(5)
  private readonly frameKey = new Int32Array(5)
  private readonly firstFrameOfFunc = new DenseIntMap()
  protected readonly frames = new GrowableTable(frameColumns)
  /**
   * A stack node's identity: (its caller's node, its frame), for nodes found neither as their
   * caller's next node nor as their frame's first node (see `stack`).
   */
  private readonly stackIndex = new IntTupleMap(2)
  private readonly firstNodeOfFrame = new DenseIntMap()
  /**
   * The caller of each frame's first node, kept by frame: read from the node's column, a
   * random read of a table of millions (a cache miss) for each new node under a known caller.
   */
  private readonly firstNodePrefixOfFrame = new DenseIntMap()
  private readonly stackKey = new Int32Array(2)
  protected readonly stacks = new GrowableTable(stackColumns)

  // The index of the last string `internOptional` interned, by slot (see there).
  private readonly recentOptional = new Int32Array(RECENT_SLOTS).fill(NONE)

  /** Interns a string; the stored copy is flattened so it does not pin the input chunk. */
  intern(s: string): IndexIntoStringTable {
    return this.stringIndex.intern(s, this.addInterned)
  }

  /**
   * Interns an optional string: NONE for undefined or empty. Such strings (a record's state, a
   * frame's address or package) mostly repeat one of a few, so each is first compared with the
   * last one interned here of its length and last unit: a million distinct goroutines
   * interned "chan receive", "main" and "+0x1d" a million times each, hashing each time.
   */
  internOptional(s: string | undefined): IndexIntoStringTable {
    if (s === undefined || s === '') return NONE
    const slot = (s.length * 31 + s.charCodeAt(s.length - 1)) & (RECENT_SLOTS - 1)
    const recent = this.recentOptional[slot]
    if (recent !== NONE && this.strings[recent] === s) return recent
    return (this.recentOptional[slot] = this.intern(s))
  }

  string(index: IndexIntoStringTable): string {
    return this.strings[index]
  }

  /** Returns the frame with this identity, adding it on first sight. */
  frame(f: FrameInput): IndexIntoFrameTable {
    return this.frameOf(
      this.intern(f.func),
      this.internOptional(f.file),
      f.line ?? 0,
      this.internOptional(f.module),
      f.kind,
      f.address,
    )
  }

  /** `frame` for strings already interned: the function, file and module indices. */
  frameOf(
    func: IndexIntoStringTable,
    file: IndexIntoStringTable,
    line: number,
    module: IndexIntoStringTable,
    kind: FrameKind,
    address: string | undefined,
  ): IndexIntoFrameTable {
    const c = this.frames.columns
    const first = this.firstFrameOfFunc.get(func)
    if (first === NONE) {
      this.firstFrameOfFunc.set(func, c.func.length)
      return this.addFrame(func, file, line, module, kind, address)
    }
    if (
      c.file.get(first) === file &&
      c.line.get(first) === line &&
      c.module.get(first) === module &&
      c.kind.get(first) === kind
    )
      return first
    const key = this.frameKey
    key[0] = func
    key[1] = file
    key[2] = line
    key[3] = module
    key[4] = kind
    const next = c.func.length
    const index = this.frameIndex.getOrAdd(key, next)
    return index === next ? this.addFrame(func, file, line, module, kind, address) : index
  }

  private addFrame(
    func: IndexIntoStringTable,
    file: IndexIntoStringTable,
    line: number,
    module: IndexIntoStringTable,
    kind: FrameKind,
    address: string | undefined,
  ): IndexIntoFrameTable {
    // Column by column, as in `addRecord`; `finish` checks none is missed.
    const c = this.frames.columns
    c.file.push(file)
    c.line.push(line)
    c.module.push(module)
    c.kind.push(kind)
    c.address.push(this.internOptional(address))
    return c.func.push(func)
  }

  /**
   * The frame of `func` at `file`:`line` with the module and kind of the function's first
   * frame, found or added, or NONE when the function has no frame or its first is in another
   * file. For a reader that classifies a frame by its function and file alone and made the
   * function's first frame: a later frame of it is found by one lookup here, where the reader
   * classified it and kept a cache of its own (half a million near-identical stacks hashed
   * each new frame twice).
   */
  frameLikeFirst(
    func: IndexIntoStringTable,
    file: IndexIntoStringTable,
    line: number,
    address: string | undefined,
  ): IndexIntoFrameTable {
    const first = this.firstFrameOfFunc.get(func)
    const c = this.frames.columns
    if (first === NONE || c.file.get(first) !== file) return NONE
    return this.frameOf(
      func,
      file,
      line,
      c.module.get(first),
      c.kind.get(first) as FrameKind,
      address,
    )
  }

  /** Whether some frame has the function `func` (an interned string). */
  hasFrameOf(func: IndexIntoStringTable): boolean {
    return this.firstFrameOfFunc.get(func) !== NONE
  }

  /** Number of frames so far; frame indices are 0..frameCount-1. */
  get frameCount(): number {
    return this.frames.length
  }

  /**
   * Returns the stack node for `frame` called from `prefix` (NONE for a root frame). A node's
   * child made right after it is the next node, and a frame's first node is kept by frame:
   * both are found there, and only other nodes go in the hash map. A stack that leaves the
   * known tree adds its remaining frames as such children, so two million distinct folded
   * stacks hash about two million nodes, not 16.7 million, and a million distinct Go stacks
   * (a new frame each) hash none. `depth`: the node's depth, when the caller knows it: a new
   * node under a known caller then need not read the caller's (another cache miss).
   */
  stack(
    prefix: IndexIntoStackTable,
    frame: IndexIntoFrameTable,
    depth: number = NONE,
  ): IndexIntoStackTable {
    const c = this.stacks.columns
    const next = c.argsDiffer.length
    if (prefix !== NONE) {
      const first = prefix + 1
      // The newest node has no children yet.
      if (first === next) return this.addStack(prefix, frame, depth)
      if (c.prefix.get(first) === prefix && c.frame.get(first) === frame) return first
    }
    const firstOfFrame = this.firstNodeOfFrame.get(frame)
    if (firstOfFrame === NONE) {
      this.firstNodeOfFrame.set(frame, next)
      this.firstNodePrefixOfFrame.set(frame, prefix)
      return this.addStack(prefix, frame, depth)
    }
    if (this.firstNodePrefixOfFrame.get(frame) === prefix) return firstOfFrame
    const key = this.stackKey
    key[0] = prefix
    key[1] = frame
    const index = this.stackIndex.getOrAdd(key, next)
    return index === next ? this.addStack(prefix, frame, depth) : index
  }

  /** `depth`: the new node's, when the caller knows it (else read from its caller's node). */
  private addStack(
    prefix: IndexIntoStackTable,
    frame: IndexIntoFrameTable,
    depth: number,
  ): IndexIntoStackTable {
    // Column by column, as in `addRecord`: once per node, 16.7 million for two million folded
    // lines. `finish` checks none is missed.
    const c = this.stacks.columns
    c.frame.push(frame)
    c.prefix.push(prefix)
    c.depth.push(prefix === NONE ? 0 : depth >= 0 ? depth : c.depth.get(prefix) + 1)
    c.args.push(NONE)
    return c.argsDiffer.push(0)
  }

  /** The node of `node`'s path at `depth` (the root is at depth 0); `node` is deeper. */
  ancestorAtDepth(node: IndexIntoStackTable, depth: number): IndexIntoStackTable {
    const { prefix, depth: depths } = this.stacks.columns
    while (node !== NONE && depths.get(node) > depth) node = prefix.get(node)
    return node
  }

  /**
   * Builds a stack from frames listed leaf first, the order debuggers and runtimes print.
   * `args[i]` are frame i's printed arguments, used to tell which arguments differ between
   * records that share the stack. Returns the leaf node, or NONE for an empty list.
   */
  stackFromLeafFirst(
    frames: ArrayLike<IndexIntoFrameTable>,
    count = frames.length,
    args?: ArrayLike<string | undefined>,
  ): IndexIntoStackTable {
    let node: IndexIntoStackTable = NONE
    for (let i = count - 1; i >= 0; i--) {
      node = this.stack(node, frames[i])
      const a = args?.[i]
      if (a !== undefined) this.noteArgs(node, a)
    }
    return node
  }

  /**
   * Notes the arguments `args` printed for the frame of `node`: the first are kept (as their
   * hash), and the node is marked when later ones differ.
   */
  noteArgs(node: IndexIntoStackTable, args: string): void {
    this.noteArgsHash(node, argsHashOf(args))
  }

  /**
   * As stackFromLeafFirst, with each frame's arguments given as their argsHashOf: a reader
   * that hashed them already need not keep their text.
   */
  stackFromLeafFirstHashed(
    frames: ArrayLike<IndexIntoFrameTable>,
    count: number,
    argHashes: ArrayLike<number>,
  ): IndexIntoStackTable {
    let node: IndexIntoStackTable = NONE
    for (let i = count - 1; i >= 0; i--) {
      node = this.stack(node, frames[i])
      this.noteArgsHash(node, argHashes[i])
    }
    return node
  }

  /**
   * As stackFromLeafFirstHashed for the stack `leaf` that it returned before for the same
   * frames: the arguments are noted on the nodes of its path, found by their callers rather
   * than looked up again. True when every node of the path has now been seen with different
   * arguments: noting more there changes nothing.
   */
  noteArgsOnPath(leaf: IndexIntoStackTable, count: number, argHashes: ArrayLike<number>): boolean {
    const { prefix, argsDiffer } = this.stacks.columns
    let node = leaf
    let settled = true
    for (let i = 0; i < count; i++) {
      this.noteArgsHash(node, argHashes[i])
      if (argsDiffer.get(node) === 0) settled = false
      node = prefix.get(node)
    }
    return settled
  }

  /** noteArgs of arguments whose argsHashOf is `hash`. */
  private noteArgsHash(node: IndexIntoStackTable, hash: number): void {
    const { args: argsColumn, argsDiffer } = this.stacks.columns
    const seen = argsColumn.get(node)
    if (seen === NONE) argsColumn.set(node, hash)
    else if (argsDiffer.get(node) === 0 && seen !== hash) argsDiffer.set(node, 1)
  }

  /** Marks `node` as seen with different arguments (when joining models that each saw some). */
  markArgsDiffer(node: IndexIntoStackTable): void {
    this.stacks.columns.argsDiffer.set(node, 1)
  }
}

/**
 * What a stack node keeps of its first arguments: a 32-bit hash of their text and length,
 * never NONE. Two different argument lists of one node share a hash about once in four
 * billion, and the node is then not marked as seen with different arguments.
 */
export function argsHashOf(args: string): number {
  return argsHashOfPairs(hashUnitPairs(args, 0, args.length), args.length)
}

/** argsHashOf of arguments of `length` units whose hashUnitPairs is `pairsHash`. */
export function argsHashOfPairs(pairsHash: number, length: number): number {
  const h = fnvStep(pairsHash, length) | 0
  return h === NONE ? 0 : h
}
