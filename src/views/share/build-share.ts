/**
 * Builds what a share link (or a shared bundle) carries: the postmortem and, when asked and
 * small enough, the inputs, all redacted with one Redactor so a secret reads the same
 * placeholder in the document and in the input.
 */
import { createBundle, type BundleInput, type DebriefBundle } from '../../model/notes/bundle'
import type { PostmortemState } from '../../model/notes/types'
import type { RedactionMatch } from '../../model/redact/redact'
import { computeFingerprint } from '../../lib/fingerprint'
import {
  collectPostmortemTexts,
  renameSources,
  replacePostmortemTexts,
  type RedactionSettings,
} from './redact-share'
import { runInWorker, type RedactionRunner } from './redaction-client'

/** Inputs larger than this (in all) are not offered for a link: no paste target holds them. */
export const MAX_LINK_INPUT_BYTES = 1_500_000
/** Inputs up to this size go into the link unless the user says otherwise. */
export const DEFAULT_LINK_INPUT_BYTES = 256 * 1024

/** One loaded input as the share dialog sees it. */
export type ShareSource = { name: string; bytes: number; fingerprint: string; blob?: Blob }

/** A text the preview shows, with its matches highlighted. */
export type PreviewText = { label: string; text: string; matches: RedactionMatch[] }

export type PreparedShare = {
  bundle: DebriefBundle
  counts: Record<string, number>
  preview: PreviewText[]
  /** Why the inputs are not in the bundle although they were asked for, if so. */
  inputsLeftOut: string | null
}

/** The inputs' text, or why they cannot travel as text. */
async function readTexts(
  sources: readonly ShareSource[],
  maxBytes: number,
): Promise<string[] | string> {
  const total = sources.reduce((n, s) => n + s.bytes, 0)
  if (total > maxBytes)
    return maxBytes === MAX_LINK_INPUT_BYTES
      ? `the inputs are ${(total / 1e6).toFixed(1)} MB, too large for a link`
      : `the inputs are ${(total / 1e6).toFixed(1)} MB, more than the ${(maxBytes / 1e6).toFixed(0)} MB this page redacts`
  const texts: string[] = []
  for (const s of sources) {
    if (!s.blob) return `${s.name} is no longer in memory; open it again`
    try {
      texts.push(
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
          await s.blob.arrayBuffer(),
        ),
      )
    } catch {
      return `${s.name} is not text (compressed or binary), so it cannot be redacted`
    }
  }
  return texts
}

export async function prepareShare(options: {
  state: PostmortemState
  sources: readonly ShareSource[]
  view: DebriefBundle['view']
  includeInputs: boolean
  settings: RedactionSettings
  now: number
  run?: RedactionRunner
  /** The most input bytes redacted and carried (a link's limit unless said otherwise). */
  maxInputBytes?: number
}): Promise<PreparedShare> {
  const { state, sources, view, settings, run = runInWorker } = options
  const stateTexts = collectPostmortemTexts(state)
  let inputTexts: string[] = []
  let inputsLeftOut: string | null = null
  if (options.includeInputs) {
    const read = await readTexts(sources, options.maxInputBytes ?? MAX_LINK_INPUT_BYTES)
    if (typeof read === 'string') inputsLeftOut = read
    else inputTexts = read
  }
  const texts = [...stateTexts, view.search, ...inputTexts]
  const result = await run({ settings, texts, previewFor: texts.map(() => true) })
  const redactedState = replacePostmortemTexts(state, result.texts.slice(0, stateTexts.length))
  const search = result.texts[stateTexts.length]
  const redactedInputs = result.texts.slice(stateTexts.length + 1)

  const renamed = new Map<string, string>()
  const inputs: BundleInput[] = sources.map((s, i) => {
    if (i >= redactedInputs.length)
      return { name: s.name, bytes: s.bytes, fingerprint: s.fingerprint }
    const bytes = new TextEncoder().encode(redactedInputs[i])
    const fingerprint = computeFingerprint(bytes)
    if (fingerprint !== s.fingerprint) renamed.set(s.fingerprint, fingerprint)
    return {
      name: s.name,
      bytes: bytes.length,
      fingerprint,
      content: { encoding: 'utf8', data: redactedInputs[i] },
    }
  })

  const preview: PreviewText[] = []
  const labels = previewLabels(state)
  texts.forEach((text, i) => {
    const matches = result.matches[i]
    if (!matches?.length) return
    const label =
      i < stateTexts.length
        ? labels[i]
        : i === stateTexts.length
          ? 'Search box'
          : `Input: ${sources[i - stateTexts.length - 1].name}`
    preview.push({ label, text, matches })
  })
  return {
    bundle: createBundle(
      renameSources(redactedState, renamed),
      inputs,
      { ...view, search },
      options.now,
    ),
    counts: result.counts,
    preview,
    inputsLeftOut,
  }
}

/** A label for each text of `collectPostmortemTexts`, in the same order. */
function previewLabels(state: PostmortemState): string[] {
  const labels: string[] = []
  let where = ''
  const tag = (s: string) => (labels.push(where), s)
  // Same traversal, with the place named before each field is visited.
  const { doc } = state
  where = 'Title'
  tag(doc.title)
  where = 'Owner'
  tag(doc.owner)
  where = 'Services'
  tag(doc.services)
  for (const s of doc.sections) {
    where = `Section “${s.title}” (title)`
    tag(s.title)
    where = `Section “${s.title}”`
    tag(s.body)
  }
  const size = (part: Partial<PostmortemState>) =>
    collectPostmortemTexts({ ...state, pins: [], notes: [], markers: [], ...part }).length
  const withPins = size({ pins: state.pins })
  const withNotes = withPins + size({ notes: state.notes }) - labels.length
  const all = collectPostmortemTexts(state).length
  while (labels.length < withPins) labels.push('Pins and the evidence copied into them')
  while (labels.length < withNotes) labels.push('Notes')
  while (labels.length < all) labels.push('Timeline markers')
  return labels
}
