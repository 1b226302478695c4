import { create } from 'zustand'
import { createIncidentSlice, type IncidentSlice } from './slices/incident'
import { createViewSlice, type ViewSlice } from './slices/view'

export type Store = IncidentSlice & ViewSlice

/** The one bound store, built from slices (zustand's slices pattern). */
export const useIncidentStore = create<Store>()((...a) => ({
  ...createIncidentSlice(...a),
  ...createViewSlice(...a),
}))
