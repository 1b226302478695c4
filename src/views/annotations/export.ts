/**
 * Exports: Markdown, the HTML report and `.debrief` bundles, as downloads. Unless the team
 * turns it off, each is redacted with the built-in patterns (tokens, keys, emails, IP
 * addresses …), as a share link is: an exported file leaves the page too. The text is
 * redacted before it is rendered (a quoted secret is `&quot;`-escaped in finished HTML, where
 * no pattern sees it), and the finished file once more with the same placeholders.
 */
import { encodeContent } from '../../lib/encoding'
import { defaultGroupMode, type GroupMode } from '../../model/group'
import {
  createBundle,
  BUNDLE_EXTENSION,
  type BundleInput,
  type DebriefBundle,
} from '../../model/notes/bundle'
import { computeMarkdown } from '../../model/notes/markdown'
import type { ResolvedPin } from '../../model/notes/pins'
import type { Pin, PostmortemState } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { getGroupList } from '../../state/selectors'
import { getSourceBlob } from '../../state/source-blobs'
import { buildReportHtml, getReportGroups } from '../report/report'
import { prepareShare } from '../share/build-share'
import { Redactor } from '../../model/redact/redact'
import {
  compileSettings,
  defaultRedactionSettings,
  redactResolvedPin,
  mapPostmortemTexts,
} from '../share/redact-share'

/** Inputs up to this size are redacted into a bundle; larger ones need redaction turned off. */
const EXPORT_REDACT_MAX_BYTES = 32_000_000

/** What an export did, for the line under the menu. */
export type ExportOutcome = { file: string; redacted: Record<string, number> | null }

/**
 * The postmortem and its evidence cards with every text redacted, and the function that
 * redacts any other text the same way. Built-in patterns only: they are proven linear, so
 * this runs here; a user's own patterns run in a worker (see redaction-client.ts).
 */
export function redactForExport(state: PostmortemState, resolve: (pin: Pin) => ResolvedPin) {
  const redactor = new Redactor(compileSettings(defaultRedactionSettings()).patterns)
  const text = (s: string) => redactor.redact(s)
  const original = new Map(state.pins.map((p) => [p.id, p]))
  return {
    state: mapPostmortemTexts(state, text),
    // Evidence is found with the pin as written, then its card is redacted.
    resolve: (pin: Pin) => redactResolvedPin(resolve(original.get(pin.id) ?? pin), text),
    text,
    counts: () => ({ ...redactor.counts }),
  }
}

/** The Markdown export's text. */
export function buildMarkdownExport(
  state: PostmortemState,
  resolve: (pin: Pin) => ResolvedPin,
  redact: boolean,
): { text: string; counts: Record<string, number> | null } {
  if (!redact) return { text: computeMarkdown(state, resolve), counts: null }
  const r = redactForExport(state, resolve)
  const text = r.text(computeMarkdown(r.state, r.resolve))
  return { text, counts: r.counts() }
}

/**
 * The HTML report's text (needs a DOM for the Markdown sanitiser). Its largest groups are
 * those of `incident` (the snapshot the Stacks table shows) in the table's grouping `mode`.
 */
export function buildHtmlExport(
  state: PostmortemState,
  incident: Incident | null,
  resolve: (pin: Pin) => ResolvedPin,
  redact: boolean,
  mode: GroupMode = defaultGroupMode,
): { text: string; counts: Record<string, number> | null } {
  const groups = incident ? getReportGroups(incident, getGroupList(incident, mode), mode) : null
  if (!redact) return { text: buildReportHtml(state, incident, groups, resolve), counts: null }
  const r = redactForExport(state, resolve)
  // Placeholders (`[email-1]`) hold no markup, so the final pass leaves the HTML whole.
  const text = r.text(buildReportHtml(r.state, incident, groups, r.resolve, r.text))
  return { text, counts: r.counts() }
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file name from the title: `dns-lookups-pile-up`. */
export function fileStem(state: PostmortemState): string {
  const stem = state.doc.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return stem || 'postmortem'
}

export async function exportMarkdown(
  state: PostmortemState,
  resolve: (pin: Pin) => ResolvedPin,
  redact: boolean,
): Promise<ExportOutcome> {
  const out = buildMarkdownExport(state, resolve, redact)
  const file = `${fileStem(state)}.md`
  download(file, new Blob([out.text], { type: 'text/markdown;charset=utf-8' }))
  return { file, redacted: out.counts }
}

export async function exportHtml(
  state: PostmortemState,
  incident: Incident | null,
  resolve: (pin: Pin) => ResolvedPin,
  redact: boolean,
  mode: GroupMode,
): Promise<ExportOutcome> {
  const out = buildHtmlExport(state, incident, resolve, redact, mode)
  const file = `${fileStem(state)}.html`
  download(file, new Blob([out.text], { type: 'text/html;charset=utf-8' }))
  return { file, redacted: out.counts }
}

export async function exportBundle(
  state: PostmortemState,
  incident: Incident,
  view: { activeView: string; groupMode: typeof defaultGroupMode; search: string },
  withInputs: boolean,
  redact: boolean,
): Promise<ExportOutcome> {
  const file = `${fileStem(state)}${BUNDLE_EXTENSION}`
  if (redact) {
    const prepared = await prepareShare({
      state,
      sources: incident.sources.map((s, i) => ({ ...s, blob: getSourceBlob(i) })),
      view,
      includeInputs: withInputs,
      settings: defaultRedactionSettings(),
      now: Date.now(),
      maxInputBytes: EXPORT_REDACT_MAX_BYTES,
    })
    if (prepared.inputsLeftOut)
      throw new Error(
        `The inputs could not be redacted (${prepared.inputsLeftOut}). Turn "Redact secrets" off to export them as they are, or export the bundle without them.`,
      )
    download(file, bundleBlob(prepared.bundle))
    return { file, redacted: prepared.counts }
  }
  const inputs: BundleInput[] = []
  for (let i = 0; i < incident.sources.length; i++) {
    const s = incident.sources[i]
    const blob = withInputs ? getSourceBlob(i) : undefined
    inputs.push({
      name: s.name,
      bytes: s.bytes,
      fingerprint: s.fingerprint,
      ...(blob ? { content: encodeContent(new Uint8Array(await blob.arrayBuffer())) } : {}),
    })
  }
  download(file, bundleBlob(createBundle(state, inputs, view, Date.now())))
  return { file, redacted: null }
}

function bundleBlob(bundle: DebriefBundle): Blob {
  return new Blob([JSON.stringify(bundle, null, 1)], { type: 'application/json' })
}
