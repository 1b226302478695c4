/**
 * Saves the postmortem after every change (debounced, well within a second), tells other tabs
 * on the same incident through a BroadcastChannel, and turns a lost race into a visible choice
 * instead of a silent overwrite. A failed save is shown in the pane and retried on the next edit.
 */
import type { PostmortemState } from '../../model/notes/types'
import { useIncidentStore } from '../store'
import { loadPostmortem, savePostmortem } from './postmortem-db'

/** Quiet time after the last keystroke before saving. */
export const SAVE_DELAY_MS = 400

const tabId = globalThis.crypto?.randomUUID?.() ?? `tab-${Math.random().toString(36).slice(2)}`
/** The revision this tab last loaded or wrote, per incident key. */
let base = { key: '', revision: 0 }
let timer: ReturnType<typeof setTimeout> | undefined
let started = false
const channel =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('debrief-postmortems')

type SavedMessage = { type: 'saved'; key: string; revision: number; writer: string }

/** Records the revision a restored postmortem came from. */
export function setBaseRevision(key: string, revision: number): void {
  base = { key, revision }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return /quota/i.test(message)
    ? `The browser's storage is full (${message}). Export the postmortem now so nothing is lost.`
    : `Could not save to this browser's storage: ${message}. Export the postmortem to keep it.`
}

/** Saves now. `force` overwrites what another tab saved (the team chose "Keep mine"). */
export async function saveNow(force = false): Promise<void> {
  clearTimeout(timer)
  timer = undefined
  const s = useIncidentStore.getState()
  const { postmortem, postmortemKey: key, incident } = s
  if (!postmortem || !key) return
  if (s.saveStatus.type === 'conflict' && !force) return
  useIncidentStore.setState({ saveStatus: { type: 'saving' } })
  try {
    const result = await savePostmortem(
      {
        key,
        names: incident?.sources.map((src) => src.name) ?? [],
        title: postmortem.doc.title,
        updatedAt: Date.now(),
        writer: tabId,
        state: postmortem,
      },
      base.key === key ? base.revision : 0,
      force,
    )
    if (useIncidentStore.getState().postmortemKey !== key) return
    if (result.type === 'saved') {
      base = { key, revision: result.record.revision }
      const now = useIncidentStore.getState()
      useIncidentStore.setState({
        saveStatus: { type: 'saved', at: result.record.updatedAt },
        // Edits made while saving stay dirty and are saved next.
        postmortemDirty: now.postmortem !== postmortem,
      })
      if (now.postmortem !== postmortem) schedule()
      channel?.postMessage({
        type: 'saved',
        key,
        revision: result.record.revision,
        writer: tabId,
      } satisfies SavedMessage)
    } else {
      base = { key, revision: result.theirs.revision }
      useIncidentStore.setState({
        saveStatus: { type: 'conflict', theirs: result.theirs.state, at: result.theirs.updatedAt },
      })
    }
  } catch (error) {
    useIncidentStore.setState({ saveStatus: { type: 'error', message: describe(error) } })
  }
}

function schedule(): void {
  clearTimeout(timer)
  timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS)
}

/** Takes the other tab's version (the team chose "Load theirs"). */
export function takeTheirs(theirs: PostmortemState): void {
  const { postmortemKey } = useIncidentStore.getState()
  if (!postmortemKey) return
  useIncidentStore.getState().restorePostmortem(postmortemKey, theirs)
  useIncidentStore.setState({ saveStatus: { type: 'saved', at: Date.now() } })
}

/** Starts watching the store; idempotent. */
export function startAutosave(): void {
  if (started) return
  started = true
  useIncidentStore.subscribe((s, prev) => {
    if (s.postmortem !== prev.postmortem && s.postmortemDirty) schedule()
  })
  // A closing or hidden tab saves at once rather than after the delay.
  const flush = () => {
    if (timer !== undefined) void saveNow()
  }
  globalThis.addEventListener?.('pagehide', flush)
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush()
  })
  if (channel) {
    channel.onmessage = (event: MessageEvent<SavedMessage>) => {
      const msg = event.data
      const s = useIncidentStore.getState()
      if (msg?.type !== 'saved' || msg.key !== s.postmortemKey || msg.writer === tabId) return
      if (base.key === msg.key && msg.revision <= base.revision) return
      void loadPostmortem(msg.key).then((theirs) => {
        if (!theirs || useIncidentStore.getState().postmortemKey !== msg.key) return
        if (useIncidentStore.getState().postmortemDirty || timer !== undefined) {
          // Both tabs changed it: show the choice now instead of on our next save.
          base = { key: msg.key, revision: theirs.revision }
          useIncidentStore.setState({
            saveStatus: { type: 'conflict', theirs: theirs.state, at: theirs.updatedAt },
          })
        } else {
          // Only the other tab changed it: follow along.
          base = { key: msg.key, revision: theirs.revision }
          useIncidentStore.getState().restorePostmortem(msg.key, theirs.state)
          useIncidentStore.setState({ saveStatus: { type: 'saved', at: theirs.updatedAt } })
        }
      })
    }
  }
}
