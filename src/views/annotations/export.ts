/** Exports: Markdown, the HTML report and `.debrief` bundles, as downloads. */
import { defaultGroupMode } from '../../model/group'
import { createBundle, BUNDLE_EXTENSION, type BundleInput } from '../../model/notes/bundle'
import { computeMarkdown } from '../../model/notes/markdown'
import type { ResolvedPin } from '../../model/notes/pins'
import type { Pin, PostmortemState } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { getGroups } from '../../state/selectors'
import { getSourceBlob } from '../../state/source-blobs'
import { buildReportHtml } from '../report/report'

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

export function exportMarkdown(state: PostmortemState, resolve: (pin: Pin) => ResolvedPin): void {
  const md = computeMarkdown(state, resolve)
  download(`${fileStem(state)}.md`, new Blob([md], { type: 'text/markdown;charset=utf-8' }))
}

export function exportHtml(
  state: PostmortemState,
  incident: Incident | null,
  resolve: (pin: Pin) => ResolvedPin,
): void {
  const groups = incident ? getGroups(incident, defaultGroupMode) : []
  const html = buildReportHtml(state, incident, groups, resolve)
  download(`${fileStem(state)}.html`, new Blob([html], { type: 'text/html;charset=utf-8' }))
}

async function encode(blob: Blob): Promise<BundleInput['content']> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  try {
    return { encoding: 'utf8', data: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
  } catch {
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return { encoding: 'base64', data: btoa(binary) }
  }
}

export async function exportBundle(
  state: PostmortemState,
  incident: Incident,
  view: { activeView: string; groupMode: typeof defaultGroupMode; search: string },
  withInputs: boolean,
): Promise<void> {
  const inputs: BundleInput[] = []
  for (let i = 0; i < incident.sources.length; i++) {
    const s = incident.sources[i]
    const blob = withInputs ? getSourceBlob(i) : undefined
    inputs.push({
      name: s.name,
      bytes: s.bytes,
      fingerprint: s.fingerprint,
      ...(blob ? { content: await encode(blob) } : {}),
    })
  }
  const bundle = createBundle(state, inputs, view, Date.now())
  download(
    `${fileStem(state)}${BUNDLE_EXTENSION}`,
    new Blob([JSON.stringify(bundle, null, 1)], { type: 'application/json' }),
  )
}
