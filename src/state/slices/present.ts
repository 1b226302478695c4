import type { StateCreator } from 'zustand'
import type { Store } from '../store'

/** Presentation mode: one pinned item at a time, in document order. */
export type PresentSlice = {
  /** null: not presenting. `follower`: this window follows a presenter window. */
  presenting: { step: number; follower: boolean } | null
  startPresenting(follower?: boolean, step?: number): void
  stopPresenting(): void
  setPresentStep(step: number): void
}

export const createPresentSlice: StateCreator<Store, [], [], PresentSlice> = (set, get) => ({
  presenting: null,
  startPresenting: (follower = false, step = 0) => set({ presenting: { step, follower } }),
  stopPresenting: () => set({ presenting: null }),
  setPresentStep: (step) => {
    const p = get().presenting
    if (p && p.step !== step) set({ presenting: { ...p, step } })
  },
})
