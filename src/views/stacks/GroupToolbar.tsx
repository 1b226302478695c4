import type { Group, GroupMode } from '../../model/group'
import { useIncidentStore } from '../../state/store'
import { formatCount } from '../format'

const MODES: { id: string; label: string; mode: GroupMode }[] = [
  { id: 'lines', label: 'Same functions and lines', mode: { type: 'lines' } },
  { id: 'exact', label: 'Exact (arguments too)', mode: { type: 'exact' } },
  { id: 'functions', label: 'Same functions', mode: { type: 'functions' } },
  { id: 'top3', label: 'Top 3 frames', mode: { type: 'top', frames: 3 } },
  { id: 'top1', label: 'Leaf frame', mode: { type: 'top', frames: 1 } },
  { id: 'app', label: 'First application frame', mode: { type: 'firstApp' } },
  { id: 'created-by', label: 'Created by', mode: { type: 'createdBy' } },
  { id: 'state', label: 'State', mode: { type: 'state' } },
]

function modeId(mode: GroupMode): string {
  return MODES.find((m) => JSON.stringify(m.mode) === JSON.stringify(mode))?.id ?? 'lines'
}

export function GroupToolbar({
  groups,
  visible,
  searchError,
}: {
  readonly groups: readonly Group[]
  visible: number
  searchError: string | null
}) {
  const mode = useIncidentStore((s) => s.groupMode)
  const search = useIncidentStore((s) => s.search)
  const setMode = useIncidentStore((s) => s.setGroupMode)
  const setSearch = useIncidentStore((s) => s.setSearch)
  const total = groups.reduce((n, g) => n + g.count, 0)
  return (
    <div className="toolbar">
      <label className="toolbar-field">
        <span>Group by</span>
        <select
          value={modeId(mode)}
          onChange={(e) => setMode(MODES.find((m) => m.id === e.target.value)!.mode)}
          data-testid="group-mode"
        >
          {MODES.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field toolbar-search">
        <span>Search</span>
        <input
          type="search"
          value={search}
          placeholder="function, file, package or state; /regex/"
          onChange={(e) => setSearch(e.target.value)}
          aria-invalid={searchError ? true : undefined}
          data-testid="group-search"
          data-search
        />
      </label>
      <span className="toolbar-count" data-testid="group-count">
        {visible === groups.length
          ? `${formatCount(groups.length)} groups of ${formatCount(total)}`
          : `${formatCount(visible)} of ${formatCount(groups.length)} groups`}
      </span>
      {searchError ? (
        <span className="message message-error" role="alert">
          {searchError}
        </span>
      ) : null}
    </div>
  )
}
