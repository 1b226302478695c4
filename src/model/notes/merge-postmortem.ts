/**
 * Three-way merge of two edits of one postmortem, by section: two tabs (or a tab and an
 * imported bundle) that changed different sections, header fields, pins, notes or markers
 * both keep their change. A part both changed differently is a conflict: the merge keeps
 * `mine` there and names the part, so the other side can be told instead of silently reverted.
 */
import type { PostmortemDoc, PostmortemState } from './types'

/** The merged state and the parts both sides changed differently (labels for the reader). */
export type PostmortemMerge = { merged: PostmortemState; conflicts: string[] }

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

/** One value: whoever changed it wins; both changed it differently is a conflict. */
function mergeValue<T>(base: T, mine: T, theirs: T, label: string, conflicts: string[]): T {
  if (same(mine, theirs) || same(theirs, base)) return mine
  if (same(mine, base)) return theirs
  conflicts.push(label)
  return mine
}

/**
 * A list of items with ids: items are merged one by one; added on either side are kept,
 * removed on one side and untouched on the other are dropped. Order follows `mine`, with
 * items only `theirs` has inserted after their predecessor there (or at the end).
 */
function mergeById<T extends { id: string }>(
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  label: (item: T) => string,
  conflicts: string[],
): T[] {
  const byId = (list: readonly T[]) => new Map(list.map((x) => [x.id, x]))
  const b = byId(base)
  const m = byId(mine)
  const t = byId(theirs)
  const out: T[] = []
  for (const item of mine) {
    const old = b.get(item.id)
    const other = t.get(item.id)
    if (!old) {
      // Both added one with the same id (each tab numbers its own pins): keep ours, say so.
      if (other && !same(item, other)) conflicts.push(`${label(item)} (added on both sides)`)
      out.push(item)
    } else if (!other) {
      // They removed it: drop it unless we changed it meanwhile.
      if (!same(item, old)) {
        conflicts.push(`${label(item)} (removed elsewhere)`)
        out.push(item)
      }
    } else {
      out.push(mergeValue(old, item, other, label(item), conflicts))
    }
  }
  theirs.forEach((item, i) => {
    if (m.has(item.id)) return
    const old = b.get(item.id)
    if (old) {
      // We removed it: keep it removed unless they changed it meanwhile.
      if (same(item, old)) return
      conflicts.push(`${label(item)} (removed here)`)
    }
    const before = i > 0 ? out.findIndex((x) => x.id === theirs[i - 1].id) : -1
    if (before === -1) out.push(item)
    else out.splice(before + 1, 0, item)
  })
  return out
}

function mergeDoc(
  base: PostmortemDoc,
  mine: PostmortemDoc,
  theirs: PostmortemDoc,
  conflicts: string[],
): PostmortemDoc {
  const field = <K extends 'title' | 'severity' | 'status' | 'owner' | 'services'>(k: K) =>
    mergeValue(base[k], mine[k], theirs[k], k === 'title' ? 'Title' : k, conflicts)
  const time = <K extends keyof PostmortemDoc['times']>(k: K) =>
    mergeValue(base.times[k], mine.times[k], theirs.times[k], `time ${k}`, conflicts)
  return {
    title: field('title'),
    severity: field('severity'),
    status: field('status'),
    owner: field('owner'),
    services: field('services'),
    times: {
      impactStart: time('impactStart'),
      detected: time('detected'),
      mitigated: time('mitigated'),
      resolved: time('resolved'),
    },
    sections: mergeById(
      base.sections,
      mine.sections,
      theirs.sections,
      (s) => `section “${s.title}”`,
      conflicts,
    ),
  }
}

/** Merges `mine` and `theirs`, both edited from `base`. */
export function mergePostmortems(
  base: PostmortemState,
  mine: PostmortemState,
  theirs: PostmortemState,
): PostmortemMerge {
  const conflicts: string[] = []
  const merged: PostmortemState = {
    doc: mergeDoc(base.doc, mine.doc, theirs.doc, conflicts),
    pins: mergeById(base.pins, mine.pins, theirs.pins, (p) => `pin ${p.label}`, conflicts),
    notes: mergeById(base.notes, mine.notes, theirs.notes, (n) => `note ${n.id}`, conflicts),
    markers: mergeById(
      base.markers,
      mine.markers,
      theirs.markers,
      (m) => `marker “${m.label}”`,
      conflicts,
    ),
    clocks: mergeById(
      base.clocks.map((c) => ({ ...c, id: c.fingerprint })),
      mine.clocks.map((c) => ({ ...c, id: c.fingerprint })),
      theirs.clocks.map((c) => ({ ...c, id: c.fingerprint })),
      (c) => `clock of ${c.name}`,
      conflicts,
    ).map(({ id: _id, ...c }) => c),
  }
  // The transform stack is one view setting: the side that changed it wins, else theirs.
  const transforms = mine.transforms !== base.transforms ? mine.transforms : theirs.transforms
  if (transforms) merged.transforms = transforms
  return { merged, conflicts }
}

/** Whether two states hold the same postmortem. */
export function samePostmortem(a: PostmortemState, b: PostmortemState): boolean {
  return same(a, b)
}
