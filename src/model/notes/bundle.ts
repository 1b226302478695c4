/**
 * The `.debrief` bundle: one JSON file with the postmortem, notes, markers, pins and view
 * state, and optionally the inputs themselves, that opens again by drag and drop.
 *
 * Schema history (bump `BUNDLE_VERSION` and keep reading older versions):
 * - 1: first version (every field below is "Added in 1").
 * - 2: `state.clocks`, per-input clock offsets and boot times (a version 1 bundle has none).
 * - 3: pin and note targets of type `crash` (a crash banner's facts); optional
 *   `clocks[].year` and `clocks[].dumpsTakenAt` (a reader that predates them ignores them).
 *   Later, still 3: the optional `state.transforms` (a page that does not know it ignores it),
 *   and the optional `pins[].context`, the timeline range an event was pinned with.
 *
 * Import never trusts the file: `parseBundle` checks every field and refuses a bad bundle with
 * a message that names the field, instead of loading half a document.
 */
import { isBase64, type EncodedContent } from '../../lib/encoding'
import type { GroupMode } from '../group'
import { groupModeName, parseGroupModeName } from '../group-mode-names'
import { parseTransforms } from '../transforms/syntax'
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

export const BUNDLE_FORMAT = 'debrief-bundle'
export const BUNDLE_VERSION = 3
/** File name extension of bundles. */
export const BUNDLE_EXTENSION = '.debrief'

/** An input as the bundle carries it. */
export type BundleInput = {
  name: string
  bytes: number
  fingerprint: string
  /** The content, when the team chose to include inputs: UTF-8 text, or base64 for binary. */
  content?: EncodedContent
}

/** The view to restore: which tab, how groups are folded, the search box. */
export type BundleView = { activeView: string; groupMode: GroupMode; search: string }

export type DebriefBundle = {
  format: typeof BUNDLE_FORMAT
  version: typeof BUNDLE_VERSION
  /** When the bundle was written (ms since the epoch). */
  savedAt: number
  inputs: BundleInput[]
  state: PostmortemState
  view: BundleView
}

export function createBundle(
  state: PostmortemState,
  inputs: BundleInput[],
  view: BundleView,
  savedAt: number,
): DebriefBundle {
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, savedAt, inputs, state, view }
}

/** Thrown for a bundle that cannot be opened; `message` says why, for the reader. */
export class BundleError extends Error {
  override name = 'BundleError'
}

/**
 * The most an imported postmortem may hold. A crafted link or bundle with a 100 MB title or
 * 200,000 markers froze or crashed the tab; real postmortems stay far below these. Every text
 * and list without a limit of its own is held to `fieldChars` and `listItems`.
 */
export const BUNDLE_LIMITS = {
  titleChars: 1_000,
  sectionChars: 1_000_000,
  sections: 200,
  pins: 5_000,
  notes: 5_000,
  markers: 5_000,
  inputs: 1_000,
  fieldChars: 100_000,
  listItems: 10_000,
} as const

/**
 * The largest `.debrief` file opened: a browser holds at most about 512 M characters in one
 * string (V8), and a bundle is read as one JSON text.
 */
export const MAX_BUNDLE_FILE_BYTES = 500 * 1024 * 1024

/** Cheap check on a file's first bytes: is this worth parsing as a bundle? */
export function looksLikeBundle(name: string, head: string): boolean {
  return (
    name.toLowerCase().endsWith(BUNDLE_EXTENSION) ||
    /^\s*\{\s*"format"\s*:\s*"debrief-bundle"/.test(head)
  )
}

/** Parses and validates a bundle's text. Throws `BundleError` with a clear message. */
export function parseBundle(text: string): DebriefBundle {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new BundleError(
      `This .debrief file is not valid JSON (${error instanceof Error ? error.message : String(error)}). It may be truncated.`,
    )
  }
  return validateBundle(json)
}

type Json = Record<string, unknown>

/**
 * Where a value sits in the file, for messages. `capped` holds imports (bundles, links) to the
 * field limits; a postmortem read back from this browser's own storage is never refused for
 * its size, as that would lose what the user wrote.
 */
class Check {
  constructor(
    private path: string,
    readonly capped = false,
  ) {}
  fail(expected: string, got: unknown): never {
    const shown = got === undefined ? 'nothing' : shortJson(got)
    throw new BundleError(
      `This .debrief file is damaged: ${this.path} should be ${expected}, not ${shown}.`,
    )
  }
  /** Refuses a value over a limit, naming the field, its size and the limit. */
  tooLarge(unit: string, n: number, max: number): never {
    throw new BundleError(
      `This postmortem is too large to open: ${this.path} (${unit}) has ${n.toLocaleString('en-US')}, and the most Debrief opens is ${max.toLocaleString('en-US')}.`,
    )
  }
  at(key: string | number): Check {
    return new Check(
      typeof key === 'number' ? `${this.path}[${key}]` : `${this.path}.${key}`,
      this.capped,
    )
  }
}

/** The start of a value for a message, without serialising all of a huge one. */
function shortJson(v: unknown): string | undefined {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40))
  if (Array.isArray(v)) return `a list of ${v.length.toLocaleString('en-US')}`
  if (typeof v === 'object' && v !== null) return 'an object'
  return JSON.stringify(v)?.slice(0, 40)
}

function obj(v: unknown, c: Check): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) c.fail('an object', v)
  return v as Json
}
function str(v: unknown, c: Check, max: number = BUNDLE_LIMITS.fieldChars): string {
  if (typeof v !== 'string') c.fail('text', v)
  if (c.capped && v.length > max) c.tooLarge('characters', v.length, max)
  return v
}
function num(v: unknown, c: Check): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) c.fail('a number', v)
  return v as number
}
function bool(v: unknown, c: Check): boolean {
  if (typeof v !== 'boolean') c.fail('true or false', v)
  return v as boolean
}
function timeOrNull(v: unknown, c: Check): number | null {
  return v === null ? null : num(v, c)
}
function oneOf<T extends string>(v: unknown, values: readonly T[], c: Check): T {
  if (typeof v !== 'string' || !values.includes(v as T)) c.fail(`one of ${values.join(', ')}`, v)
  return v as T
}
function arr<T>(
  v: unknown,
  c: Check,
  each: (item: unknown, c: Check) => T,
  max: number = BUNDLE_LIMITS.listItems,
): T[] {
  if (!Array.isArray(v)) c.fail('a list', v)
  // Counted before any item is checked: 200,000 markers took half a minute to validate.
  if (c.capped && v.length > max) c.tooLarge('items', v.length, max)
  return v.map((item, i) => each(item, c.at(i)))
}
function strs(v: unknown, c: Check): string[] {
  return arr(v, c, str)
}

function timeSpan(v: unknown, c: Check): TimeSpan {
  const o = obj(v, c)
  const start = num(o.start, c.at('start'))
  const end = num(o.end, c.at('end'))
  if (end < start) c.at('end').fail(`a time from start (${start}) on`, end)
  return { start, end }
}

/**
 * A grouping mode, held to the modes the app has: one that names itself and reads back the
 * same (`groupModeName`, `parseGroupModeName`), so a mode the table can group by, a label mode
 * included, is never refused and a malformed one (`top` 1.5 frames, a key with spaces) is.
 */
function groupMode(v: unknown, c: Check): GroupMode {
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

/** Validates parsed JSON as a bundle; returns a clean copy holding only known fields. */
export function validateBundle(json: unknown): DebriefBundle {
  const c = new Check('bundle', true)
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new BundleError('This file is not a Debrief bundle: it holds no object.')
  const o = json as Json
  if (o.format !== BUNDLE_FORMAT)
    throw new BundleError(
      `This file is not a Debrief bundle: its "format" is ${JSON.stringify(o.format) ?? 'missing'}, not "${BUNDLE_FORMAT}".`,
    )
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1)
    c.at('version').fail('a whole number from 1', o.version)
  if ((o.version as number) > BUNDLE_VERSION)
    throw new BundleError(
      `This bundle was written by a newer Debrief (schema ${o.version}); this page reads schema ${BUNDLE_VERSION} and older. Open it with a newer version.`,
    )
  const inputs = arr(
    o.inputs,
    c.at('inputs'),
    (v, ic): BundleInput => {
      const io = obj(v, ic)
      const input: BundleInput = {
        name: str(io.name, ic.at('name')),
        bytes: num(io.bytes, ic.at('bytes')),
        fingerprint: str(io.fingerprint, ic.at('fingerprint')),
      }
      if (io.content !== undefined) {
        const cc = ic.at('content')
        const co = obj(io.content, cc)
        input.content = {
          encoding: oneOf(co.encoding, ['utf8', 'base64'], cc.at('encoding')),
          data: str(co.data, cc.at('data'), MAX_BUNDLE_FILE_BYTES),
        }
        // Checked here, so a damaged input is named instead of failing later in `atob`.
        if (input.content.encoding === 'base64' && !isBase64(input.content.data))
          cc.at('data').fail('base64 (A–Z, a–z, 0–9, +, / and = padding)', input.content.data)
      }
      return input
    },
    BUNDLE_LIMITS.inputs,
  )
  const vo = obj(o.view, c.at('view'))
  const state = validatePostmortemState(o.state, 'bundle.state', true)
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    savedAt: num(o.savedAt, c.at('savedAt')),
    inputs,
    state,
    view: {
      activeView: str(vo.activeView, c.at('view').at('activeView')),
      groupMode: groupMode(vo.groupMode, c.at('view').at('groupMode')),
      search: str(vo.search, c.at('view').at('search')),
    },
  }
}
