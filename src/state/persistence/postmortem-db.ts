/**
 * Postmortems in IndexedDB (through idb-keyval: a few hundred bytes of code for get, update
 * and values, each one transaction), keyed by the inputs' fingerprints. Small inputs are kept
 * in a second database so a recent incident reopens with one click.
 */
import { createStore, del, get, set, update, values, type UseStore } from 'idb-keyval'
import { validatePostmortemState } from '../../model/notes/bundle'
import type { PostmortemState } from '../../model/notes/types'

/** One saved postmortem. */
export type StoredPostmortem = {
  key: string
  /** Input names, for the recent incidents list. */
  names: string[]
  title: string
  updatedAt: number
  /** Bumped on every save; a tab that saved from an older revision is told, not overwritten. */
  revision: number
  /** The tab that wrote this revision. */
  writer: string
  state: PostmortemState
  /** Whether the inputs themselves are kept (see `saveInputs`). */
  hasInputs: boolean
}

/** Inputs up to this size in total are kept with the postmortem. */
export const KEEP_INPUTS_BYTES = 32 * 1024 * 1024

let postmortems: UseStore | null = null
let inputs: UseStore | null = null
function postmortemStore(): UseStore {
  postmortems ??= createStore('debrief-postmortems', 'postmortems')
  return postmortems
}
function inputStore(): UseStore {
  inputs ??= createStore('debrief-inputs', 'inputs')
  return inputs
}

/** Reads a saved postmortem; a record that no longer validates is reported, not used. */
export async function loadPostmortem(key: string): Promise<StoredPostmortem | undefined> {
  const record = await get<StoredPostmortem>(key, postmortemStore())
  if (!record) return undefined
  return { ...record, state: validatePostmortemState(record.state, 'saved postmortem') }
}

export type SaveResult =
  { type: 'saved'; record: StoredPostmortem } | { type: 'conflict'; theirs: StoredPostmortem }

/**
 * Saves if nobody else saved since `baseRevision` (one readwrite transaction, so two tabs
 * cannot both win); otherwise returns what the other tab saved. `force` overwrites it.
 */
export async function savePostmortem(
  record: Omit<StoredPostmortem, 'revision' | 'hasInputs'>,
  baseRevision: number,
  force = false,
): Promise<SaveResult> {
  let result: SaveResult | null = null
  await update<StoredPostmortem>(
    record.key,
    (old) => {
      if (old && old.revision !== baseRevision && old.writer !== record.writer && !force) {
        result = { type: 'conflict', theirs: old }
        return old
      }
      const saved: StoredPostmortem = {
        ...record,
        revision: Math.max(old?.revision ?? 0, baseRevision) + 1,
        hasInputs: old?.hasInputs ?? false,
      }
      result = { type: 'saved', record: saved }
      return saved
    },
    postmortemStore(),
  )
  return result!
}

/** Keeps the inputs of an incident (small ones only) so it reopens from the start page. */
export async function saveInputs(
  key: string,
  files: { name: string; blob: Blob }[],
): Promise<boolean> {
  const total = files.reduce((n, f) => n + f.blob.size, 0)
  if (total > KEEP_INPUTS_BYTES) return false
  await update(key, () => files.map((f) => ({ name: f.name, blob: f.blob })), inputStore())
  const record = await get<StoredPostmortem>(key, postmortemStore())
  if (record && !record.hasInputs) await set(key, { ...record, hasInputs: true }, postmortemStore())
  return true
}

export async function loadInputs(key: string): Promise<{ name: string; blob: Blob }[] | undefined> {
  return get(key, inputStore())
}

/** Saved postmortems, most recently changed first. */
export async function listPostmortems(): Promise<StoredPostmortem[]> {
  const all = await values<StoredPostmortem>(postmortemStore())
  return all.filter((r) => r && typeof r.key === 'string').sort((a, b) => b.updatedAt - a.updatedAt)
}

export async function deletePostmortem(key: string): Promise<void> {
  await del(key, postmortemStore())
  await del(key, inputStore())
}
