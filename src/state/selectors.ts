import { memoizePerObject } from '../lib/memoize'
import { compileUserRegex } from '../model/user-regex'
import { rankGroups, type Group, type GroupMode } from '../model/group'
import { rankedGroupList, type GroupList } from '../model/group-list'
import { groupModeName } from '../model/group-mode-names'
import { resolveSourceClocks } from '../model/notes/clocks'
import type { SourceClockSetting } from '../model/notes/types'
import { selectSnapshot } from '../model/snapshot-view'
import { applySourceClocks } from '../model/timeline/source-clocks'
import type { Incident } from '../model/types'
import { NONE } from '../model/types'
import { getStackFrames } from '../model/stacks'
import { applyTransforms } from '../model/transforms/apply'
import type { Transform } from '../model/transforms/types'

/**
 * The incident with the transform stack applied: the first step of what Stacks, Flame, the
 * diff, the comparison and the exports read (parsed → transforms → brushed range → snapshot
 * → groups). The same object while neither changes, so every memo downstream holds. One
 * result per incident: every edit makes a new stack, so an older one is not asked for again.
 */
const transformed = memoizePerObject(applyTransforms, { size: 1 })
export function getTransformedIncident(
  incident: Incident,
  transforms: readonly Transform[],
): Incident {
  // No transform is the parsed incident itself.
  return transforms.length ? transformed(incident, transforms) : incident
}

/** The transformed incident of a store state, or null before a load. */
export function getViewIncident(s: {
  incident: Incident | null
  transforms: readonly Transform[]
}): Incident | null {
  return s.incident && getTransformedIncident(s.incident, s.transforms)
}

/**
 * The incident as the Stacks table, the flame graph, the crash banner and the exports show
 * it: one snapshot of an input that has several (the last unless another is chosen), taken
 * after the transforms and the brushed range. The same object while neither changes, so every
 * memo downstream holds. Several snapshots of one incident are kept: the flame diff and the
 * table may show different ones.
 */
export const getShownIncident = memoizePerObject(
  (incident: Incident, snapshot: number | null): Incident => selectSnapshot(incident, snapshot),
  { size: 4 },
)

/** The groups of an incident in a grouping mode, each made when first asked for. Modes are
 *  matched by name, not by object (a pin's saved mode equals the store's), and every mode of
 *  one incident is kept. */
export const getGroupList = memoizePerObject(
  (incident: Incident, mode: GroupMode): GroupList => rankedGroupList(rankGroups(incident, mode)),
  { size: 16, key: groupModeName },
)

/** Every group of an incident in a grouping mode, as `computeGroups` gives them; the same
 *  objects as `getGroupList`'s. */
export function getGroups(incident: Incident, mode: GroupMode): readonly Group[] {
  return getGroupList(incident, mode).toArray()
}

/**
 * The incident as the timeline shows it: each input's times read through the team's clock
 * settings. The same object while neither changes, so the charts' memos hold. Kept per
 * incident: the timeline reads the parsed incident and the brush the transformed one, and
 * neither may push the other's result out; one each, as an edit makes new settings.
 */
export const getClockedIncident = memoizePerObject(
  (incident: Incident, clocks: readonly SourceClockSetting[]): Incident =>
    applySourceClocks(incident, resolveSourceClocks(incident.sources, clocks)),
  { size: 1 },
)

/** Lower-cased text of each group's functions, files, modules and states, for the search box;
 *  kept for a few grouping modes, whose groups `getGroups` keeps. */
const getGroupSearchText = memoizePerObject(
  (incident: Incident, groups: readonly Group[]): string[] =>
    groups.map((g) => {
      const parts: string[] = g.states.map((s) => s.state)
      // Every member stack and created-by site, not only the one the group is shown by.
      for (const leaf of memberStacks(incident, g)) {
        for (const f of getStackFrames(incident, leaf)) {
          parts.push(incident.strings[incident.frames.func[f]])
          const file = incident.frames.file[f]
          if (file !== NONE) parts.push(incident.strings[file])
          const module = incident.frames.module[f]
          if (module !== NONE) parts.push(incident.strings[module])
        }
      }
      return parts.join('\n').toLowerCase()
    }),
  { size: 4 },
)

/** The distinct stacks and created-by sites of a group's members (at most `limit`). */
function memberStacks(incident: Incident, group: Group, limit = 64): Set<number> {
  const out = new Set<number>()
  const { stack, createdBy } = incident.records
  for (let k = 0; k < group.records.length && out.size < limit; k++) {
    const r = group.records[k]
    if (stack[r] !== NONE) out.add(stack[r])
    if (createdBy[r] !== NONE) out.add(createdBy[r])
  }
  return out
}

/** Turns the search box text into a matcher: `/re/` is a regex, anything else a substring. */
export function makeMatcher(search: string): ((text: string) => boolean) | { error: string } {
  const trimmed = search.trim()
  if (trimmed.length > 2 && trimmed.startsWith('/') && trimmed.lastIndexOf('/') > 0) {
    const end = trimmed.lastIndexOf('/')
    return compileUserRegex(trimmed.slice(1, end), trimmed.slice(end + 1) || 'i')
  }
  const needle = trimmed.toLowerCase()
  return (text) => text.includes(needle)
}

export function getVisibleGroups(
  incident: Incident,
  groups: readonly Group[],
  search: string,
): readonly Group[] | { error: string } {
  if (search.trim() === '') return groups
  const match = makeMatcher(search)
  if (typeof match !== 'function') return match
  const texts = getGroupSearchText(incident, groups)
  return groups.filter((_, i) => match(texts[i]))
}
