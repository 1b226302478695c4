import type { ViewId } from './slices/view'

/**
 * What a deep link names: `#view=flame&mode=app&q=lookup&group=1x2y3z&event=app.log:120&t=1700000000000..1700000600000`.
 * Everything sits in the URL fragment, which browsers never send to a server.
 */
export type DeepLink = {
  view?: ViewId
  /** A group's stable id (model/stable-id.ts). */
  group?: string
  /** A frame, by function name. */
  frame?: string
  /** An event as `source name:line` (1-based line). */
  event?: string
  /** A time range in ms on the timeline's clock. */
  t?: [number, number]
  /** The grouping mode by its short name (`app`, `top3` …), when not the default. */
  mode?: string
  /** The text typed in the groups' search box. */
  q?: string
  /** The text typed in the flame graph's Find box. */
  find?: string
  /** The text or /regex/ typed in the timeline's event filter. */
  filter?: string
  /** The least severe level the event list shows, by name (`warn`). */
  level?: string
  /** The transform stack in its text form (`merge:runtime.gopark,hide:stdlib`, model/transforms/syntax.ts). */
  tf?: string
}

const VIEWS: readonly ViewId[] = ['stacks', 'flame', 'timeline']
/** The fragment's keys a deep link owns; others (a share link's data) are left alone. */
const KEYS = ['view', 'tf', 'mode', 'q', 'group', 'frame', 'find', 'event', 't', 'filter', 'level']

/** Reads a deep link from a fragment; unknown keys and malformed values are ignored. */
export function parseDeepLink(hash: string): DeepLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const link: DeepLink = {}
  const view = params.get('view')
  if (view && (VIEWS as readonly string[]).includes(view)) link.view = view as ViewId
  const group = params.get('group')
  if (group && /^[0-9a-z]{1,16}$/.test(group)) link.group = group
  const frame = params.get('frame')
  if (frame && frame.length <= 1000) link.frame = frame
  const event = params.get('event')
  if (event && /^.{1,500}:\d{1,10}$/.test(event)) link.event = event
  const t = params.get('t')
  const range = t ? /^(-?\d{1,16})\.\.(-?\d{1,16})$/.exec(t) : null
  if (range && Number(range[1]) <= Number(range[2])) link.t = [Number(range[1]), Number(range[2])]
  const mode = params.get('mode')
  if (mode && /^[a-z0-9-]{1,16}$/.test(mode)) link.mode = mode
  const q = params.get('q')
  if (q && q.length <= 500) link.q = q
  const find = params.get('find')
  if (find && find.length <= 500) link.find = find
  const filter = params.get('filter')
  if (filter && filter.length <= 500) link.filter = filter
  const level = params.get('level')
  if (level && /^[a-z]{1,16}$/.test(level)) link.level = level
  const tf = params.get('tf')
  if (tf && tf.length <= 4000) link.tf = tf
  return link
}

/** Writes a deep link as a fragment (without `#`); keeps other parameters already there. */
export function formatDeepLink(link: DeepLink, keep = ''): string {
  const params = new URLSearchParams(keep.replace(/^#/, ''))
  for (const key of KEYS) params.delete(key)
  if (link.view && link.view !== 'stacks') params.set('view', link.view)
  if (link.tf) params.set('tf', link.tf)
  if (link.mode) params.set('mode', link.mode)
  if (link.q) params.set('q', link.q)
  if (link.group) params.set('group', link.group)
  if (link.frame) params.set('frame', link.frame)
  if (link.find) params.set('find', link.find)
  if (link.event) params.set('event', link.event)
  if (link.t) params.set('t', `${Math.round(link.t[0])}..${Math.round(link.t[1])}`)
  if (link.filter) params.set('filter', link.filter)
  if (link.level) params.set('level', link.level)
  return params.toString()
}
