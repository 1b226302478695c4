/**
 * The last unsaved edit, written synchronously to localStorage when the tab is hidden or
 * closed. An IndexedDB save started in `pagehide` may never commit (the page is gone first),
 * so an edit typed just before closing would be lost; the draft is read back on the next
 * restore and used if nothing was saved after the revision it was typed on.
 */
import { validatePostmortemState } from '../../model/notes/bundle'
import type { PostmortemState } from '../../model/notes/types'

export type Draft = {
  key: string
  /** The stored revision the edit was made on. */
  baseRevision: number
  at: number
  state: PostmortemState
}

const PREFIX = 'debrief-draft:'

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Storage can be disabled (privacy settings); drafts are then a no-op.
    return null
  }
}

export function writeDraft(draft: Draft): void {
  try {
    storage()?.setItem(PREFIX + draft.key, JSON.stringify(draft))
  } catch {
    // Full or disabled: the IndexedDB save started beside it is the remaining chance.
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(PREFIX + key)
  } catch {
    // Nothing to clear.
  }
}

/** The draft for `key`, if one is there and still valid. */
export function readDraft(key: string): Draft | null {
  try {
    const text = storage()?.getItem(PREFIX + key)
    if (!text) return null
    const d = JSON.parse(text) as Draft
    if (d.key !== key || typeof d.baseRevision !== 'number' || typeof d.at !== 'number') return null
    return { ...d, state: validatePostmortemState(d.state, 'draft') }
  } catch {
    clearDraft(key)
    return null
  }
}
