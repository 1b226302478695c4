/**
 * Opening what a link carries: a share link (`#share=`), an input from a URL (`#url=`), and
 * the inputs a shared postmortem asks for. Every failure lands in `shareError` with what went
 * wrong; nothing falls back silently.
 */
import { BUNDLE_EXTENSION, type DebriefBundle } from '../model/notes/bundle'
import { SHARE_PARAM } from '../model/share/share-link'
import { openBundle } from '../worker/bundle-client'
import { dropOneShotKeys } from './deep-link-sync'
import { loadFiles } from './load'
import { applyBundleToNextLoad } from './persistence/restore'
import { useIncidentStore } from './store'
import { fetchInput, parseInputUrl } from './url-input'
import { formatBytes } from '../lib/format-bytes'
import { computeBlobFingerprint } from '../lib/fingerprint'

/** Opens a bundle through the same path as a dropped `.debrief` file. */
function loadBundle(bundle: DebriefBundle): Promise<void> {
  const name = `shared-link${BUNDLE_EXTENSION}`
  return loadFiles([
    { name, blob: new Blob([JSON.stringify(bundle)], { type: 'application/json' }) },
  ])
}

/** False once the user cancelled opening the link (or dropped a file meanwhile). */
function stillOpening(): boolean {
  const { status } = useIncidentStore.getState()
  return status.type === 'loading' && status.names[0] === SHARED_LINK
}
const SHARED_LINK = 'the shared link'

/** Reads the fragment once at start-up: a share link, or a URL to load after confirmation. */
export async function openFromFragment(hash: string): Promise<void> {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const share = params.get(SHARE_PARAM)
  const url = params.get('url')
  const store = useIncidentStore.getState()
  dropOneShotKeys()
  if (share !== null) {
    // Decoded in a worker: the page stays usable while a large or crafted link is read.
    useIncidentStore.setState({
      status: { type: 'loading', names: [SHARED_LINK], bytesRead: 0, bytesTotal: 0 },
    })
    let bundle: DebriefBundle
    try {
      bundle = await openBundle({ type: 'link', value: share })
    } catch (error) {
      if (!stillOpening()) return
      const { incident } = useIncidentStore.getState()
      useIncidentStore.setState({
        status: incident ? { type: 'done', parseMs: 0 } : { type: 'idle' },
        shareError: error instanceof Error ? error.message : String(error),
      })
      return
    }
    if (!stillOpening()) return
    const complete = bundle.inputs.length > 0 && bundle.inputs.every((i) => i.content)
    if (complete) void loadBundle(bundle)
    else {
      const { incident } = useIncidentStore.getState()
      useIncidentStore.setState({
        status: incident ? { type: 'done', parseMs: 0 } : { type: 'idle' },
      })
      store.setSharedWaiting(bundle)
    }
  } else if (url !== null) {
    const parsed = parseInputUrl(url)
    if ('error' in parsed) store.setShareError(`The link asks to load ${url}. ${parsed.error}`)
    else store.setUrlPending(parsed.href)
  }
}

let controller: AbortController | null = null

/** Fetches a URL the user allowed, then parses it like a dropped file. */
export async function loadFromUrl(href: string): Promise<void> {
  const store = useIncidentStore.getState()
  store.setUrlPending(null)
  store.setShareError(null)
  const url = parseInputUrl(href)
  if ('error' in url) {
    store.setShareError(url.error)
    return
  }
  controller?.abort()
  controller = new AbortController()
  useIncidentStore.setState({
    status: { type: 'loading', names: [url.host], bytesRead: 0, bytesTotal: 0 },
  })
  try {
    const file = await fetchInput(url, { signal: controller.signal })
    await loadFiles([file])
  } catch (error) {
    const { incident } = useIncidentStore.getState()
    useIncidentStore.setState({
      status: incident ? { type: 'done', parseMs: 0 } : { type: 'idle' },
      shareError: error instanceof Error ? error.message : String(error),
    })
  }
}

/**
 * The inputs for a shared postmortem that came without them: each file must be the one the
 * link names (same fingerprint). A mismatch is reported and nothing is opened.
 */
export async function openSharedInputs(bundle: DebriefBundle, files: readonly File[]) {
  const store = useIncidentStore.getState()
  const byPrint = new Map<string, File>()
  const wrong: string[] = []
  for (const f of files) {
    const print = await computeBlobFingerprint(f)
    if (bundle.inputs.some((i) => i.fingerprint === print)) byPrint.set(print, f)
    else wrong.push(`${f.name} (${formatBytes(f.size)}, fingerprint ${print})`)
  }
  const missing = bundle.inputs.filter((i) => !byPrint.has(i.fingerprint))
  if (wrong.length || missing.length) {
    const expected = missing
      .map((i) => `${i.name} (${formatBytes(i.bytes)}, fingerprint ${i.fingerprint})`)
      .join(', ')
    store.setShareError(
      [
        wrong.length
          ? `${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not the file this postmortem was written from.`
          : '',
        expected ? `It needs ${expected}.` : '',
        wrong.length
          ? 'A re-downloaded, edited or re-compressed copy differs; ask for the exact file.'
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    return
  }
  store.setShareError(null)
  store.setSharedWaiting(null)
  applyBundleToNextLoad(bundle, SHARED_LINK)
  await loadFiles(bundle.inputs.map((i) => ({ name: i.name, blob: byPrint.get(i.fingerprint)! })))
}
