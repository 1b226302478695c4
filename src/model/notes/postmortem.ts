/**
 * Changes to a whole `PostmortemState`: pinning evidence, notes on items, timeline markers.
 * Each returns a new state; the store applies them and persistence saves the result.
 */
import type { Milliseconds } from '../types'
import { appendLine, ensureSection, findSection, insertAt, nextId, updateSection } from './document'
import { describeTarget, pinHref, sameTarget } from './pins'
import type { Marker, MarkerKind, Note, Pin, PinTarget, PostmortemState, TimeSpan } from './types'

/** Where the reader's caret was in the document, to insert a reference there. */
export type Caret = { sectionId: string; offset: number }

/** `[E3: label](#pin=p3)`: an ordinary Markdown link, readable anywhere it is pasted. */
export function pinReference(pin: Pin): string {
  const label = pin.label.replace(/[[\]\\]/g, (c) => `\\${c}`)
  return `[${label}](${pinHref(pin)})`
}

/**
 * Pins a target: adds the pin (or reuses the one for the same target), lists it under
 * Supporting evidence, and inserts a reference at the caret when there is one outside that
 * section. A `context` (the timeline range shown) or a `snapshot` (the one shown) replaces the
 * one an existing pin had: the reader chose the view again.
 */
export function pinTarget(
  state: PostmortemState,
  target: PinTarget,
  now: Milliseconds,
  caret?: Caret | null,
  label?: string,
  context?: TimeSpan,
  snapshot?: number,
): { state: PostmortemState; pin: Pin } {
  const existing = state.pins.find((p) => sameTarget(p.target, target))
  let pin = existing
  if (pin && context) pin = { ...pin, context: { ...context } }
  if (pin && snapshot !== undefined) pin = { ...pin, snapshot }
  let pins = existing ? state.pins.map((p) => (p === existing ? (pin as Pin) : p)) : state.pins
  if (!pin) {
    const id = nextId(
      'p',
      state.pins.map((p) => p.id),
    )
    pin = {
      id,
      target,
      // One line: the label becomes a link text and a list item.
      label: `E${id.slice(1)}: ${label ?? describeTarget(target, state.markers)}`.replace(
        /\s+/g,
        ' ',
      ),
      createdAt: now,
      ...(context ? { context: { ...context } } : {}),
      ...(snapshot !== undefined ? { snapshot } : {}),
    }
    pins = [...state.pins, pin]
  }
  const reference = pinReference(pin)
  const [withEvidence, evidence] = ensureSection(state.doc, 'evidence')
  let doc = withEvidence
  if (!evidence.body.includes(pinHref(pin))) {
    doc = updateSection(doc, evidence.id, { body: appendLine(evidence.body, `- ${reference}`) })
  }
  if (caret && caret.sectionId !== evidence.id) {
    const section = doc.sections.find((s) => s.id === caret.sectionId)
    if (section)
      doc = updateSection(doc, section.id, {
        body: insertAt(section.body, caret.offset, reference),
      })
  }
  return { state: { ...state, doc, pins }, pin }
}

/** Removes a pin and the evidence list line that names it; references elsewhere stay as text. */
export function unpin(state: PostmortemState, pinId: string): PostmortemState {
  const pin = state.pins.find((p) => p.id === pinId)
  if (!pin) return state
  let doc = state.doc
  const evidence = findSection(doc, 'evidence')
  if (evidence) {
    const href = `(${pinHref(pin)})`
    const body = evidence.body
      .split('\n')
      .filter((l) => !(l.trimStart().startsWith('- ') && l.includes(href)))
      .join('\n')
    doc = updateSection(doc, evidence.id, { body })
  }
  return { ...state, doc, pins: state.pins.filter((p) => p.id !== pinId) }
}

export function addNote(
  state: PostmortemState,
  target: PinTarget,
  text: string,
  now: Milliseconds,
): { state: PostmortemState; note: Note } {
  const note: Note = {
    id: nextId(
      'n',
      state.notes.map((n) => n.id),
    ),
    target,
    text,
    createdAt: now,
    updatedAt: now,
  }
  return { state: { ...state, notes: [...state.notes, note] }, note }
}

/** Sets a note's text; an empty text deletes the note. */
export function setNoteText(
  state: PostmortemState,
  id: string,
  text: string,
  now: Milliseconds,
): PostmortemState {
  if (text.trim() === '') return { ...state, notes: state.notes.filter((n) => n.id !== id) }
  return {
    ...state,
    notes: state.notes.map((n) => (n.id === id ? { ...n, text, updatedAt: now } : n)),
  }
}

export function addMarker(
  state: PostmortemState,
  time: Milliseconds,
  label: string,
  kind: MarkerKind,
): { state: PostmortemState; marker: Marker } {
  const marker: Marker = {
    id: nextId(
      'm',
      state.markers.map((m) => m.id),
    ),
    time,
    label,
    kind,
  }
  const markers = [...state.markers, marker].sort((a, b) => a.time - b.time)
  return { state: { ...state, markers }, marker }
}

export function updateMarker(
  state: PostmortemState,
  id: string,
  change: Partial<Omit<Marker, 'id'>>,
): PostmortemState {
  const markers = state.markers
    .map((m) => (m.id === id ? { ...m, ...change } : m))
    .sort((a, b) => a.time - b.time)
  return { ...state, markers }
}

/** Removes a marker with the notes on it; a pin of it stays and says the marker was deleted. */
export function removeMarker(state: PostmortemState, id: string): PostmortemState {
  return {
    ...state,
    markers: state.markers.filter((m) => m.id !== id),
    notes: state.notes.filter((n) => !(n.target.type === 'marker' && n.target.markerId === id)),
  }
}
