import type { StateCreator } from 'zustand'
import { defaultGroupMode, type GroupMode } from '../../model/group'
import type { Store } from '../store'

export type ViewSlice = {
  groupMode: GroupMode
  /** Text or /regex/ that filters groups by function, file, module or state. */
  search: string
  /** Keys of the expanded groups. */
  expanded: ReadonlySet<string>
  setGroupMode(mode: GroupMode): void
  setSearch(search: string): void
  toggleExpanded(key: string): void
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  groupMode: defaultGroupMode,
  search: '',
  expanded: new Set(),
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
