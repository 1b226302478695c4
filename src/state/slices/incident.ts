import type { StateCreator } from 'zustand'
import type { Incident } from '../../model/types'
import type { Store } from '../store'

export type LoadStatus =
  | { type: 'idle' }
  | { type: 'loading'; names: string[]; bytesRead: number; bytesTotal: number }
  | { type: 'done'; parseMs: number }
  | { type: 'error'; message: string }

export type IncidentSlice = {
  /** The parsed model. Treated as immutable: replaced, never mutated. */
  incident: Incident | null
  status: LoadStatus
}

export const createIncidentSlice: StateCreator<Store, [], [], IncidentSlice> = () => ({
  incident: null,
  status: { type: 'idle' },
})
