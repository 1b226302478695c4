/**
 * After a load: brings back the postmortem saved for these inputs (or the one in a dropped
 * `.debrief` bundle) and keeps small inputs for the recent incidents list; autosave, started
 * with the page (`state/start-up.ts`), stores what changes after.
 */
import { decodeContent, type EncodedContent } from '../../lib/encoding'
import { foldCrashReports } from '../../model/crash-reports'
import { looksLikeBundle, type DebriefBundle } from '../../model/notes/bundle'
import { createPostmortemState, titleFromMessage } from '../../model/notes/document'
import { computeIncidentKey } from '../../model/notes/key'
import { samePostmortem } from '../../model/notes/merge-postmortem'
import type { PostmortemState } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { openBundle } from '../../worker/bundle-client'
import type { ViewId } from '../slices/view'
import { getShownIncident } from '../selectors'
import { useIncidentStore } from '../store'
import { saveNow, setBaseRevision } from './autosave'
import { clearDraft, readDraft } from './draft'
import { loadPostmortem, savePostmortem, saveInputs, type StoredPostmortem } from './postmortem-db'

/** A bundle opened with its inputs, applied once they are parsed. */
let pending: { bundle: DebriefBundle; from: string } | null = null
/** Bundles opened without their inputs whose postmortem is older than the one saved here. */
const waiting = new Map<string, { bundle: DebriefBundle; from: string }>()

/** Whether importing `bundle` over `existing` needs the team's choice first. */
function importWouldReplaceNewer(existing: StoredPostmortem | undefined, bundle: DebriefBundle) {
  return (
    !!existing &&
    existing.updatedAt > bundle.savedAt &&
    !samePostmortem(existing.state, bundle.state)
  )
}

function fromName(name: string): string {
  return name.startsWith('shared-link') ? 'the shared link' : name
}

type InputFile = { name: string; blob: Blob }

function fromContent(content: EncodedContent): Blob {
  const data = decodeContent(content)
  return typeof data === 'string'
    ? new Blob([data], { type: 'text/plain' })
    : new Blob([new Uint8Array(data)])
}

/**
 * Takes `.debrief` bundles out of dropped files. A bundle with inputs returns them to parse
 * (its state is applied after the parse); one without inputs is saved for when its inputs are
 * opened. Returns the files to parse, or null when there is nothing to parse (the store then
 * holds an error or a notice).
 */
export async function takeBundles(files: InputFile[]): Promise<InputFile[] | null> {
  const rest: InputFile[] = []
  for (const file of files) {
    const head = await file.blob.slice(0, 64).text()
    if (!looksLikeBundle(file.name, head)) {
      rest.push(file)
      continue
    }
    let bundle: DebriefBundle
    try {
      // Read in a worker, with limits: a crafted bundle froze the page for half a minute.
      bundle = await openBundle({ type: 'file', name: file.name, blob: file.blob })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      useIncidentStore.setState({ status: { type: 'error', message: `${file.name}: ${message}` } })
      return null
    }
    const contents = bundle.inputs.filter((i) => i.content)
    if (contents.length === bundle.inputs.length && contents.length > 0) {
      pending = { bundle, from: fromName(file.name) }
      for (const i of bundle.inputs) rest.push({ name: i.name, blob: fromContent(i.content!) })
    } else {
      // No inputs inside: keep the postmortem for when they are opened.
      const key = computeIncidentKey(bundle.inputs)
      const existing = await loadPostmortem(key).catch(() => undefined)
      if (importWouldReplaceNewer(existing, bundle)) {
        // Never replace newer local work without asking: ask now if it is open, else on open.
        const offer = { bundle, from: fromName(file.name) }
        if (useIncidentStore.getState().postmortemKey === key) offerImport(offer, existing!)
        else {
          waiting.set(key, offer)
          useIncidentStore.setState({
            notice: `“${bundle.state.doc.title || file.name}” is older than the postmortem saved here for ${bundle.inputs
              .map((i) => i.name)
              .join(', ')}. Open the inputs to choose which to keep.`,
          })
        }
        continue
      }
      try {
        await savePostmortem(
          {
            key,
            names: bundle.inputs.map((i) => i.name),
            title: bundle.state.doc.title,
            updatedAt: Date.now(),
            writer: 'bundle',
            state: bundle.state,
          },
          existing?.revision ?? 0,
          // The version it replaces (older than the bundle) stays in the history.
          true,
        )
      } catch (error) {
        useIncidentStore.setState({
          status: {
            type: 'error',
            message: `Could not keep the postmortem from ${file.name}: ${String(error)}`,
          },
        })
        return null
      }
      useIncidentStore.setState({
        notice: `Opened the postmortem “${bundle.state.doc.title || file.name}”. Open ${bundle.inputs
          .map((i) => i.name)
          .join(', ')} to see it beside its evidence.`,
      })
    }
  }
  return rest.length ? rest : null
}

/**
 * Applies `bundle`'s postmortem to the next load, whose inputs the caller opens itself (a
 * shared postmortem's inputs, picked by the reader): they are parsed as they are, never copied
 * into a bundle's text, which a browser cannot hold past about 512 MB.
 */
export function applyBundleToNextLoad(bundle: DebriefBundle, from: string): void {
  pending = { bundle, from }
}

/** A bundle brings its view too: tab, grouping and search. */
function applyView(bundle: DebriefBundle): void {
  useIncidentStore.setState({
    activeView: (['stacks', 'flame', 'timeline'] as ViewId[]).includes(
      bundle.view.activeView as ViewId,
    )
      ? (bundle.view.activeView as ViewId)
      : 'stacks',
    groupMode: bundle.view.groupMode,
    search: bundle.view.search,
  })
}

/**
 * The crash the page names first: the lead report of the snapshot shown on opening, as the
 * crash summary above the table has it (the last of two dumps, not the first; a specific
 * report rather than the generic line before it).
 */
function defaultTitle(incident: Incident): string {
  const [report] = foldCrashReports(getShownIncident(incident, null).crashes)
  if (report) return titleFromMessage(report.lead.message)
  return incident.sources.map((s) => s.name).join(', ')
}

/** Asks before an import replaces newer local work; the local version stays on screen. */
function offerImport(offer: { bundle: DebriefBundle; from: string }, existing: StoredPostmortem) {
  useIncidentStore.setState({
    importOffer: {
      state: offer.bundle.state,
      savedAt: offer.bundle.savedAt,
      localAt: existing.updatedAt,
      from: offer.from,
    },
  })
}

/** The saved version, or the unsaved draft typed on it just before the tab closed. */
function withDraft(
  key: string,
  existing: StoredPostmortem | undefined,
): { state: PostmortemState; fromDraft: boolean } | null {
  const draft = readDraft(key)
  if (draft && draft.baseRevision === (existing?.revision ?? 0))
    return {
      state: draft.state,
      fromDraft: !existing || !samePostmortem(draft.state, existing.state),
    }
  // Saved after the draft (the save did commit, or another tab wrote): the draft is stale.
  if (draft) clearDraft(key)
  return existing ? { state: existing.state, fromDraft: false } : null
}

/** Call after a load put `incident` in the store; `files` are the inputs it was parsed from. */
export async function restorePostmortem(incident: Incident, files: InputFile[]): Promise<void> {
  const store = useIncidentStore
  const previous = store.getState()
  if (previous.postmortemDirty) await saveNow()
  const key = computeIncidentKey(incident.sources)
  const opened = pending ?? waiting.get(key) ?? null
  pending = null
  waiting.delete(key)
  store.setState({
    postmortem: null,
    postmortemKey: null,
    saveStatus: { type: 'idle' },
    notice: null,
    importOffer: null,
    readOnlyBeside: null,
    paneNotice: null,
  })
  let existing
  try {
    existing = await loadPostmortem(key)
  } catch (error) {
    store.setState({
      saveStatus: { type: 'error', message: `Could not read saved postmortems: ${String(error)}` },
    })
  }
  if (store.getState().incident !== incident) return
  const local = withDraft(key, existing)
  if (opened) applyView(opened.bundle)
  if (opened && !(local && samePostmortem(local.state, opened.bundle.state))) {
    if (existing && local && importWouldReplaceNewer(existing, opened.bundle)) {
      // Newer work here: keep it on screen and ask.
      setBaseRevision(key, existing.revision, existing.state)
      store.getState().restorePostmortem(key, local.state)
      store.setState(
        local.fromDraft
          ? { postmortemDirty: true }
          : { saveStatus: { type: 'saved', at: existing.updatedAt } },
      )
      offerImport(opened, existing)
      if (local.fromDraft) await saveNow()
    } else {
      // Nothing here, or only an older version: the import replaces it (kept in History).
      setBaseRevision(key, existing?.revision ?? 0, existing?.state ?? null)
      store.getState().restorePostmortem(key, opened.bundle.state)
      store.setState({
        postmortemDirty: true,
        ...(existing
          ? {
              paneNotice: `Opened the postmortem from ${opened.from}; the older version saved here is in History.`,
            }
          : {}),
      })
      await saveNow(true)
    }
  } else if (local) {
    setBaseRevision(key, existing?.revision ?? 0, existing?.state ?? null)
    store.getState().restorePostmortem(key, local.state)
    if (local.fromDraft) {
      store.setState({ postmortemDirty: true })
      await saveNow()
    } else store.setState({ saveStatus: { type: 'saved', at: existing!.updatedAt } })
  } else {
    setBaseRevision(key, 0, null)
    store.getState().restorePostmortem(key, createPostmortemState(defaultTitle(incident)))
    store.setState({ postmortemDirty: true })
    await saveNow()
  }
  if (!existing?.hasInputs) await saveInputs(key, files).catch(() => false)
}
