import type { StateCreator } from 'zustand'
import { defaultGroupMode, type GroupMode } from '../../model/group'
import type { Store } from '../store'

/** The main views of an incident, shown one at a time. */
export type ViewId = 'stacks' | 'flame' | 'timeline'

export type ViewSlice = {
  activeView: ViewId
  /** Whether the postmortem pane is open beside the view. */
  paneOpen: boolean
  groupMode: GroupMode
  /** Text or /regex/ that filters groups by function, file, module or state. */
  search: string
  /** Keys of the expanded groups. */
  expanded: ReadonlySet<string>
  setActiveView(view: ViewId): void
  setPaneOpen(open: boolean): void
  setGroupMode(mode: GroupMode): void
  setSearch(search: string): void
  toggleExpanded(key: string): void
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  activeView: 'stacks',
  paneOpen: true,
  groupMode: defaultGroupMode,
  search: '',
  expanded: new Set(),
  setActiveView: (activeView) => set({ activeView }),
  setPaneOpen: (paneOpen) => set({ paneOpen }),
  setGroupMode: (groupMode) => set({ groupMode, expanded: new Set() }),
  setSearch: (search) => set({ search }),
  toggleExpanded: (key) =>
    set((s) => {
      const expanded = new Set(s.expanded)
      if (expanded.has(key)) expanded.delete(key)
      else expanded.add(key)
      return { expanded }
    }),
})
