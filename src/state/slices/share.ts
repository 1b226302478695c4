import type { StateCreator } from 'zustand'
import type { DebriefBundle } from '../../model/notes/bundle'
import type { Store } from '../store'

export type ShareSlice = {
  /** The share dialog (redaction preview, link, shared bundle) is open. */
  shareOpen: boolean
  /** A postmortem from a share link that came without its inputs: shown read-only until they are opened. */
  sharedWaiting: DebriefBundle | null
  /** Why a share link, a `#url=` or a file for a shared postmortem could not be used. */
  shareError: string | null
  /** A `#url=` input waiting for the user to allow the request. */
  urlPending: string | null
  setShareOpen(open: boolean): void
  setSharedWaiting(bundle: DebriefBundle | null): void
  setShareError(message: string | null): void
  setUrlPending(url: string | null): void
}

export const createShareSlice: StateCreator<Store, [], [], ShareSlice> = (set) => ({
  shareOpen: false,
  sharedWaiting: null,
  shareError: null,
  urlPending: null,
  setShareOpen: (shareOpen) => set({ shareOpen }),
  setSharedWaiting: (sharedWaiting) => set({ sharedWaiting }),
  setShareError: (shareError) => set({ shareError }),
  setUrlPending: (urlPending) => set({ urlPending }),
})
