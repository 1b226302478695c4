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
  /** Earlier revisions, newest first (at most `KEEP_REVISIONS`); absent in older records. */
  history?: PastRevision[]
}

/** A revision kept so that a replaced or overwritten postmortem can be brought back. */
export type PastRevision = {
  revision: number
  updatedAt: number
  /** The tab that wrote it, or `import` for an opened bundle or link. */
  writer: string
  title: string
  state: PostmortemState
}

/** How many earlier revisions each incident keeps. */
export const KEEP_REVISIONS = 8
/** Saves by the same tab within this time share one kept revision (typing saves every pause). */
const REVISION_EVERY_MS = 5 * 60_000

/**
 * Whether the record being replaced goes into the history: always when another writer (a
 * tab, an import) replaces it or the save is forced, otherwise at most every few minutes.
 */
function keepsRevision(old: StoredPostmortem, writer: string, force: boolean, now: number) {
  if (force || old.writer !== writer) return true
  const last = old.history?.[0]
  return !last || now - last.updatedAt >= REVISION_EVERY_MS
}

function withHistory(old: StoredPostmortem | undefined, writer: string, force: boolean) {
  const history = old?.history ?? []
  if (!old || !keepsRevision(old, writer, force, Date.now())) return history
  const past: PastRevision = {
    revision: old.revision,
    updatedAt: old.updatedAt,
    writer: old.writer,
    title: old.title,
    state: old.state,
  }
  return [past, ...history].slice(0, KEEP_REVISIONS)
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

/** The kept revisions of one incident, newest first; a damaged one is left out. */
export async function loadHistory(key: string): Promise<PastRevision[]> {
  const record = await get<StoredPostmortem>(key, postmortemStore())
  const out: PastRevision[] = []
  for (const past of record?.history ?? []) {
    try {
      out.push({ ...past, state: validatePostmortemState(past.state, 'kept revision') })
    } catch {
      // A revision written by an older schema that no longer validates is not offered.
    }
  }
  return out
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
        history: withHistory(old, record.writer, force),
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
