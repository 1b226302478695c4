/**
 * The postmortem document and everything a team attaches to the evidence: pins, notes on
 * items and timeline markers. Plain JSON objects (no typed arrays), so a whole
 * `PostmortemState` is stored in IndexedDB and written into a `.debrief` bundle as it is.
 */
import type { GroupMode } from '../group'
import type { Milliseconds } from '../types'

/**
 * A reference to one thing in the evidence that survives re-parsing the same input: it names
 * functions, files, lines and times, never indices into the model's tables.
 */
export type PinTarget =
  /** A group of records, identified by its representative stack (leaf first) in a mode. */
  | {
      type: 'group'
      mode: GroupMode
      /** Function names of the representative stack, leaf first (at most `PIN_FRAMES`). */
      funcs: string[]
      /** `file:line` of the same frames ('' when unknown); used to tell apart equal functions. */
      locations: string[]
      /** The most common state, for groups in `state` mode and for the card. */
      state?: string
    }
  /** A frame (from a stack or a flame selection); `path` is the flame node's callers, root first. */
  | { type: 'frame'; func: string; file?: string; line?: number; path?: string[] }
  /** An event, by source and line; `time` and `text` are kept for the card and the timeline. */
  | {
      type: 'event'
      source: string
      line: number
      time: Milliseconds | null
      /** 1 when `time` counts from boot or process start, not the epoch. */
      relative?: boolean
      /** The time is approximate: no line dates this crash (the last dated line before it). */
      approx?: boolean
      text: string
    }
  /** A span of time on the timeline. */
  | { type: 'range'; start: Milliseconds; end: Milliseconds; label?: string }
  /**
   * Source lines (0-based, inclusive). The model does not hold the input's text, so the lines
   * are copied when pinned (at most `PIN_LINES`).
   */
  | { type: 'lines'; source: string; first: number; last: number; text: string[] }
  /** A timeline marker the team added (see `Marker`). */
  | { type: 'marker'; markerId: string }
  /**
   * A crash as the input reports it (the banner). Its facts are copied when pinned, so the
   * exports state them without the input. Added in bundle schema 3.
   */
  | {
      type: 'crash'
      /** The input's fingerprint, and the 0-based line the crash was read from. */
      source: string
      line: number
      /** `panic`, `fatal error`, `segfault` … */
      kind: string
      message: string
      signal?: string
      /** Signal code, faulting address and program counter, as printed. */
      code?: string
      addr?: string
      pc?: string
      /** The crashing goroutine or thread: `goroutine 1`, `thread 7`. */
      thread?: string
      /** `file:line` (1-based) of the crash in the input, as the banner shows it. */
      at: string
    }

/** At most this many frames identify a pinned group. */
export const PIN_FRAMES = 16
/** At most this many source lines are copied into a pin. */
export const PIN_LINES = 60

/** A span of the timeline, `start` to `end` inclusive, in the timeline's own clock. */
export type TimeSpan = { start: Milliseconds; end: Milliseconds }

/** A piece of evidence pinned to the postmortem. The document refers to it as `#pin=<id>`. */
export type Pin = {
  id: string
  target: PinTarget
  /** Short human label, e.g. `E3: 2,002 goroutines in net.lookupIPDeadline`. */
  label: string
  createdAt: Milliseconds
  /**
   * The timeline range shown when an event was pinned (the brushed range, else the whole
   * chart), so presenting the pin shows the same context. Kept beside the target, not in it:
   * the same event pinned twice is still one pin. Added in bundle schema 3, optional (older
   * pins have none; a page that predates it ignores it).
   */
  context?: TimeSpan
  /**
   * The snapshot shown when a group or a frame was pinned from an input with several (an index
   * into its snapshots: one dump of several, one memleak snapshot): the card keeps that
   * snapshot's figures whichever is shown later, and opening the pin shows it. Beside the
   * target, as `context` is; optional (older pins have none and read the snapshot shown).
   */
  snapshot?: number
}

/** A note on any group, frame, event or marker, shown where that item is shown. */
export type Note = {
  id: string
  target: PinTarget
  text: string
  createdAt: Milliseconds
  updatedAt: Milliseconds
}

/** Kinds of timeline markers, in the order an incident usually goes through them. */
export const markerKinds = [
  'trigger',
  'detection',
  'diagnosis',
  'mitigation',
  'resolution',
  'key moment',
] as const
export type MarkerKind = (typeof markerKinds)[number]

/** A moment the team marks on the timeline. */
export type Marker = {
  id: string
  time: Milliseconds
  label: string
  kind: MarkerKind
}

export const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'] as const
export type Severity = (typeof severities)[number] | ''

export const docStatuses = ['draft', 'in review', 'final'] as const
export type DocStatus = (typeof docStatuses)[number]

/** What a template section is for; lets "fill timeline" and "pin" find their section. */
export type SectionKind =
  | 'summary'
  | 'impact'
  | 'detection'
  | 'response'
  | 'timeline'
  | 'factors'
  | 'lessons'
  | 'actions'
  | 'evidence'
  | 'custom'

export type Section = {
  id: string
  kind: SectionKind
  title: string
  /** Markdown. */
  body: string
  /** Skipped sections stay in the editor but are left out of the preview and exports. */
  skipped: boolean
}

/** The key times of an incident (UTC milliseconds), or null until someone fills them in. */
export type IncidentTimes = {
  impactStart: Milliseconds | null
  detected: Milliseconds | null
  mitigated: Milliseconds | null
  resolved: Milliseconds | null
}

export type PostmortemDoc = {
  title: string
  severity: Severity
  status: DocStatus
  owner: string
  /** Affected services, comma-separated as typed. */
  services: string
  times: IncidentTimes
  sections: Section[]
}

/**
 * How one input's clock is read onto the timeline (model/timeline/source-clocks.ts), named by
 * the input's name and fingerprint like pins, never by its index. Added in bundle schema 2.
 */
export type SourceClockSetting = {
  /** The input's file name. */
  name: string
  /** The input's fingerprint (`SourceInfo.fingerprint`). */
  fingerprint: string
  /** Added to every time of the input. */
  offsetMs: Milliseconds
  /** When the input's machine booted, anchoring its since-boot times; absent when not set. */
  bootTimeMs?: Milliseconds
  /** The year of the input's first date printed without one (BSD syslog); absent when the
   *  parser's assumption stands. Added in bundle schema 3. */
  year?: number
  /** When the input's dumps that no line dates were taken, each named by its first line.
   *  Added in bundle schema 3. */
  dumpsTakenAt?: { line: number; time: Milliseconds }[]
}

/** Everything the team adds to one incident: saved per input set and written into bundles. */
export type PostmortemState = {
  doc: PostmortemDoc
  pins: Pin[]
  notes: Note[]
  markers: Marker[]
  /** Per-input clock settings; only inputs the team changed are listed. */
  clocks: SourceClockSetting[]
  /**
   * The transform stack the team looks at the stacks through, in its text form
   * (`merge:runtime.gopark,hide:stdlib`, model/transforms/syntax.ts). Added in bundle schema 2
   * as an optional field: older pages ignore it, and older bundles have none.
   */
  transforms?: string
}
