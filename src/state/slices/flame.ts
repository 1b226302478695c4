import type { StateCreator } from 'zustand'
import type { FlameWeight } from '../../model/flame/call-tree'
import type { DiffInputs } from '../../model/flame/diff'
import type { FlameOrder } from '../../model/flame/layout'
import type { IndexIntoFrameTable, IndexIntoStringTable } from '../../model/types'
import type { Store } from '../store'

/** How frames are coloured when the view is not a diff. */
export type FlameColorMode = 'kind' | 'module'

/** Which flame picture is shown. */
export type FlameMode =
  | { type: 'graph' }
  /** Callers above and callees below one function. */
  | { type: 'sandwich'; func: IndexIntoStringTable }
  /** Width from the second input, colour from the change. */
  | { type: 'diff'; inputs: DiffInputs }

export type FlameSlice = {
  /** null: the first weight the input has data for (count, else bytes ...). */
  flameWeight: FlameWeight | null
  flameOrder: FlameOrder
  /** Icicle: roots on top; flame: roots at the bottom. */
  flameOrientation: 'icicle' | 'flame'
  flameColor: FlameColorMode
  flameMode: FlameMode
  /** Root-first frames of the zoomed frame; [] shows everything. Paths survive weight changes. */
  flameFocus: readonly IndexIntoFrameTable[]
  /** Root-first frames of the clicked frame; the stacks table shows the groups through it. */
  flameSelection: readonly IndexIntoFrameTable[] | null
  flameSearch: string
  /**
   * Diff: scale the first input to the second's total, so the colours show changes in share
   * rather than in size (flamegraph's difffolded.pl -n).
   */
  flameDiffNormalize: boolean
  setFlameWeight(weight: FlameWeight): void
  setFlameOrder(order: FlameOrder): void
  setFlameOrientation(orientation: 'icicle' | 'flame'): void
  setFlameColor(color: FlameColorMode): void
  setFlameMode(mode: FlameMode): void
  setFlameFocus(path: readonly IndexIntoFrameTable[]): void
  setFlameSelection(path: readonly IndexIntoFrameTable[] | null): void
  setFlameSearch(search: string): void
  setFlameDiffNormalize(normalize: boolean): void
}

const perIncident = {
  flameWeight: null,
  flameMode: { type: 'graph' },
  flameFocus: [],
  flameSelection: null,
  flameSearch: '',
} as const satisfies Partial<FlameSlice>

export const createFlameSlice: StateCreator<Store, [], [], FlameSlice> = (set, _get, api) => {
  // Frame indices mean nothing in another incident: a new load starts the flame view afresh
  // (display preferences such as order and colours stay).
  api.subscribe((state, prev) => {
    if (state.incident !== prev.incident) set(perIncident)
  })
  return {
    ...perIncident,
    flameOrder: 'heavy',
    flameOrientation: 'icicle',
    flameColor: 'kind',
    flameDiffNormalize: false,
    setFlameWeight: (flameWeight) => set({ flameWeight }),
    setFlameOrder: (flameOrder) => set({ flameOrder }),
    setFlameOrientation: (flameOrientation) => set({ flameOrientation }),
    setFlameColor: (flameColor) => set({ flameColor }),
    setFlameMode: (flameMode) => set({ flameMode, flameFocus: [] }),
    setFlameFocus: (flameFocus) => set({ flameFocus }),
    setFlameSelection: (flameSelection) => set({ flameSelection }),
    setFlameSearch: (flameSearch) => set({ flameSearch }),
    setFlameDiffNormalize: (flameDiffNormalize) => set({ flameDiffNormalize }),
  }
}
