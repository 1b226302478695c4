/**
 * The postmortem document: its template, section edits and the durations computed from the
 * header's times. Pure functions that return new objects; nothing here mutates its input.
 */
import type { Milliseconds } from '../types'
import type { IncidentTimes, PostmortemDoc, PostmortemState, Section, SectionKind } from './types'

/**
 * The template, in the order the Google SRE book (Example Postmortem), PagerDuty's postmortem
 * guide and incident.io's template agree on: what happened and to whom first, then how it was
 * found and fixed, the timeline, why it happened, what we learned, what we will do, and the
 * evidence last.
 */
export const templateSections: readonly {
  kind: SectionKind
  title: string
  /** Shown as the editor's placeholder, never written into the document. */
  hint: string
  body: string
}[] = [
  {
    kind: 'summary',
    title: 'Summary',
    hint: 'What happened, in two or three sentences a reader outside the team understands.',
    body: '',
  },
  {
    kind: 'impact',
    title: 'Impact',
    hint: 'Who was affected, how badly and for how long: users, requests, data, money.',
    body: '',
  },
  {
    kind: 'detection',
    title: 'Detection',
    hint: 'How we found out: which alert, page or report, and how long it took.',
    body: '',
  },
  {
    kind: 'response',
    title: 'Response and recovery',
    hint: 'What was done to mitigate and recover, and what helped or slowed it.',
    body: '',
  },
  {
    kind: 'timeline',
    title: 'Timeline',
    hint: 'Times in UTC. "Fill from markers" builds this from the timeline markers and pinned events.',
    body: '',
  },
  {
    kind: 'factors',
    title: 'Contributing factors / root cause',
    hint: 'Why it happened: the trigger and the conditions that let it become an incident.',
    body: '',
  },
  {
    kind: 'lessons',
    title: 'What went well / badly / where we got lucky',
    hint: 'Keep the three lists short and concrete.',
    body: '### What went well\n\n- \n\n### What went badly\n\n- \n\n### Where we got lucky\n\n- ',
  },
  {
    kind: 'actions',
    title: 'Action items',
    hint: 'Mitigate, prevent and process items, each with an owner and a ticket.',
    body: '',
  },
  {
    kind: 'evidence',
    title: 'Supporting evidence',
    hint: 'Pinned groups, frames, events and lines are listed here.',
    body: '',
  },
]

/** A new document from the template; `title` defaults from the input's names. */
const TITLE_LENGTH = 80

/**
 * A crash's message as the postmortem's first title: past 80 characters it is cut between
 * words, with an ellipsis (`… in ld-musl-x` read as a broken name).
 */
export function titleFromMessage(message: string): string {
  if (message.length <= TITLE_LENGTH) return message
  const space = message.lastIndexOf(' ', TITLE_LENGTH - 1)
  const cut = space > TITLE_LENGTH / 2 ? space : TITLE_LENGTH - 1
  return `${message.slice(0, cut).trimEnd()}…`
}

export function createDocument(title = ''): PostmortemDoc {
  return {
    title,
    severity: '',
    status: 'draft',
    owner: '',
    services: '',
    times: { impactStart: null, detected: null, mitigated: null, resolved: null },
    sections: templateSections.map((s, i) => ({
      id: `s${i + 1}`,
      kind: s.kind,
      title: s.title,
      body: s.body,
      skipped: false,
    })),
  }
}

export function createPostmortemState(title = ''): PostmortemState {
  return { doc: createDocument(title), pins: [], notes: [], markers: [], clocks: [] }
}

/** The next free id `<prefix><n>` among `existing` (short, readable, stable once given). */
export function nextId(prefix: string, existing: Iterable<string>): string {
  let max = 0
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue
    const n = Number(id.slice(prefix.length))
    if (Number.isInteger(n) && n > max) max = n
  }
  return `${prefix}${max + 1}`
}

export function findSection(doc: PostmortemDoc, kind: SectionKind): Section | undefined {
  return doc.sections.find((s) => s.kind === kind)
}

/** Replaces one section (by id) with the result of `change`. */
export function updateSection(
  doc: PostmortemDoc,
  id: string,
  change: Partial<Omit<Section, 'id'>>,
): PostmortemDoc {
  return { ...doc, sections: doc.sections.map((s) => (s.id === id ? { ...s, ...change } : s)) }
}

/**
 * The section of `kind`, created at its template position when the team had deleted it, so
 * "pin" and "fill timeline" always have somewhere to write.
 */
export function ensureSection(doc: PostmortemDoc, kind: SectionKind): [PostmortemDoc, Section] {
  const existing = findSection(doc, kind)
  if (existing) return [doc, existing]
  const template = templateSections.find((t) => t.kind === kind)
  const section: Section = {
    id: nextId(
      's',
      doc.sections.map((s) => s.id),
    ),
    kind,
    title: template?.title ?? 'Notes',
    body: '',
    skipped: false,
  }
  // Insert before the first section that comes after it in the template.
  const order = templateSections.findIndex((t) => t.kind === kind)
  const at = doc.sections.findIndex(
    (s) => templateSections.findIndex((t) => t.kind === s.kind) > order,
  )
  const sections = [...doc.sections]
  sections.splice(at === -1 || order === -1 ? sections.length : at, 0, section)
  return [{ ...doc, sections }, section]
}

/** Appends a custom section at the end (before Supporting evidence when it is last). */
export function addSection(doc: PostmortemDoc, title: string): PostmortemDoc {
  const section: Section = {
    id: nextId(
      's',
      doc.sections.map((s) => s.id),
    ),
    kind: 'custom',
    title,
    body: '',
    skipped: false,
  }
  const sections = [...doc.sections]
  const last = sections.length - 1
  sections.splice(
    last >= 0 && sections[last].kind === 'evidence' ? last : sections.length,
    0,
    section,
  )
  return { ...doc, sections }
}

export function removeSection(doc: PostmortemDoc, id: string): PostmortemDoc {
  return { ...doc, sections: doc.sections.filter((s) => s.id !== id) }
}

/** Moves a section up (-1) or down (+1). */
export function moveSection(doc: PostmortemDoc, id: string, by: -1 | 1): PostmortemDoc {
  const i = doc.sections.findIndex((s) => s.id === id)
  const j = i + by
  if (i === -1 || j < 0 || j >= doc.sections.length) return doc
  const sections = [...doc.sections]
  ;[sections[i], sections[j]] = [sections[j], sections[i]]
  return { ...doc, sections }
}

/** Appends a line to a section's body, separated from what is there by a line break. */
export function appendLine(body: string, line: string): string {
  const trimmed = body.trimEnd()
  return trimmed === '' ? line : `${trimmed}\n${line}`
}

/** Inserts text at a caret position, padding it with spaces where it would touch words. */
export function insertAt(body: string, caret: number, text: string): string {
  const at = Math.max(0, Math.min(caret, body.length))
  const before = body.slice(0, at)
  const after = body.slice(at)
  const left = before === '' || /\s$/.test(before) ? '' : ' '
  const right = after === '' || /^\s/.test(after) ? '' : ' '
  return `${before}${left}${text}${right}${after}`
}

/** Time to detect, mitigate and resolve, each from the start of impact; null when unknown. */
export function computeDurations(times: IncidentTimes): {
  detect: Milliseconds | null
  mitigate: Milliseconds | null
  resolve: Milliseconds | null
} {
  const since = (t: Milliseconds | null) =>
    t === null || times.impactStart === null ? null : t - times.impactStart
  return {
    detect: since(times.detected),
    mitigate: since(times.mitigated),
    resolve: since(times.resolved),
  }
}

/** `1h 05m`, `12m 30s`, `45s`; negative durations keep their sign (a typo in a time). */
export function formatDuration(ms: Milliseconds): string {
  const sign = ms < 0 ? '-' : ''
  let s = Math.round(Math.abs(ms) / 1000)
  const d = Math.floor(s / 86400)
  s -= d * 86400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const pad = (n: number) => String(n).padStart(2, '0')
  if (d > 0) return `${sign}${d}d ${h}h ${pad(m)}m`
  if (h > 0) return `${sign}${h}h ${pad(m)}m`
  if (m > 0) return `${sign}${m}m ${pad(s)}s`
  return `${sign}${s}s`
}

/** `2024-03-05 14:02:11 UTC` */
export function formatUtc(ms: Milliseconds): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** Value for an `<input type="datetime-local">` showing UTC (`2024-03-05T14:02:11`). */
export function toUtcInputValue(ms: Milliseconds | null): string {
  return ms === null ? '' : new Date(ms).toISOString().slice(0, 19)
}

/** Reads `2024-03-05T14:02`, `2024-03-05 14:02:11` or with a `Z`, always as UTC; null if empty or bad. */
export function parseUtcInput(value: string): Milliseconds | null {
  const m =
    // Trimmed first: `\s*` at both ends of a regex is quadratic on long runs of spaces.
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)? {0,4}(?:Z|UTC)?$/i.exec(
      value.trim(),
    )
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac] = m
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0, frac ? +frac.padEnd(3, '0') : 0)
  return Number.isNaN(ms) ? null : ms
}
