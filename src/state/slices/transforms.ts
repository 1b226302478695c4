import type { StateCreator } from 'zustand'
import type { Transform } from '../../model/transforms/types'
import type { Store } from '../store'

export type TransformsSlice = {
  /** The transform stack, applied in order before grouping; [] shows the input as parsed. */
  transforms: readonly Transform[]
  /** Replaces the stack (a link, a preset, a saved postmortem). */
  setTransforms(transforms: readonly Transform[]): void
  addTransform(transform: Transform): void
  /** Removes one transform; the others stay, in order. */
  removeTransform(index: number): void
}

/**
 * What a new stack of transforms invalidates: group keys and flame paths name stacks of the
 * old stack table, so the expanded rows, the zoom and the selection start afresh.
 */
const afresh = { expanded: new Set<string>(), flameFocus: [], flameSelection: null } as const

export const createTransformsSlice: StateCreator<Store, [], [], TransformsSlice> = (
  set,
  _get,
  api,
) => {
  // Transforms belong to one incident; its saved postmortem or its link brings them back.
  // Compared with the last incident seen, not with `prev`: a listener notified after a nested
  // update (the deep link setting this incident's transforms) still gets the old `prev`.
  let owner = api.getState()?.incident ?? null
  api.subscribe((state) => {
    if (state.incident === owner) return
    owner = state.incident
    if (state.transforms.length) set({ transforms: [] })
  })
  return {
    transforms: [],
    setTransforms: (transforms) => set({ transforms, ...afresh }),
    addTransform: (transform) =>
      set((s) => ({ transforms: [...s.transforms, transform], ...afresh })),
    removeTransform: (index) =>
      set((s) => ({ transforms: s.transforms.filter((_, i) => i !== index), ...afresh })),
  }
}
