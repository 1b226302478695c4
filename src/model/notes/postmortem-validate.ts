/**
 * A postmortem read from outside this page's memory (a bundle, a link, this browser's storage)
 * checked field by field: a clean copy holding only known fields, or a BundleError that names
 * the field. Imports are held to BUNDLE_LIMITS; what this browser saved is never refused for
 * its size.
 */
import { parseTransforms } from '../transforms/syntax'
import type { GroupMode } from '../group'
import { groupModeName, parseGroupModeName } from '../group-mode-names'
import {
  Check,
  obj,
  str,
  num,
  bool,
  timeOrNull,
  oneOf,
  arr,
  strs,
  BUNDLE_LIMITS,
} from './bundle-check'
import { docStatuses, markerKinds, severities } from './types'
import type {
  Marker,
  Note,
  Pin,
  PinTarget,
  PostmortemDoc,
  PostmortemState,
  Section,
  SourceClockSetting,
  TimeSpan,
} from './types'

function timeSpan(v: unknown, c: Check): TimeSpan {
  const o = obj(v, c)
  const start = num(o.start, c.at('start'))
  const end = num(o.end, c.at('end'))
  if (end < start) c.at('end').fail(`a time from start (${start}) on`, end)
  return { start, end }
}

/** A place in a list (a snapshot's index): a whole number from 0. */
function index(v: unknown, c: Check): number {
  const n = num(v, c)
  if (!Number.isInteger(n) || n < 0) c.fail('a whole number from 0', v)
  return n
}

/**
 * A grouping mode, held to the modes the app has: one that names itself and reads back the
 * same (`groupModeName`, `parseGroupModeName`), so a mode the table can group by, a label mode
 * included, is never refused and a malformed one (`top` 1.5 frames, a key with spaces) is.
 */
export function groupMode(v: unknown, c: Check): GroupMode {
  const o = obj(v, c)
  const type = oneOf(
    o.type,
    ['exact', 'lines', 'functions', 'top', 'firstApp', 'createdBy', 'state', 'labels', 'label'],
    c.at('type'),
  )
  const mode: GroupMode =
    type === 'top'
      ? { type, frames: num(o.frames, c.at('frames')) }
      : type === 'label'
        ? { type, key: str(o.key, c.at('key')) }
        : { type }
  // The names parse back whole or not at all, so one that parses is the same mode.
  if (parseGroupModeName(groupModeName(mode)) === null) c.fail('a grouping mode', v)
  return mode
}

function pinTarget(v: unknown, c: Check): PinTarget {
  const o = obj(v, c)
  const type = oneOf(
    o.type,
    ['group', 'frame', 'event', 'range', 'lines', 'marker', 'crash'],
    c.at('type'),
  )
  switch (type) {
    case 'group':
      return {
        type,
        mode: groupMode(o.mode, c.at('mode')),
        funcs: strs(o.funcs, c.at('funcs')),
        locations: strs(o.locations, c.at('locations')),
        ...(o.state !== undefined ? { state: str(o.state, c.at('state')) } : {}),
      }
    case 'frame':
      return {
        type,
        func: str(o.func, c.at('func')),
        ...(o.file !== undefined ? { file: str(o.file, c.at('file')) } : {}),
        ...(o.line !== undefined ? { line: num(o.line, c.at('line')) } : {}),
        ...(o.path !== undefined ? { path: strs(o.path, c.at('path')) } : {}),
      }
    case 'event':
      return {
        type,
        source: str(o.source, c.at('source')),
        line: num(o.line, c.at('line')),
        time: timeOrNull(o.time, c.at('time')),
        ...(o.relative !== undefined ? { relative: bool(o.relative, c.at('relative')) } : {}),
        ...(o.approx !== undefined ? { approx: bool(o.approx, c.at('approx')) } : {}),
        text: str(o.text, c.at('text'), BUNDLE_LIMITS.sectionChars),
      }
    case 'range':
      return {
        type,
        start: num(o.start, c.at('start')),
        end: num(o.end, c.at('end')),
        ...(o.label !== undefined ? { label: str(o.label, c.at('label')) } : {}),
      }
    case 'lines':
      return {
        type,
        source: str(o.source, c.at('source')),
        first: num(o.first, c.at('first')),
        last: num(o.last, c.at('last')),
        text: arr(o.text, c.at('text'), (t, tc) => str(t, tc, BUNDLE_LIMITS.sectionChars)),
      }
    case 'marker':
      return { type, markerId: str(o.markerId, c.at('markerId')) }
    case 'crash': {
      const optional = (key: 'signal' | 'code' | 'addr' | 'pc' | 'thread') =>
        o[key] !== undefined ? { [key]: str(o[key], c.at(key)) } : {}
      return {
        type,
        source: str(o.source, c.at('source')),
        line: num(o.line, c.at('line')),
        kind: str(o.kind, c.at('kind')),
        message: str(o.message, c.at('message')),
        ...optional('signal'),
        ...optional('code'),
        ...optional('addr'),
        ...optional('pc'),
        ...optional('thread'),
        at: str(o.at, c.at('at')),
      }
    }
  }
}

function section(v: unknown, c: Check): Section {
  const o = obj(v, c)
  return {
    id: str(o.id, c.at('id')),
    kind: oneOf(
      o.kind,
      [
        'summary',
        'impact',
        'detection',
        'response',
        'timeline',
        'factors',
        'lessons',
        'actions',
        'evidence',
        'custom',
      ],
      c.at('kind'),
    ),
    title: str(o.title, c.at('title'), BUNDLE_LIMITS.titleChars),
    body: str(o.body, c.at('body'), BUNDLE_LIMITS.sectionChars),
    skipped: bool(o.skipped, c.at('skipped')),
  }
}

function doc(v: unknown, c: Check): PostmortemDoc {
  const o = obj(v, c)
  const t = obj(o.times, c.at('times'))
  return {
    title: str(o.title, c.at('title'), BUNDLE_LIMITS.titleChars),
    severity: oneOf(o.severity, ['', ...severities], c.at('severity')),
    status: oneOf(o.status, docStatuses, c.at('status')),
    owner: str(o.owner, c.at('owner')),
    services: str(o.services, c.at('services')),
    times: {
      impactStart: timeOrNull(t.impactStart, c.at('times').at('impactStart')),
      detected: timeOrNull(t.detected, c.at('times').at('detected')),
      mitigated: timeOrNull(t.mitigated, c.at('times').at('mitigated')),
      resolved: timeOrNull(t.resolved, c.at('times').at('resolved')),
    },
    sections: arr(o.sections, c.at('sections'), section, BUNDLE_LIMITS.sections),
  }
}

function uniqueIds<T extends { id: string }>(items: T[], c: Check): T[] {
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (seen.has(item.id)) c.at(i).at('id').fail('an id used once', item.id)
    seen.add(item.id)
  })
  return items
}

/** Validates a whole `PostmortemState` (also used for what IndexedDB gives back). */
export function validatePostmortemState(
  v: unknown,
  path = 'state',
  capped = false,
): PostmortemState {
  const c = new Check(path, capped)
  const o = obj(v, c)
  const pins = arr(
    o.pins,
    c.at('pins'),
    (p, pc): Pin => {
      const po = obj(p, pc)
      return {
        id: str(po.id, pc.at('id')),
        target: pinTarget(po.target, pc.at('target')),
        label: str(po.label, pc.at('label')),
        createdAt: num(po.createdAt, pc.at('createdAt')),
        ...(po.context !== undefined ? { context: timeSpan(po.context, pc.at('context')) } : {}),
        ...(po.snapshot !== undefined ? { snapshot: index(po.snapshot, pc.at('snapshot')) } : {}),
      }
    },
    BUNDLE_LIMITS.pins,
  )
  const notes = arr(
    o.notes,
    c.at('notes'),
    (n, nc): Note => {
      const no = obj(n, nc)
      return {
        id: str(no.id, nc.at('id')),
        target: pinTarget(no.target, nc.at('target')),
        text: str(no.text, nc.at('text'), BUNDLE_LIMITS.sectionChars),
        createdAt: num(no.createdAt, nc.at('createdAt')),
        updatedAt: num(no.updatedAt, nc.at('updatedAt')),
      }
    },
    BUNDLE_LIMITS.notes,
  )
  const markers = arr(
    o.markers,
    c.at('markers'),
    (m, mc): Marker => {
      const mo = obj(m, mc)
      return {
        id: str(mo.id, mc.at('id')),
        time: num(mo.time, mc.at('time')),
        label: str(mo.label, mc.at('label')),
        kind: oneOf(mo.kind, markerKinds, mc.at('kind')),
      }
    },
    BUNDLE_LIMITS.markers,
  )
  // Added in 2; older bundles and saved postmortems have none.
  const clocks =
    o.clocks === undefined
      ? []
      : arr(o.clocks, c.at('clocks'), (k, kc): SourceClockSetting => {
          const ko = obj(k, kc)
          return {
            name: str(ko.name, kc.at('name')),
            fingerprint: str(ko.fingerprint, kc.at('fingerprint')),
            offsetMs: num(ko.offsetMs, kc.at('offsetMs')),
            ...(ko.bootTimeMs !== undefined
              ? { bootTimeMs: num(ko.bootTimeMs, kc.at('bootTimeMs')) }
              : {}),
            ...(ko.year !== undefined ? { year: num(ko.year, kc.at('year')) } : {}),
            ...(ko.dumpsTakenAt !== undefined
              ? {
                  dumpsTakenAt: arr(ko.dumpsTakenAt, kc.at('dumpsTakenAt'), (d, dc) => {
                    const dO = obj(d, dc)
                    return { line: num(dO.line, dc.at('line')), time: num(dO.time, dc.at('time')) }
                  }),
                }
              : {}),
          }
        })
  // Optional; a stack this page cannot read is refused like any other bad field.
  let transforms: string | undefined
  if (o.transforms !== undefined) {
    transforms = str(o.transforms, c.at('transforms'))
    const parsed = parseTransforms(transforms)
    if ('error' in parsed)
      c.at('transforms').fail('transforms such as merge:F,hide:stdlib', transforms)
  }
  const d = doc(o.doc, c.at('doc'))
  uniqueIds(d.sections, c.at('doc').at('sections'))
  return {
    doc: d,
    pins: uniqueIds(pins, c.at('pins')),
    notes: uniqueIds(notes, c.at('notes')),
    markers: uniqueIds(markers, c.at('markers')),
    clocks,
    ...(transforms ? { transforms } : {}),
  }
}
