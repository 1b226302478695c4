import { frameKindNames, type FrameKind } from '../types'

/**
 * A rewrite of every stack, applied before grouping so the table, the flame graph, the diff,
 * the exports and the command line all see the same stacks (after the Firefox Profiler's
 * transform stack, `src/profile-logic/transforms.js`). Functions are named by their printed
 * name, never by an index, so a transform means the same in another input and in a link.
 */
export type Transform =
  /** Keep only stacks through the function, starting at its outermost call (it becomes the root). */
  | { type: 'focus'; func: string }
  /** Keep only stacks through the function, whole. */
  | { type: 'through'; func: string }
  /** Remove the function's frames; its callees take its place under its caller. */
  | { type: 'merge'; func: string }
  /** Remove every stack (and its records) that goes through the function. */
  | { type: 'drop'; func: string }
  /** Fold a call of the function made (directly or not) inside another call of it into the outer one. */
  | { type: 'rec'; func: string }
  /** Fold a call of the function made directly by itself into its caller. */
  | { type: 'drec'; func: string }
  /** Replace each run of frames of a module (or any module under it: `a/b` covers `a/b/c`) by one frame. */
  | { type: 'module'; module: string }
  /** Remove the frames of these kinds ("only my code" hides all but `app`). */
  | { type: 'hide-kind'; kinds: FrameKind[] }
  /** Remove the frames whose function, file or module matches `/pattern/flags`. */
  | { type: 'hide-regex'; pattern: string }

/** Whether a transform removes records (and so changes totals), not only the shape of stacks. */
export function removesRecords(t: Transform): boolean {
  return t.type === 'focus' || t.type === 'through' || t.type === 'drop'
}

/** The kinds that "only my code" hides: everything that is not the team's own code. */
export const notAppKinds: FrameKind[] = (
  Object.keys(frameKindNames).map(Number) as FrameKind[]
).filter((k) => frameKindNames[k] !== 'app')

/** A short human label for a breadcrumb or a menu. */
export function describeTransform(t: Transform): string {
  switch (t.type) {
    case 'focus':
      return `Focus on ${t.func}`
    case 'through':
      return `Only stacks through ${t.func}`
    case 'merge':
      return `Merge ${t.func}`
    case 'drop':
      return `Drop stacks through ${t.func}`
    case 'rec':
      return `Collapse recursion of ${t.func}`
    case 'drec':
      return `Collapse direct recursion of ${t.func}`
    case 'module':
      return `Collapse ${t.module}`
    case 'hide-kind':
      return sameKinds(t.kinds, notAppKinds)
        ? 'Only my code'
        : `Hide ${t.kinds.map((k) => frameKindNames[k]).join(', ')}`
    case 'hide-regex':
      return `Hide ${t.pattern}`
  }
}

function sameKinds(a: readonly FrameKind[], b: readonly FrameKind[]): boolean {
  return a.length === b.length && b.every((k) => a.includes(k))
}
