/**
 * Pins: references from the postmortem to the evidence. A target is built from the model
 * (`groupTarget`, `frameTarget`, `eventTarget` ...) as names, files, lines and times, never as
 * table indices, and is resolved again against whatever model is loaded (`resolvePin`), so a
 * reference survives re-parsing the same input, and a newer parser, as long as the stack reads
 * the same.
 */
import { computeGroups, type Group, type GroupMode } from '../group'
import { getFrameFunc, getFrameLocation, getStackFrames } from '../stacks'
import type { CrashFact, Incident, IndexIntoFrameTable, Milliseconds } from '../types'
import { NONE } from '../types'
import { isApproxEvent } from '../timeline/moments'
import { formatUtc } from './document'
import type { Marker, Pin, PinTarget } from './types'
import { PIN_FRAMES, PIN_LINES } from './types'
import { crashHeadline } from '../crash-headline'
import { leakWeightText, recordNoun } from '../record-noun'

/** Where clicking a pinned item takes the reader. Views decide how to show it. */
export type PinDestination =
  /** `snapshot`: the one the item was pinned in, shown with it (see pin-snapshot.ts). */
  | { view: 'stacks'; mode: GroupMode; groupKey: string; snapshot?: number }
  | { view: 'flame'; func: string; path?: string[]; snapshot?: number }
  | { view: 'timeline'; start: Milliseconds; end: Milliseconds; relative?: boolean }
  | { view: 'source'; source: string; first: number; last: number }

/** A pin as it reads against the loaded model: what a card shows. */
export type ResolvedPin = {
  type: PinTarget['type']
  /** False when the item is not in the loaded input (another file, or the input changed). */
  found: boolean
  /** One line: `12 goroutines · semacquire`, `SIGSEGV at 14:02:11 UTC`. */
  heading: string
  /** Monospace lines under the heading: top frames, or the pinned source lines. */
  code: string[]
  /** Small print: locations, sources, times. */
  meta: string[]
  destination: PinDestination | null
}

/** `file:line`, or `line N` for formats that print a line without a file, or ''. */
function frameLocation(incident: Incident, frame: IndexIntoFrameTable): string {
  const location = getFrameLocation(incident, frame)
  if (location) return location
  const line = incident.frames.line[frame]
  return line > 0 ? `line ${line}` : ''
}

/** How a group is told apart: its representative stack's functions and locations, leaf first. */
export function groupTarget(incident: Incident, group: Group, mode: GroupMode): PinTarget {
  const frames =
    group.stack === NONE ? [] : getStackFrames(incident, group.stack).slice(0, PIN_FRAMES)
  return {
    type: 'group',
    mode,
    funcs: frames.map((f) => getFrameFunc(incident, f)),
    locations: frames.map((f) => frameLocation(incident, f)),
    state: group.states[0]?.state,
  }
}

/** A frame; `path` (root first) when it comes from a flame graph node. */
export function frameTarget(
  incident: Incident,
  frame: IndexIntoFrameTable,
  path?: IndexIntoFrameTable[],
): PinTarget {
  const file = incident.frames.file[frame]
  const line = incident.frames.line[frame]
  return {
    type: 'frame',
    func: getFrameFunc(incident, frame),
    ...(file !== NONE ? { file: incident.strings[file] } : {}),
    ...(line > 0 ? { line } : {}),
    ...(path ? { path: path.map((f) => getFrameFunc(incident, f)) } : {}),
  }
}

/** The event at `index` in the event table; `lineText` is its line as read back from the file. */
export function eventTarget(incident: Incident, index: number, lineText = ''): PinTarget {
  const e = incident.events
  const time = e.time[index]
  const label = e.label[index]
  return {
    type: 'event',
    source: incident.sources[e.source[index]]?.fingerprint ?? '',
    line: e.line[index],
    time: Number.isNaN(time) ? null : time,
    ...(e.relative[index] ? { relative: true } : {}),
    ...(isApproxEvent(incident, index) ? { approx: true } : {}),
    text: label === NONE ? lineText : incident.strings[label],
  }
}

/** Source lines `first..last` (0-based, inclusive); only the first `PIN_LINES` are kept. */
export function linesTarget(
  incident: Incident,
  source: number,
  first: number,
  last: number,
  text: readonly string[],
): PinTarget {
  return {
    type: 'lines',
    source: incident.sources[source]?.fingerprint ?? '',
    first,
    last,
    text: text.slice(0, PIN_LINES),
  }
}

/** The goroutine or thread a crash names: `goroutine 1`, `thread 7`, or undefined. */
export function crashThread(crash: CrashFact): string | undefined {
  if (crash.threadId === undefined) return undefined
  // The OOM killer names the process it killed; a segfault line the task (thread) that faulted.
  const what =
    crash.format === 'go' ? 'goroutine' : crash.kind === 'oom kill' ? 'process' : 'thread'
  return `${what} ${crash.threadId}`
}

/** A crash with its facts as the banner states them. */
export function crashTarget(incident: Incident, crash: CrashFact): PinTarget {
  const source = incident.sources[crash.source]
  const thread = crashThread(crash)
  return {
    type: 'crash',
    source: source?.fingerprint ?? '',
    line: crash.line,
    kind: crash.kind,
    message: crash.message,
    ...(crash.signal ? { signal: crash.signal } : {}),
    ...(crash.code ? { code: crash.code } : {}),
    ...(crash.addr ? { addr: crash.addr } : {}),
    ...(crash.pc ? { pc: crash.pc } : {}),
    ...(thread ? { thread } : {}),
    at: `${source?.name ?? ''}:${crash.line + 1}`,
  }
}

/** The facts of a crash pin, one `term: value` line each, in the order the banner shows them. */
export function crashFactLines(target: Extract<PinTarget, { type: 'crash' }>): string[] {
  const lines: string[] = []
  if (target.signal) lines.push(`signal: ${target.signal}`)
  if (target.code) lines.push(`code: ${target.code}`)
  if (target.addr) lines.push(`addr: ${target.addr}`)
  if (target.pc) lines.push(`pc: ${target.pc}`)
  if (target.thread) {
    const space = target.thread.indexOf(' ')
    lines.push(`${target.thread.slice(0, space)}: ${target.thread.slice(space + 1)}`)
  }
  lines.push(`source: ${target.at}`)
  return lines
}

/** Two targets point at the same item (pinning twice reuses the pin). */
export function sameTarget(a: PinTarget, b: PinTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A label for a new pin, from the target alone: `E3: net.lookupIPDeadline (12)`. */
export function describeTarget(target: PinTarget, markers: readonly Marker[] = []): string {
  switch (target.type) {
    case 'group':
      return target.funcs.length
        ? `group in ${firstInteresting(target.funcs)}`
        : `group ${target.state ?? 'without frames'}`
    case 'frame':
      return target.func
    case 'event':
      return target.text ? truncate(target.text, 60) : `event at line ${target.line + 1}`
    case 'range':
      return target.label ?? `${formatUtc(target.start)} to ${formatUtc(target.end)}`
    case 'lines':
      return target.first === target.last
        ? `line ${target.first + 1}`
        : `lines ${target.first + 1}–${target.last + 1}`
    case 'marker':
      return markers.find((m) => m.id === target.markerId)?.label ?? 'marker'
    case 'crash':
      return truncate(crashHeadline({ ...target, message: firstLine(target.message) }), 60)
  }
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n')
  return nl < 0 ? text : text.slice(0, nl)
}

/** The first function that is not the runtime's or a standard library's (by name only). */
function firstInteresting(funcs: readonly string[]): string {
  return funcs.find((f) => !/^(runtime|sync|syscall|internal)[./]/.test(f)) ?? funcs[0]
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text
}

/** Groups of one mode; pass a memoised selector so resolving many pins groups once. */
export type GroupsOf = (mode: GroupMode) => readonly Group[]

/**
 * Finds the group a target names. Best match: same functions and locations; then same
 * functions (the input was rebuilt with other line numbers). In `state` mode, the same state.
 */
export function findPinnedGroup(
  incident: Incident,
  target: Extract<PinTarget, { type: 'group' }>,
  groupsOf: GroupsOf = (mode) => computeGroups(incident, mode),
): Group | null {
  const groups = groupsOf(target.mode)
  if (target.mode.type === 'state')
    return groups.find((g) => g.states[0]?.state === target.state) ?? null
  let byFuncs: Group | null = null
  for (const g of groups) {
    const frames = g.stack === NONE ? [] : getStackFrames(incident, g.stack).slice(0, PIN_FRAMES)
    if (frames.length !== target.funcs.length) continue
    if (!frames.every((f, i) => getFrameFunc(incident, f) === target.funcs[i])) continue
    if (frames.every((f, i) => frameLocation(incident, f) === (target.locations[i] ?? ''))) return g
    byFuncs ??= g
  }
  return byFuncs
}

/** Finds a frame by function, and file and line when the target has them. */
export function findPinnedFrame(
  incident: Incident,
  target: Extract<PinTarget, { type: 'frame' }>,
): IndexIntoFrameTable {
  const { frames, strings } = incident
  let byFunc: number = NONE
  for (let f = 0; f < frames.length; f++) {
    if (strings[frames.func[f]] !== target.func) continue
    const file = frames.file[f] === NONE ? undefined : strings[frames.file[f]]
    const line = frames.line[f] > 0 ? frames.line[f] : undefined
    if (file === target.file && line === target.line) return f
    if (byFunc === NONE) byFunc = f
  }
  return byFunc
}

/** Finds an event by its source's fingerprint and line. */
export function findPinnedEvent(
  incident: Incident,
  target: Extract<PinTarget, { type: 'event' }>,
): number {
  const source = incident.sources.findIndex((s) => s.fingerprint === target.source)
  if (source === -1) return NONE
  const e = incident.events
  for (let i = 0; i < e.length; i++)
    if (e.source[i] === source && e.line[i] === target.line) return i
  return NONE
}

/** Finds a crash by its source's fingerprint and line, or -1. */
export function findPinnedCrash(
  incident: Incident,
  target: Extract<PinTarget, { type: 'crash' }>,
): number {
  return incident.crashes.findIndex(
    (c) => c.line === target.line && incident.sources[c.source]?.fingerprint === target.source,
  )
}

/** Records whose stack passes through `frame` (the flame graph's total for it). */
function countRecordsThrough(incident: Incident, frame: IndexIntoFrameTable): number {
  const { stacks, records } = incident
  // The builder appends a node after its prefix, so one forward pass marks every descendant.
  const through = new Uint8Array(stacks.length)
  for (let n = 0; n < stacks.length; n++) {
    const p = stacks.prefix[n]
    through[n] = stacks.frame[n] === frame || (p !== NONE && through[p]) ? 1 : 0
  }
  let count = 0
  for (let r = 0; r < records.length; r++) {
    const s = records.stack[r]
    if (s !== NONE && through[s]) count += records.count[r]
  }
  return count
}

const countFormat = new Intl.NumberFormat('en-US')

function sourceName(incident: Incident, fingerprint: string): string {
  return incident.sources.find((s) => s.fingerprint === fingerprint)?.name ?? ''
}

function formatEventTime(time: Milliseconds | null, relative?: boolean): string {
  if (time === null) return 'no time'
  return relative ? `+${(time / 1000).toFixed(3)} s since start` : formatUtc(time)
}

/** How many top frames a group card shows. */
const CARD_FRAMES = 5

/** Resolves a pin's target against the loaded model, for cards and exports. */
export function resolvePin(
  incident: Incident | null,
  target: PinTarget,
  markers: readonly Marker[],
  groupsOf?: GroupsOf,
): ResolvedPin {
  switch (target.type) {
    case 'group': {
      const group = incident ? findPinnedGroup(incident, target, groupsOf) : null
      const code = target.funcs
        .slice(0, CARD_FRAMES)
        .map((f, i) => (target.locations[i] ? `${f}  ${target.locations[i]}` : f))
      if (!incident || !group)
        return {
          type: 'group',
          found: false,
          heading: `Group not in the loaded input${target.state ? ` (${target.state})` : ''}`,
          code,
          meta: [],
          destination: null,
        }
      const states = group.states
        .slice(0, 3)
        .map((s) =>
          group.states.length > 1 ? `${s.state} ×${countFormat.format(s.weight)}` : s.state,
        )
      return {
        type: 'group',
        found: true,
        heading: [
          // What was counted, as the table's rows count it: goroutines, threads, records.
          ...(group.bytes > 0 && group.count === group.allocations
            ? []
            : [`${countFormat.format(group.count)} ${recordNoun(incident, group)}`]),
          // A leak's figures, exact, as a postmortem quotes them.
          ...(group.bytes > 0
            ? [leakWeightText(group.bytes, group.allocations, (n) => countFormat.format(n))]
            : []),
          ...states,
          ...(group.crashed ? ['crashed'] : []),
        ].join(' · '),
        code,
        meta: [group.label, ...(group.createdBy ? [`created by ${group.createdBy}`] : [])],
        destination: { view: 'stacks', mode: target.mode, groupKey: group.key },
      }
    }
    case 'frame': {
      const frame = incident ? findPinnedFrame(incident, target) : NONE
      const location = target.file ? `${target.file}${target.line ? `:${target.line}` : ''}` : ''
      const code = [
        ...(target.path ?? []).slice(-CARD_FRAMES),
        ...(target.path ? [] : [target.func]),
      ]
      if (!incident || frame === NONE)
        return {
          type: 'frame',
          found: false,
          heading: `Frame not in the loaded input`,
          code: [target.func],
          meta: location ? [location] : [],
          destination: null,
        }
      const n = countRecordsThrough(incident, frame)
      return {
        type: 'frame',
        found: true,
        heading: `${target.func} · on ${countFormat.format(n)} ${n === 1 ? 'stack' : 'stacks'}`,
        code,
        meta: location ? [location] : [],
        destination: {
          view: 'flame',
          func: target.func,
          ...(target.path ? { path: target.path } : {}),
        },
      }
    }
    case 'event': {
      const index = incident ? findPinnedEvent(incident, target) : NONE
      const name = incident ? sourceName(incident, target.source) : ''
      const time = formatEventTime(target.time, target.relative)
      return {
        type: 'event',
        found: index !== NONE,
        heading: time,
        code: target.text ? [target.text] : [],
        meta: [`${name || 'source'} line ${target.line + 1}`],
        destination:
          index !== NONE && target.time !== null
            ? { view: 'timeline', start: target.time, end: target.time, relative: target.relative }
            : null,
      }
    }
    case 'range': {
      let events = 0
      if (incident) {
        const e = incident.events
        for (let i = 0; i < e.length; i++)
          if (!e.relative[i] && e.time[i] >= target.start && e.time[i] <= target.end) events++
      }
      return {
        type: 'range',
        found: true,
        heading: `${formatUtc(target.start)} – ${formatUtc(target.end)}`,
        code: [],
        meta: [
          ...(target.label ? [target.label] : []),
          `${countFormat.format(events)} ${events === 1 ? 'event' : 'events'}`,
        ],
        destination: { view: 'timeline', start: target.start, end: target.end },
      }
    }
    case 'lines': {
      const name = incident ? sourceName(incident, target.source) : ''
      const more = target.last - target.first + 1 - target.text.length
      return {
        type: 'lines',
        found: name !== '',
        heading: `${name || 'Source not loaded'}: ${describeTarget(target)}`,
        code: more > 0 ? [...target.text, `… ${more} more lines`] : target.text,
        meta: [],
        destination: name
          ? { view: 'source', source: target.source, first: target.first, last: target.last }
          : null,
      }
    }
    case 'crash': {
      const found = incident !== null && findPinnedCrash(incident, target) !== -1
      return {
        type: 'crash',
        found,
        heading: crashHeadline({ ...target, message: oneLine(target.message) }),
        code: crashFactLines(target),
        meta: [],
        destination: found
          ? { view: 'source', source: target.source, first: target.line, last: target.line }
          : null,
      }
    }
    case 'marker': {
      const marker = markers.find((m) => m.id === target.markerId)
      if (!marker)
        return {
          type: 'marker',
          found: false,
          heading: 'Marker was deleted',
          code: [],
          meta: [],
          destination: null,
        }
      return {
        type: 'marker',
        found: true,
        heading: `${marker.kind}: ${marker.label}`,
        code: [],
        meta: [formatUtc(marker.time)],
        destination: { view: 'timeline', start: marker.time, end: marker.time },
      }
    }
  }
}

/** The pin a document link `#pin=<id>` refers to. */
export function pinIdFromHref(href: string): string | null {
  const m = /^#pin=([\w-]+)$/.exec(href)
  return m ? m[1] : null
}

export function pinHref(pin: Pin): string {
  return `#pin=${pin.id}`
}

/** A message of several lines on one line (split, not a regex: a run of spaces stays linear). */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .join(' ')
}
