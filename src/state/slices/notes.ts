import type { StateCreator } from 'zustand'
import { getGroups, getShownIncident, getViewIncident } from '../selectors'
import type { PinDestination } from '../../model/notes/pins'
import { setSourceClock } from '../../model/notes/clocks'
import { pinnedSnapshot } from '../../model/notes/pin-snapshot'
import * as pm from '../../model/notes/postmortem'
import type { Caret } from '../../model/notes/postmortem'
import type {
  MarkerKind,
  Marker,
  Pin,
  PinTarget,
  PostmortemDoc,
  PostmortemState,
  TimeSpan,
} from '../../model/notes/types'
import type { SourceClock } from '../../model/timeline/source-clocks'
import type { SourceInfo } from '../../model/types'
import type { Store } from '../store'

/** Whether the postmortem is safely in IndexedDB; shown in the pane, never hidden. */
export type SaveStatus =
  | { type: 'idle' }
  | { type: 'saving' }
  | { type: 'saved'; at: number }
  | { type: 'error'; message: string }
  /** Another tab saved this incident since we loaded it: the team chooses, nothing is lost. */
  | { type: 'conflict'; theirs: PostmortemState; at: number; conflicts: string[] }

/** An opened bundle or link that would replace a newer postmortem saved here. */
export type ImportOffer = {
  state: PostmortemState
  /** When the bundle was written, and when the local version was last saved. */
  savedAt: number
  localAt: number
  /** Where it came from, for the message (a file name or "a shared link"). */
  from: string
}

export type NotesSlice = {
  /** The postmortem of the loaded inputs, or null until it is restored. */
  postmortem: PostmortemState | null
  /** The inputs' fingerprints it is saved under (see `computeIncidentKey`). */
  postmortemKey: string | null
  /** True after an edit, until it is saved. */
  postmortemDirty: boolean
  saveStatus: SaveStatus
  /** Where the caret was in the document, so "Pin" inserts a reference there. */
  caret: Caret | null
  /** A request for a view to show an item (set by clicking a card); `nonce` repeats a click. */
  focusRequest: { destination: PinDestination; nonce: number } | null
  /** A message for the start page (a bundle opened without its inputs). */
  notice: string | null
  /** An import waiting for the team's choice: keep mine, take theirs, or read theirs beside. */
  importOffer: ImportOffer | null
  /** Another version shown read-only beside the editor (an import, a kept revision). */
  readOnlyBeside: { state: PostmortemState; label: string } | null
  /** A message in the postmortem pane (a merge with another tab, a replaced section). */
  paneNotice: string | null
  /** Replaces the postmortem without marking it changed (restore, load from another tab). */
  restorePostmortem(key: string, state: PostmortemState): void
  editDoc(change: (doc: PostmortemDoc) => PostmortemDoc): void
  setCaret(caret: Caret | null): void
  /**
   * Pins evidence into the document; views call it with a `PinTarget`, and with the timeline
   * range shown (`context`) when presenting the pin should show that range again. A group or a
   * frame of an input with several snapshots is pinned with the snapshot shown.
   */
  pin(target: PinTarget, label?: string, context?: TimeSpan): Pin | null
  unpin(pinId: string): void
  addNote(target: PinTarget, text: string): void
  setNoteText(id: string, text: string): void
  addMarker(time: number, label: string, kind: MarkerKind): Marker | null
  updateMarker(id: string, change: Partial<Omit<Marker, 'id'>>): void
  removeMarker(id: string): void
  /** Sets how one input's clock is read onto the timeline; saved with the postmortem. */
  setSourceClock(source: Pick<SourceInfo, 'name' | 'fingerprint'>, clock: SourceClock): void
  /** Opens the view that shows a pinned item, with that item selected. */
  openDestination(destination: PinDestination): void
}

let nonce = 0

export const createNotesSlice: StateCreator<Store, [], [], NotesSlice> = (set, get) => {
  /** Applies a change to the postmortem and marks it for saving. */
  const change = (f: (s: PostmortemState) => PostmortemState) => {
    const current = get().postmortem
    if (!current) return
    const next = f(current)
    if (next !== current) set({ postmortem: next, postmortemDirty: true })
  }
  return {
    postmortem: null,
    postmortemKey: null,
    postmortemDirty: false,
    saveStatus: { type: 'idle' },
    caret: null,
    focusRequest: null,
    notice: null,
    importOffer: null,
    readOnlyBeside: null,
    paneNotice: null,
    restorePostmortem: (key, state) =>
      set({ postmortem: state, postmortemKey: key, postmortemDirty: false, caret: null }),
    editDoc: (f) => change((s) => ({ ...s, doc: f(s.doc) })),
    setCaret: (caret) => set({ caret }),
    pin: (target, label, context) => {
      let pin: Pin | null = null
      change((s) => {
        const snapshot = pinnedSnapshot(get().incident, get().snapshot, target)
        const out = pm.pinTarget(s, target, Date.now(), get().caret, label, context, snapshot)
        pin = out.pin
        return out.state
      })
      if (pin) set({ paneOpen: true })
      return pin
    },
    unpin: (id) => change((s) => pm.unpin(s, id)),
    addNote: (target, text) => change((s) => pm.addNote(s, target, text, Date.now()).state),
    setNoteText: (id, text) => change((s) => pm.setNoteText(s, id, text, Date.now())),
    addMarker: (time, label, kind) => {
      let marker: Marker | null = null
      change((s) => {
        const out = pm.addMarker(s, time, label, kind)
        marker = out.marker
        return out.state
      })
      return marker
    },
    updateMarker: (id, c) => change((s) => pm.updateMarker(s, id, c)),
    removeMarker: (id) => change((s) => pm.removeMarker(s, id)),
    setSourceClock: (source, clock) => change((s) => setSourceClock(s, source, clock)),
    openDestination: (destination) => {
      const request = { destination, nonce: ++nonce }
      switch (destination.view) {
        case 'stacks': {
          const incident = getViewIncident(get())
          const snapshot = destination.snapshot ?? get().snapshot
          // Make sure the group is visible: its snapshot, its mode, no search hiding it, expanded.
          const known = incident
            ? getGroups(getShownIncident(incident, snapshot), destination.mode).some(
                (g) => g.key === destination.groupKey,
              )
            : false
          set({
            snapshot,
            activeView: 'stacks',
            groupMode: destination.mode,
            search: '',
            expanded: known ? new Set([destination.groupKey]) : new Set(),
            focusRequest: request,
          })
          return
        }
        case 'flame':
          set({
            activeView: 'flame',
            snapshot: destination.snapshot ?? get().snapshot,
            focusRequest: request,
          })
          return
        case 'timeline':
          set({ activeView: 'timeline', focusRequest: request })
          return
        case 'source': {
          // Pinned lines and crashes open the input's own lines, over whichever view is shown.
          const source = get().incident?.sources.findIndex(
            (s) => s.fingerprint === destination.source,
          )
          if (source !== undefined && source >= 0)
            set({
              rawLines: { source, first: destination.first, last: destination.last },
              focusRequest: request,
            })
          return
        }
      }
    },
  }
}
