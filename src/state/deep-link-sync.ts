/**
 * Deep links, wired: after a load the fragment's `view`, `group`, `frame`, `event` and `t`
 * open the same view for everyone who has the input; afterwards the fragment follows the view
 * (with `replaceState`, so Back still leaves the page), and "copy link to this" reads it.
 */
import { defaultGroupMode, type Group } from '../model/group'
import { groupModeName, parseGroupModeName } from '../model/group-mode-names'
import type { PinDestination } from '../model/notes/pins'
import { getStackStableId } from '../model/stable-id'
import { getFrameFunc } from '../model/stacks'
import type { Incident, IndexIntoFrameTable } from '../model/types'
import { Level, NONE } from '../model/types'
import { formatTransforms, parseTransforms } from '../model/transforms/syntax'
import { formatDeepLink, parseDeepLink, type DeepLink } from './deep-link'
import { getGroups, getShownIncident, getViewIncident } from './selectors'
import { useIncidentStore, type Store } from './store'
import { startTransformSync } from './transform-sync'

/** Seconds shown either side of a single event opened by a link without a range (`t`). */
const EVENT_PADDING_MS = 30_000

/** The group whose representative stack has this stable id. */
export function findGroupByStableId(
  incident: Incident,
  groups: readonly Group[],
  id: string,
): Group | null {
  return groups.find((g) => getStackStableId(incident, g.stack) === id) ?? null
}

/**
 * A root-first frame path for the flame view. `funcs` is root-first too: a whole path (from a
 * flame pin) must match from the root; a single function matches its first occurrence.
 */
export function findFramePath(
  incident: Incident,
  funcs: readonly string[],
): IndexIntoFrameTable[] | null {
  if (funcs.length === 0) return null
  const { stacks } = incident
  const leafName = funcs[funcs.length - 1]
  for (let n = 0; n < stacks.length; n++) {
    if (getFrameFunc(incident, stacks.frame[n]) !== leafName) continue
    const path: IndexIntoFrameTable[] = []
    for (let m = n; m !== NONE; m = stacks.prefix[m]) path.push(stacks.frame[m])
    path.reverse()
    if (funcs.length === 1) return path
    if (
      path.length === funcs.length &&
      path.every((f, i) => getFrameFunc(incident, f) === funcs[i])
    )
      return path
  }
  return null
}

/** A level's name in links (`warn`), or '' for `Level.none`. */
export function levelName(level: number): string {
  return Object.entries(Level).find(([, v]) => v === level)?.[0] ?? ''
}

/** The level a link names, or `Level.none` (every event) for a name it does not know. */
export function levelFromName(name: string): number {
  return Object.hasOwn(Level, name) ? (Level as Record<string, number>)[name] : Level.none
}

/** `name:line` (1-based) of an event, as deep links name it. */
export function eventRef(incident: Incident, index: number): string {
  const e = incident.events
  return `${incident.sources[e.source[index]]?.name ?? ''}:${e.line[index] + 1}`
}

/** The event a deep link names, or NONE. */
export function findEventByRef(incident: Incident, ref: string): number {
  const colon = ref.lastIndexOf(':')
  const name = ref.slice(0, colon)
  const line = Number(ref.slice(colon + 1)) - 1
  const e = incident.events
  for (let i = 0; i < e.length; i++)
    if (e.line[i] === line && incident.sources[e.source[i]]?.name === name) return i
  return NONE
}

/** Opens a pinned item's view with the item shown: group expanded, flame zoomed, time range set. */
export function showDestination(destination: PinDestination): void {
  const store = useIncidentStore.getState()
  store.openDestination(destination)
  const incident = getViewIncident(store)
  switch (destination.view) {
    case 'flame': {
      const path = incident ? findFramePath(incident, destination.path ?? [destination.func]) : null
      if (path) store.setFlameFocus(path)
      return
    }
    case 'timeline': {
      // An instant without the range it was pinned in (a marker, a pin made before pins kept
      // one) shows the whole chart: a narrow window around it hides what led up to it.
      const { start, end } = destination
      store.setTimeRange(start === end ? null : [start, end])
      return
    }
    case 'stacks':
    case 'source':
      return
  }
}

/** Applies a deep link to the loaded incident; returns what it could not find. */
export function applyDeepLink(link: DeepLink): string[] {
  const store = useIncidentStore.getState()
  if (!store.incident) return []
  const missing: string[] = []
  // Transforms first: the group and frame the link names are those of the transformed stacks.
  if (link.tf !== undefined) {
    const parsed = parseTransforms(link.tf)
    if ('error' in parsed)
      useIncidentStore.setState({
        shareError: `This link's transforms could not be read, so the stacks are shown as parsed: ${parsed.error}`,
      })
    else store.setTransforms(parsed.transforms)
  }
  const incident = getViewIncident(useIncidentStore.getState())!
  if (link.view) store.setActiveView(link.view)
  const mode = link.mode ? parseGroupModeName(link.mode) : null
  if (mode) store.setGroupMode(mode)
  if (link.q !== undefined) store.setSearch(link.q)
  if (link.find !== undefined) store.setFlameSearch(link.find)
  if (link.filter !== undefined) store.setEventFilter(link.filter)
  if (link.level !== undefined) store.setEventLevel(levelFromName(link.level))
  if (link.t) store.setTimeRange(link.t)
  if (link.group) {
    // The mode the link may just have set.
    const { groupMode } = useIncidentStore.getState()
    const shown = getShownIncident(incident, useIncidentStore.getState().snapshot)
    const group = findGroupByStableId(shown, getGroups(shown, groupMode), link.group)
    if (group) showDestination({ view: 'stacks', mode: groupMode, groupKey: group.key })
    else missing.push('group')
  }
  if (link.frame) {
    const path = findFramePath(incident, [link.frame])
    if (path) {
      store.setFlameFocus(path)
      if (!link.view && !link.group) store.setActiveView('flame')
    } else missing.push('frame')
  }
  if (link.event) {
    const index = findEventByRef(incident, link.event)
    const time = index === NONE ? NaN : incident.events.time[index]
    if (index === NONE) missing.push('event')
    else if (!Number.isNaN(time)) {
      const range: [number, number] = link.t ?? [time - EVENT_PADDING_MS, time + EVENT_PADDING_MS]
      store.setTimeRange(range)
      store.setFocusedEvent(index)
      if (!link.view) store.setActiveView('timeline')
    }
  }
  return missing
}

/** What the fragment says about the current view. */
export function linkFromState(s: Store): DeepLink {
  const link: DeepLink = { view: s.activeView }
  if (groupModeName(s.groupMode) !== groupModeName(defaultGroupMode))
    link.mode = groupModeName(s.groupMode)
  if (s.search) link.q = s.search
  if (s.flameSearch) link.find = s.flameSearch
  if (s.eventFilter) link.filter = s.eventFilter
  if (s.eventLevel) link.level = levelName(s.eventLevel)
  if (s.transforms.length) link.tf = formatTransforms(s.transforms)
  const incident = getViewIncident(s)
  if (!incident) return link
  if (s.activeView === 'stacks' && s.expanded.size > 0) {
    const key = [...s.expanded].pop()
    const shown = getShownIncident(incident, s.snapshot)
    const group = getGroups(shown, s.groupMode).find((g) => g.key === key)
    if (group && group.stack !== NONE) link.group = getStackStableId(shown, group.stack)
  }
  if (s.activeView === 'flame' && s.flameFocus.length > 0)
    link.frame = getFrameFunc(incident, s.flameFocus[s.flameFocus.length - 1])
  if (s.activeView === 'timeline' && s.focusedEvent !== null) {
    if (s.focusedEvent < incident.events.length) link.event = eventRef(incident, s.focusedEvent)
  }
  if (s.activeView === 'timeline' && s.timeRange) {
    link.t = s.timeRange
  }
  return link
}

/** This page's address with a deep link as its fragment (other fragment keys dropped). */
export function linkToHere(link: DeepLink): string {
  const base = location.href.split('#')[0]
  const fragment = formatDeepLink(link)
  return fragment ? `${base}#${fragment}` : base
}

/** Fragment keys that are consumed once (share links, URL inputs) and never written back. */
const ONE_SHOT = ['share', 'url', 'follow']

/** Removes one-shot keys from the address bar (a reload must not fetch or import again). */
export function dropOneShotKeys(): void {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  let changed = false
  for (const k of ONE_SHOT)
    if (params.has(k)) {
      params.delete(k)
      changed = true
    }
  if (changed) {
    const rest = params.toString()
    history.replaceState(history.state, '', rest ? `#${rest}` : location.pathname + location.search)
  }
}

let started = false

/** Applies the fragment after each load and keeps it in sync with the view; idempotent. */
export function startDeepLinkSync(): void {
  if (started) return
  started = true
  startTransformSync()
  let applied: Incident | null = null
  useIncidentStore.subscribe((s, prev) => {
    if (!s.incident || s.status.type !== 'done') return
    if (s.incident !== applied) {
      applied = s.incident
      const missing = applyDeepLink(parseDeepLink(location.hash))
      if (missing.length)
        useIncidentStore.setState({
          shareError: `This link names a ${missing.join(' and a ')} that is not in the loaded input; it was made from another file.`,
        })
      return
    }
    if (
      s.activeView === prev.activeView &&
      s.expanded === prev.expanded &&
      s.flameFocus === prev.flameFocus &&
      s.timeRange === prev.timeRange &&
      s.focusedEvent === prev.focusedEvent &&
      s.search === prev.search &&
      s.flameSearch === prev.flameSearch &&
      s.eventFilter === prev.eventFilter &&
      s.eventLevel === prev.eventLevel &&
      s.groupMode === prev.groupMode &&
      s.transforms === prev.transforms
    )
      return
    const fragment = formatDeepLink(linkFromState(s), location.hash)
    if (fragment !== location.hash.replace(/^#/, ''))
      history.replaceState(
        history.state,
        '',
        fragment ? `#${fragment}` : location.pathname + location.search,
      )
  })
}
