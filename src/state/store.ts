import { create } from 'zustand'
import { createIncidentSlice, type IncidentSlice } from './slices/incident'
import { createViewSlice, type ViewSlice } from './slices/view'
import { createNotesSlice, type NotesSlice } from './slices/notes'
import { createFlameSlice, type FlameSlice } from './slices/flame'
import { createShareSlice, type ShareSlice } from './slices/share'
import { createPresentSlice, type PresentSlice } from './slices/present'
import { createTransformsSlice, type TransformsSlice } from './slices/transforms'

export type Store = IncidentSlice &
  ViewSlice &
  FlameSlice &
  NotesSlice &
  ShareSlice &
  PresentSlice &
  TransformsSlice

/** The one bound store, built from slices (zustand's slices pattern). */
export const useIncidentStore = create<Store>()((...a) => ({
  ...createIncidentSlice(...a),
  ...createViewSlice(...a),
  ...createFlameSlice(...a),
  ...createNotesSlice(...a),
  ...createShareSlice(...a),
  ...createPresentSlice(...a),
  ...createTransformsSlice(...a),
}))
