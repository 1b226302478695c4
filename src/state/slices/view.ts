import type { StateCreator } from 'zustand'
import { defaultGroupMode, type GroupMode } from '../../model/group'
import type { Store } from '../store'

/** Lines of one input to show as they are in the file (0-based, inclusive), marked. */
export type RawLinesRequest = { source: number; first: number; last: number }

/** The main views of an incident, shown one at a time. */
export type ViewId = 'stacks' | 'flame' | 'timeline'

export type ViewSlice = {
  activeView: ViewId
  /** Whether the postmortem pane is open beside the view (or, on a narrow screen, as a drawer over it). */
  paneOpen: boolean
  groupMode: GroupMode
  /** Text or /regex/ that filters groups by function, file, module or state. */
  search: string
  /** The time range brushed on the timeline (ms, on the timeline's clock), or null for all. */
  timeRange: [number, number] | null
  /** Show times in UTC (the default, for postmortems) or in the viewer's local zone. */
  timeZone: 'utc' | 'local'
  /** Keys of the expanded groups. */
  expanded: ReadonlySet<string>
  /** The event the timeline's list scrolls to and marks (a click or a deep link), or null. */
  focusedEvent: number | null
  /**
   * The snapshot (dump or memleak snapshot) the views show, by index into
   * `incident.snapshots`; null shows the last one (see model/snapshot-view.ts).
   */
  snapshot: number | null
  /** Text or /regex/ the timeline's event list is filtered by ('' for none). */
  eventFilter: string
  /** The least severe level the event list shows (`Level`; 0 shows every event). */
  eventLevel: number
  /** The raw lines shown from the input (around a crash, an event, a record), or null. */
  rawLines: RawLinesRequest | null
  setActiveView(view: ViewId): void
  setPaneOpen(open: boolean): void
  setGroupMode(mode: GroupMode): void
  setSearch(search: string): void
  setTimeRange(range: [number, number] | null): void
  setTimeZone(zone: 'utc' | 'local'): void
  toggleExpanded(key: string): void
  setFocusedEvent(event: number | null): void
  setEventFilter(filter: string): void
  setEventLevel(level: number): void
  showRawLines(request: RawLinesRequest | null): void
  setSnapshot(snapshot: number | null): void
}

/** Beside the evidence on a wide screen; on a laptop or projector the drawer starts closed. */
function paneOpensAtStart(): boolean {
  return typeof matchMedia !== 'function' || matchMedia('(min-width: 1400px)').matches
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  activeView: 'stacks',
  paneOpen: paneOpensAtStart(),
  groupMode: defaultGroupMode,
  search: '',
  timeRange: null,
  timeZone: 'utc',
  expanded: new Set(),
  focusedEvent: null,
  snapshot: null,
  eventFilter: '',
  eventLevel: 0,
  rawLines: null,
  setActiveView: (activeView) => set({ activeView }),
  setPaneOpen: (paneOpen) => set({ paneOpen }),
  setGroupMode: (groupMode) => set({ groupMode, expanded: new Set() }),
  setSearch: (search) => set({ search }),
  setTimeRange: (timeRange) => set({ timeRange }),
  setTimeZone: (timeZone) => set({ timeZone }),
  setFocusedEvent: (focusedEvent) => set({ focusedEvent }),
  setSnapshot: (snapshot) => set({ snapshot, expanded: new Set() }),
  setEventFilter: (eventFilter) => set({ eventFilter }),
  setEventLevel: (eventLevel) => set({ eventLevel }),
  showRawLines: (rawLines) => set({ rawLines }),
  toggleExpanded: (key) =>
    set((s) => {
      const expanded = new Set(s.expanded)
      if (expanded.has(key)) expanded.delete(key)
      else expanded.add(key)
      return { expanded }
    }),
})
