/**
 * After a load: brings back the postmortem saved for these inputs (or the one in a dropped
 * `.debrief` bundle), keeps small inputs for the recent incidents list, and starts autosave.
 */
import {
  BundleError,
  looksLikeBundle,
  parseBundle,
  type DebriefBundle,
} from '../../model/notes/bundle'
import { createPostmortemState } from '../../model/notes/document'
import { computeIncidentKey } from '../../model/notes/key'
import type { Incident } from '../../model/types'
import type { ViewId } from '../slices/view'
import { useIncidentStore } from '../store'
import { saveNow, setBaseRevision, startAutosave } from './autosave'
import { loadPostmortem, savePostmortem, saveInputs } from './postmortem-db'

/** A bundle opened with its inputs, applied once they are parsed. */
let pending: DebriefBundle | null = null

type InputFile = { name: string; blob: Blob }

function fromContent(content: NonNullable<DebriefBundle['inputs'][number]['content']>): Blob {
  if (content.encoding === 'utf8') return new Blob([content.data], { type: 'text/plain' })
  const bytes = Uint8Array.from(atob(content.data), (c) => c.charCodeAt(0))
  return new Blob([bytes])
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
      bundle = parseBundle(await file.blob.text())
    } catch (error) {
      const message = error instanceof BundleError ? error.message : String(error)
      useIncidentStore.setState({ status: { type: 'error', message: `${file.name}: ${message}` } })
      return null
    }
    const contents = bundle.inputs.filter((i) => i.content)
    if (contents.length === bundle.inputs.length && contents.length > 0) {
      pending = bundle
      for (const i of bundle.inputs) rest.push({ name: i.name, blob: fromContent(i.content!) })
    } else {
      // No inputs inside: keep the postmortem for when they are opened.
      const key = computeIncidentKey(bundle.inputs)
      try {
        const existing = await loadPostmortem(key).catch(() => undefined)
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

function defaultTitle(incident: Incident): string {
  const crash = incident.crashes[0]
  if (crash) return crash.message.slice(0, 80)
  return incident.sources.map((s) => s.name).join(', ')
}

/** Call after a load put `incident` in the store; `files` are the inputs it was parsed from. */
export async function restorePostmortem(incident: Incident, files: InputFile[]): Promise<void> {
  startAutosave()
  const store = useIncidentStore
  const previous = store.getState()
  if (previous.postmortemDirty) await saveNow()
  const key = computeIncidentKey(incident.sources)
  const bundle = pending
  pending = null
  store.setState({
    postmortem: null,
    postmortemKey: null,
    saveStatus: { type: 'idle' },
    notice: null,
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
  if (bundle) {
    setBaseRevision(key, existing?.revision ?? 0)
    store.getState().restorePostmortem(key, bundle.state)
    store.setState({
      postmortemDirty: true,
      activeView: (['stacks', 'flame', 'timeline'] as ViewId[]).includes(
        bundle.view.activeView as ViewId,
      )
        ? (bundle.view.activeView as ViewId)
        : 'stacks',
      groupMode: bundle.view.groupMode,
      search: bundle.view.search,
    })
    // Overwrites only with the team's consent: an older local copy shows as a conflict.
    await saveNow(!existing)
  } else if (existing) {
    setBaseRevision(key, existing.revision)
    store.getState().restorePostmortem(key, existing.state)
    store.setState({ saveStatus: { type: 'saved', at: existing.updatedAt } })
  } else {
    setBaseRevision(key, 0)
    store.getState().restorePostmortem(key, createPostmortemState(defaultTitle(incident)))
    store.setState({ postmortemDirty: true })
    await saveNow()
  }
  if (!existing?.hasInputs) await saveInputs(key, files).catch(() => false)
}
