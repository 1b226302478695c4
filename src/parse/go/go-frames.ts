import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { FrameKind } from '../../model/types'
import { goFrameKind, packageOf } from './go-lines'

/**
 * Go frames of one region, cached by (function, file, line) so the thousands of identical
 * stacks of a goroutine dump classify each distinct frame once.
 */
export class GoFrames {
  private readonly cache = new Map<string, IndexIntoFrameTable>()
  // The frame last seen at each stack position. Goroutines of a dump mostly repeat the stack
  // before them, so comparing with that frame's strings answers most lookups without building
  // a key or hashing one.
  private readonly slotFunc: (string | undefined)[] = []
  private readonly slotFile: (string | undefined)[] = []
  private readonly slotLine: (number | undefined)[] = []
  private readonly slotFrame: IndexIntoFrameTable[] = []

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
    const key = `${func}\u0000${file ?? ''}\u0000${line ?? 0}`
    let frame = this.cache.get(key)
    if (frame === undefined) {
      if (func === '' || func === '?') {
        frame = this.builder.frame({
          func: file ? `unknown in ${file}` : 'unknown',
          kind: FrameKind.unknown,
          address,
        })
      } else {
        const pkg = packageOf(func)
        frame = this.builder.frame({
          func,
          file,
          line,
          module: pkg || undefined,
          kind: goFrameKind(func, pkg, file),
          address,
        })
      }
      this.cache.set(key, frame)
    }
    return frame
  }
}

/** The memo slot of created-by frames (stack positions never reach it). */
export const CREATED_BY_SLOT = 1023

/** Hash of every argument list of a stack: equal stacks with equal hashes are exact twins. */
export function hashArgs(args: readonly (string | undefined)[]): number {
  let h = 0x811c9dc5
  for (const a of args) {
    if (a === undefined) {
      h = Math.imul(h ^ 0x7c, 0x01000193)
      continue
    }
    // Two UTF-16 units per multiply: this runs over every argument of every goroutine.
    const n = a.length
    let i = 0
    for (; i + 1 < n; i += 2)
      h = Math.imul(h ^ (a.charCodeAt(i) | (a.charCodeAt(i + 1) << 16)), 0x01000193)
    if (i < n) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193)
    h = Math.imul(h ^ (0x7c0000 | n), 0x01000193)
  }
  return h | 0
}

/**
 * Hash of one frame's argument text, `text[start, end)`: two UTF-16 units per multiply.
 * GoReader.fastFuncLine computes the same while it scans a line; keep the two alike.
 */
export function hashArgText(text: string, start: number, end: number): number {
  let h = 0x811c9dc5
  let i = start
  for (; i + 1 < end; i += 2)
    h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 0x01000193)
  if (i < end) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

/**
 * Hash of a stack's argument lists from their hashArgText hashes and lengths: equal stacks
 * with equal hashes are exact twins.
 */
export function combineArgHashes(hashes: readonly number[], lengths: readonly number[]): number {
  let h = 0x811c9dc5
  for (let i = 0; i < hashes.length; i++) {
    h = Math.imul(h ^ hashes[i], 0x01000193)
    h = Math.imul(h ^ (0x7c0000 | lengths[i]), 0x01000193)
  }
  return h | 0
}
