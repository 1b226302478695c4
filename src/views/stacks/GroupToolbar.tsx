import type { GroupMode } from '../../model/group'
import { groupModeName } from '../../model/group-mode-names'
import { useIncidentStore } from '../../state/store'
import { countOf, formatCount } from '../format'
import { GROUP_MODE_LABELS, groupModeLabel } from '../group-mode-labels'
import type { GroupList } from '../../model/group-list'

/**
 * The modes offered: the fixed ones, one per label key the input carries (`Label pid`), and
 * the current one when a link or bundle chose another depth or key.
 */
function modeOptions(
  current: GroupMode,
  labelKeys: readonly string[],
): { id: string; label: string; mode: GroupMode }[] {
  const byKey = labelKeys.map((key) => ({ type: 'label', key }) as GroupMode)
  const modes = [...GROUP_MODE_LABELS.map((m) => m.mode), ...byKey]
  const options = modes.map((mode) => ({
    id: groupModeName(mode),
    label: groupModeLabel(mode),
    mode,
  }))
  const id = groupModeName(current)
  if (!options.some((o) => o.id === id) && (current.type === 'label' || current.type === 'top'))
    options.push({ id, label: groupModeLabel(current), mode: current })
  return options
}

export function GroupToolbar({
  groups,
  labelKeys,
  visible,
  visibleTotal,
  searchError,
}: {
  readonly groups: GroupList
  /** Label keys the records carry (`pid`, `comm`), each offered as a grouping. */
  readonly labelKeys: readonly string[]
  visible: number
  /** What the visible groups hold (goroutines, threads, allocations). */
  visibleTotal: number
  searchError: string | null
}) {
  const mode = useIncidentStore((s) => s.groupMode)
  const search = useIncidentStore((s) => s.search)
  const setMode = useIncidentStore((s) => s.setGroupMode)
  const setSearch = useIncidentStore((s) => s.setSearch)
  const total = groups.total
  const options = modeOptions(mode, labelKeys)
  return (
    <div className="toolbar">
      <label className="toolbar-field">
        <span>Group by</span>
        <select
          value={groupModeName(mode)}
          onChange={(e) => setMode(options.find((m) => m.id === e.target.value)!.mode)}
          data-testid="group-mode"
        >
          {options.map((m) => (
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
          ? `${countOf(groups.length, 'group')} of ${formatCount(total)}`
          : `${formatCount(visible)} of ${formatCount(groups.length)} groups (${formatCount(visibleTotal)} of ${formatCount(total)})`}
      </span>
      {searchError ? (
        <span className="message message-error" role="alert">
          {searchError}
        </span>
      ) : null}
    </div>
  )
}
