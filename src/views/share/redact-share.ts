/**
 * What a share link, a shared bundle or a report carries, redacted: the postmortem's free
 * text (document, notes, pin labels and the evidence text copied into pins, markers) and,
 * when they travel too, the inputs. Pure: the texts are redacted elsewhere (in a worker, see
 * redaction-client.ts) and put back here in the same order.
 */
import { builtinPatterns, type RedactionPattern } from '../../model/redact/patterns'
import { compileUserPattern, Redactor, type RedactionMatch } from '../../model/redact/redact'
import type { ResolvedPin } from '../../model/notes/pins'
import type { PinTarget, PostmortemState } from '../../model/notes/types'

/** Which patterns to apply: built-in ones by id, and the user's own regexes. */
export type RedactionSettings = {
  builtin: string[]
  /** Regex sources typed by the user; each gets the id `custom-N` (1-based). */
  custom: string[]
}

export const defaultRedactionSettings = (): RedactionSettings => ({
  builtin: builtinPatterns.filter((p) => p.defaultOn).map((p) => p.id),
  custom: [],
})

/** Compiles the settings; bad user regexes come back as errors, by index. */
export function compileSettings(settings: RedactionSettings): {
  patterns: RedactionPattern[]
  errors: { index: number; error: string }[]
} {
  const on = new Set(settings.builtin)
  const patterns = builtinPatterns.filter((p) => on.has(p.id))
  const errors: { index: number; error: string }[] = []
  settings.custom.forEach((source, index) => {
    if (!source.trim()) return
    const p = compileUserPattern(`custom-${index + 1}`, source)
    if ('error' in p) errors.push({ index, error: p.error })
    else patterns.push(p)
  })
  return { patterns, errors }
}

/** The result of redacting a list of texts with one Redactor (same secret, same placeholder). */
export type RedactionResult = {
  texts: string[]
  /** Matches per text, for the preview (only for the texts asked for). */
  matches: (RedactionMatch[] | null)[]
  counts: Record<string, number>
}

/** Redacts `texts` in order; `previewFor` says which texts also return their matches. */
export function redactTexts(
  settings: RedactionSettings,
  texts: readonly string[],
  previewFor: readonly boolean[] = [],
): RedactionResult {
  const redactor = new Redactor(compileSettings(settings).patterns)
  const matches: (RedactionMatch[] | null)[] = []
  const out = texts.map((text, i) => {
    if (previewFor[i]) matches.push(redactor.findMatches(text))
    else matches.push(null)
    return redactor.redact(text)
  })
  return { texts: out, matches, counts: { ...redactor.counts } }
}

function mapTarget(t: PinTarget, f: (s: string) => string): PinTarget {
  switch (t.type) {
    case 'group':
      return { ...t, funcs: t.funcs.map(f), locations: t.locations.map(f) }
    case 'frame':
      return {
        ...t,
        func: f(t.func),
        ...(t.file !== undefined ? { file: f(t.file) } : {}),
        ...(t.path ? { path: t.path.map(f) } : {}),
      }
    case 'event':
      return { ...t, text: f(t.text) }
    case 'range':
      return t.label !== undefined ? { ...t, label: f(t.label) } : t
    case 'lines':
      return { ...t, text: t.text.map(f) }
    case 'marker':
      return t
    case 'crash':
      // Addresses are input text too (a long-hex rule may cover them); the input name is
      // shared as the inputs list shares it.
      return {
        ...t,
        message: f(t.message),
        ...(t.code !== undefined ? { code: f(t.code) } : {}),
        ...(t.addr !== undefined ? { addr: f(t.addr) } : {}),
        ...(t.pc !== undefined ? { pc: f(t.pc) } : {}),
      }
  }
}

/**
 * Applies `f` to every free-text field of a postmortem, in a fixed order, and returns the
 * copy. Ids, times and fingerprints are left alone: they are not the team's text.
 */
export function mapPostmortemTexts(
  state: PostmortemState,
  f: (s: string) => string,
): PostmortemState {
  const { doc } = state
  return {
    doc: {
      ...doc,
      title: f(doc.title),
      owner: f(doc.owner),
      services: f(doc.services),
      sections: doc.sections.map((s) => ({ ...s, title: f(s.title), body: f(s.body) })),
    },
    pins: state.pins.map((p) => ({ ...p, label: f(p.label), target: mapTarget(p.target, f) })),
    notes: state.notes.map((n) => ({ ...n, text: f(n.text), target: mapTarget(n.target, f) })),
    markers: state.markers.map((m) => ({ ...m, label: f(m.label) })),
    // Input names are shared as the bundle's inputs list shares them.
    clocks: state.clocks,
  }
}

/** The postmortem's texts, in `mapPostmortemTexts` order. */
export function collectPostmortemTexts(state: PostmortemState): string[] {
  const texts: string[] = []
  mapPostmortemTexts(state, (s) => (texts.push(s), s))
  return texts
}

/** Puts redacted texts back, in the order `collectPostmortemTexts` gave them. */
export function replacePostmortemTexts(state: PostmortemState, texts: readonly string[]) {
  let i = 0
  const next = mapPostmortemTexts(state, () => texts[i++])
  if (i !== texts.length) throw new Error(`expected ${i} texts, got ${texts.length}`)
  return next
}

/** Renames input fingerprints in pins, notes and clocks (a redacted input has a new fingerprint). */
export function renameSources(
  state: PostmortemState,
  renamed: ReadonlyMap<string, string>,
): PostmortemState {
  if (renamed.size === 0) return state
  const fix = (t: PinTarget): PinTarget =>
    (t.type === 'event' || t.type === 'lines' || t.type === 'crash') && renamed.has(t.source)
      ? { ...t, source: renamed.get(t.source)! }
      : t
  return {
    ...state,
    pins: state.pins.map((p) => ({ ...p, target: fix(p.target) })),
    notes: state.notes.map((n) => ({ ...n, target: fix(n.target) })),
    clocks: state.clocks.map((c) =>
      renamed.has(c.fingerprint) ? { ...c, fingerprint: renamed.get(c.fingerprint)! } : c,
    ),
  }
}

/** An evidence card with its texts redacted (the card shows text read from the inputs). */
export function redactResolvedPin(pin: ResolvedPin, f: (s: string) => string): ResolvedPin {
  return { ...pin, heading: f(pin.heading), code: pin.code.map(f), meta: pin.meta.map(f) }
}
