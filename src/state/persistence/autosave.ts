/**
 * Saves the postmortem after every change (debounced, well within a second) and at once when
 * the tab is hidden or closed, tells other tabs on the same incident through a
 * BroadcastChannel, and merges what two tabs changed by section. Only a part both changed
 * differently becomes a visible choice; nothing is overwritten silently. A failed save is
 * shown in the pane and retried on the next edit.
 */
import { mergePostmortems, samePostmortem } from '../../model/notes/merge-postmortem'
import type { PostmortemState } from '../../model/notes/types'
import { useIncidentStore } from '../store'
import { clearDraft, writeDraft } from './draft'
import { loadPostmortem, savePostmortem, type StoredPostmortem } from './postmortem-db'

/** Quiet time after the last keystroke before saving. */
export const SAVE_DELAY_MS = 400

const tabId = globalThis.crypto?.randomUUID?.() ?? `tab-${Math.random().toString(36).slice(2)}`
/** The revision this tab last loaded or wrote, per incident key, and its content (the merge base). */
let base: { key: string; revision: number; state: PostmortemState | null } = {
  key: '',
  revision: 0,
  state: null,
}
/** While a conflict is shown: the base both sides started from, and what the other side saved. */
let pending: { base: PostmortemState | null; theirs: StoredPostmortem } | null = null
let timer: ReturnType<typeof setTimeout> | undefined
let started = false
const channel =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('debrief-postmortems')

type SavedMessage = {
  type: 'saved'
  key: string
  revision: number
  writer: string
  /** Set by "Keep mine": whose version of which parts it replaced, so that tab is told. */
  replaced?: { writer: string; parts: string[] }
}

/** Records the revision (and its content) a restored postmortem came from. */
export function setBaseRevision(key: string, revision: number, state: PostmortemState | null) {
  base = { key, revision, state }
  pending = null
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return /quota/i.test(message)
    ? `The browser's storage is full (${message}). Export the postmortem now so nothing is lost.`
    : `Could not save to this browser's storage: ${message}. Export the postmortem to keep it.`
}

/**
 * Merges the other side's saved version into what is on screen. A clean merge is applied (and
 * saved next); otherwise the conflict is shown with the parts both changed.
 */
function mergeTheirs(theirs: StoredPostmortem): void {
  const s = useIncidentStore.getState()
  const mine = s.postmortem
  if (!mine) return
  const from = base.key === theirs.key ? base.state : null
  const { merged, conflicts } = from
    ? mergePostmortems(from, mine, theirs.state)
    : samePostmortem(mine, theirs.state)
      ? { merged: mine, conflicts: [] }
      : { merged: mine, conflicts: ['the whole postmortem'] }
  if (conflicts.length === 0) {
    base = { key: theirs.key, revision: theirs.revision, state: theirs.state }
    useIncidentStore.setState({
      postmortem: merged,
      postmortemDirty: !samePostmortem(merged, theirs.state),
      paneNotice: samePostmortem(merged, mine)
        ? s.paneNotice
        : 'Another tab changed other parts of this postmortem at the same time; both changes are kept.',
    })
    if (!samePostmortem(merged, theirs.state)) schedule()
    else useIncidentStore.setState({ saveStatus: { type: 'saved', at: theirs.updatedAt } })
    return
  }
  pending = { base: from, theirs }
  useIncidentStore.setState({
    saveStatus: { type: 'conflict', theirs: theirs.state, at: theirs.updatedAt, conflicts },
  })
}

/** Saves now. `force` overwrites what another tab saved (used by "Keep mine" and restores). */
export async function saveNow(force = false, replaced?: SavedMessage['replaced']): Promise<void> {
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
      base = { key, revision: result.record.revision, state: postmortem }
      pending = null
      const now = useIncidentStore.getState()
      useIncidentStore.setState({
        saveStatus: { type: 'saved', at: result.record.updatedAt },
        // Edits made while saving stay dirty and are saved next.
        postmortemDirty: now.postmortem !== postmortem,
      })
      if (now.postmortem !== postmortem) schedule()
      else clearDraft(key)
      channel?.postMessage({
        type: 'saved',
        key,
        revision: result.record.revision,
        writer: tabId,
        ...(replaced ? { replaced } : {}),
      } satisfies SavedMessage)
    } else {
      mergeTheirs(result.theirs)
    }
  } catch (error) {
    useIncidentStore.setState({ saveStatus: { type: 'error', message: describe(error) } })
  }
}

function schedule(): void {
  clearTimeout(timer)
  timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS)
}

/**
 * "Keep mine": saves what is on screen, with the other side's changes to the parts only they
 * changed merged in, and tells the other tab which of its parts were replaced.
 */
export function keepMine(): Promise<void> {
  const s = useIncidentStore.getState()
  if (!pending || !s.postmortem || s.saveStatus.type !== 'conflict') return saveNow(true)
  const { theirs } = pending
  const merged = pending.base
    ? mergePostmortems(pending.base, s.postmortem, theirs.state).merged
    : s.postmortem
  const replaced = { writer: theirs.writer, parts: s.saveStatus.conflicts }
  base = { key: theirs.key, revision: theirs.revision, state: theirs.state }
  pending = null
  useIncidentStore.setState({ postmortem: merged, postmortemDirty: true })
  return saveNow(true, replaced)
}

/** Takes the other tab's version (the team chose "Load theirs"). */
export function takeTheirs(theirs: PostmortemState): void {
  const { postmortemKey } = useIncidentStore.getState()
  if (!postmortemKey) return
  if (pending) base = { key: postmortemKey, revision: pending.theirs.revision, state: theirs }
  pending = null
  clearDraft(postmortemKey)
  useIncidentStore.getState().restorePostmortem(postmortemKey, theirs)
  useIncidentStore.setState({ saveStatus: { type: 'saved', at: Date.now() } })
}

/**
 * Replaces the postmortem on screen with another version (an import the team accepted, a kept
 * revision) and saves it at once; the version it replaces goes into the history.
 */
export function replaceWith(state: PostmortemState): Promise<void> {
  const s = useIncidentStore.getState()
  if (!s.postmortemKey) return Promise.resolve()
  pending = null
  useIncidentStore.setState({
    postmortem: state,
    postmortemDirty: true,
    saveStatus: { type: 'saving' },
  })
  return saveNow(true)
}

/** Writes unsaved edits synchronously (the tab may be gone before IndexedDB commits). */
function flush(): void {
  const s = useIncidentStore.getState()
  if (!s.postmortem || !s.postmortemKey) return
  if (!s.postmortemDirty && timer === undefined && s.saveStatus.type !== 'conflict') return
  writeDraft({
    key: s.postmortemKey,
    baseRevision: base.key === s.postmortemKey ? base.revision : 0,
    at: Date.now(),
    state: s.postmortem,
  })
  if (s.saveStatus.type !== 'conflict') void saveNow()
}

/** Starts watching the store; idempotent. */
export function startAutosave(): void {
  if (started) return
  started = true
  useIncidentStore.subscribe((s, prev) => {
    if (s.postmortem !== prev.postmortem && s.postmortemDirty) schedule()
  })
  // A closing or hidden tab saves at once rather than after the delay.
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
        const now = useIncidentStore.getState()
        if (now.postmortemDirty || timer !== undefined || now.saveStatus.type === 'conflict') {
          // Both tabs changed it: merge by section, or show the choice now.
          mergeTheirs(theirs)
          return
        }
        // Only the other tab changed it: follow along, and say so if it replaced our parts.
        base = { key: msg.key, revision: theirs.revision, state: theirs.state }
        now.restorePostmortem(msg.key, theirs.state)
        useIncidentStore.setState({
          saveStatus: { type: 'saved', at: theirs.updatedAt },
          ...(msg.replaced?.writer === tabId
            ? {
                paneNotice: `Another tab kept its own version of ${msg.replaced.parts.join(', ')}; the version this tab had saved is in History.`,
              }
            : {}),
        })
      })
    }
  }
}
