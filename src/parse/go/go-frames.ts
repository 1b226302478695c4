import { FNV_OFFSET_BASIS, fnvStep, hashUnitPairs } from '../../lib/hash'
import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { FrameKind, NONE } from '../../model/types'
import { IntTupleMap } from '../../lib/int-tuple-map'
import { DenseIntMap } from '../../lib/dense-int-map'
import { goPackageKind, isCgoFunc, packageEnd } from './go-lines'

/**
 * Go frames of one region, cached by (function, file, line) so the thousands of identical
 * stacks of a goroutine dump classify each distinct frame once.
 */
export class GoFrames {
  /** (function, file, line), interned, to the frame: classified once per distinct frame. */
  private readonly cache = new IntTupleMap(3)
  private readonly key = new Int32Array(3)
  // The frame last seen at each stack position. Goroutines of a dump mostly repeat the stack
  // before them, so comparing with that frame's strings answers most lookups without building
  // a key or hashing one.
  private readonly slotFunc: (string | undefined)[] = []
  private readonly slotFile: (string | undefined)[] = []
  private readonly slotLine: (number | undefined)[] = []
  private readonly slotFrame: IndexIntoFrameTable[] = []
  // The file last interned: a dump's distinct frames come mostly from a few files, and a
  // string comparison costs less than a lookup in a map of a million function names.
  private lastFile: string | undefined = undefined
  private lastFileIndex = -1
  // 1 by function (string index) where this reader made the function's first frame.
  private readonly madeFirst = new DenseIntMap()
  // The package last named (never empty) and its index: a dump's new frames come mostly from a
  // few packages, and a comparison costs less than a slice and its lookup.
  private lastPackage = ''
  private lastPackageIndex = NONE
  // The kind last given by package and file (string indices): a million distinct functions of
  // one package in one file are classified once, not by searching each name and path again.
  private kindPackage = NONE - 1
  private kindFile = NONE - 1
  private kind: FrameKind = FrameKind.unknown

  constructor(private readonly builder: IncidentBuilder) {}

  /**
   * The frame for a function (`''` or `?` when unknown) at an optional location. `slot` is the
   * frame's position in its stack (leaf = 0; CREATED_BY_SLOT for a created-by site).
   */
  frame(
    func: string,
    file: string | undefined,
    line: number | undefined,
    address: string | undefined,
    slot = -1,
  ): IndexIntoFrameTable {
    if (
      slot >= 0 &&
      this.slotLine[slot] === line &&
      this.slotFunc[slot] === func &&
      this.slotFile[slot] === file
    ) {
      // Equal texts may be different strings (a flat copy of a slice): keep the newer, so the
      // next comparison is one of identity.
      this.slotFunc[slot] = func
      this.slotFile[slot] = file
      return this.slotFrame[slot]
    }
    const frame = this.lookup(func, file, line, address)
    if (slot >= 0) {
      this.slotFunc[slot] = func
      this.slotFile[slot] = file
      this.slotLine[slot] = line
      this.slotFrame[slot] = frame
    }
    return frame
  }

  private lookup(
    func: string,
    file: string | undefined,
    line: number | undefined,
    address: string | undefined,
  ): IndexIntoFrameTable {
    const builder = this.builder
    if (func === '' || func === '?') {
      return builder.frame({
        func: file ? `unknown in ${file}` : 'unknown',
        kind: FrameKind.unknown,
        address,
      })
    }
    const key = this.key
    key[0] = builder.intern(func)
    if (file !== this.lastFile || this.lastFileIndex === -1) {
      this.lastFile = file
      this.lastFileIndex = builder.internOptional(file)
    }
    key[1] = this.lastFileIndex
    key[2] = line ?? 0
    // A function without frames is a new frame, which the builder finds again by its function:
    // a dump of a million distinct stacks puts none of its million frames in this cache.
    if (!builder.hasFrameOf(key[0])) {
      this.madeFirst.set(key[0], 1)
      return this.make(func, file, address)
    }
    // In the file of the function's first frame, which this reader classified: classified
    // alike, and found by the builder without a slot here.
    if (this.madeFirst.get(key[0]) === 1) {
      const frame = builder.frameLikeFirst(key[0], key[1], key[2], address)
      if (frame !== NONE) return frame
    }
    // One probe for a new frame too: the slot is taken for the index the frame will likely
    // get, and corrected when the builder already knew the frame from elsewhere.
    const next = builder.frameCount
    const frame = this.cache.getOrAdd(key, next)
    if (frame !== next) return frame
    const made = this.make(func, file, address)
    if (made !== next) this.cache.set(key, made)
    return made
  }

  /** The builder's frame for the function, file and line in `key`, classified. */
  private make(
    func: string,
    file: string | undefined,
    address: string | undefined,
  ): IndexIntoFrameTable {
    const { builder, key } = this
    const pkg = this.packageIndex(func)
    let kind: FrameKind
    if (isCgoFunc(func)) kind = FrameKind.cgo
    else if (func === 'panic') kind = FrameKind.runtime
    else if (pkg === this.kindPackage && key[1] === this.kindFile) kind = this.kind
    else {
      kind = goPackageKind(pkg === NONE ? '' : builder.string(pkg), file)
      this.kindPackage = pkg
      this.kindFile = key[1]
      this.kind = kind
    }
    return builder.frameOf(key[0], key[1], key[2], pkg, kind, address)
  }

  /** `packageOf(func)`, interned: the last one's index when the function is in it. */
  private packageIndex(func: string): number {
    const end = packageEnd(func)
    if (end === -1) return NONE
    const last = this.lastPackage
    if (end !== last.length || !func.startsWith(last)) {
      this.lastPackage = func.slice(0, end)
      this.lastPackageIndex = this.builder.internOptional(this.lastPackage)
    }
    return this.lastPackageIndex
  }
}

/** The memo slot of created-by frames (stack positions never reach it). */
export const CREATED_BY_SLOT = 1023

/** Hash of every argument list of a stack: equal stacks with equal hashes are exact twins. */
export function hashArgs(args: readonly (string | undefined)[]): number {
  let h = FNV_OFFSET_BASIS
  for (const a of args) {
    if (a === undefined) {
      h = fnvStep(h, 0x7c)
      continue
    }
    // Two UTF-16 units per multiply: this runs over every argument of every goroutine.
    h = fnvStep(hashUnitPairs(a, 0, a.length, h), 0x7c0000 | a.length)
  }
  return h | 0
}

/**
 * Hash of a stack's argument lists, one frame at a time from FNV_OFFSET_BASIS: `h` folds in
 * the next frame's hashUnitPairs hash and length. Equal stacks with equal hashes (`| 0`)
 * are exact twins.
 */
export function combineArgHash(h: number, hash: number, length: number): number {
  return fnvStep(fnvStep(h, hash), 0x7c0000 | length)
}
