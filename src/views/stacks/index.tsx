import { useEffect, useMemo } from 'react'
import { computeGroupGrowth } from '../../model/group-growth'
import { getGroupsTotal } from '../../model/groups-total'
import { getShownSnapshots, hasSeveralSnapshots } from '../../model/snapshot-view'
import { getLabelKeys } from '../../model/label-keys'
import type { Incident } from '../../model/types'
import { getGroups, getVisibleGroups } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { GroupTable } from './GroupTable'
import { GroupToolbar } from './GroupToolbar'
import { GroupComparison } from '../compare/GroupComparison'
import { FlameSelectionFilter, useGroupsThroughFlameSelection } from '../flame/SelectionNote'

/** Grouped stacks: reads the store, hands plain data to the table. */
export function StacksView({
  incident,
  full = incident,
}: {
  /** The incident as shown: one snapshot of an input with several. */
  readonly incident: Incident
  /** The whole input, for each group's history across snapshots. */
  readonly full?: Incident
}) {
  const mode = useIncidentStore((s) => s.groupMode)
  const search = useIncidentStore((s) => s.search)
  const expanded = useIncidentStore((s) => s.expanded)
  const toggleExpanded = useIncidentStore((s) => s.toggleExpanded)
  const groups = useMemo(() => getGroups(incident, mode), [incident, mode])
  const through = useGroupsThroughFlameSelection(incident, groups)
  const chosen = useIncidentStore((s) => s.snapshot)
  const growth = useMemo(
    () => (hasSeveralSnapshots(full) ? computeGroupGrowth(full, mode) : null),
    [full, mode],
  )
  const shownSnapshots = useMemo(() => getShownSnapshots(full, chosen), [full, chosen])
  const visible = useMemo(() => {
    const v = getVisibleGroups(incident, groups, search)
    // A frame clicked in the flame graph keeps the groups that pass through it.
    return through && Array.isArray(v) ? v.filter((g) => through.has(g.key)) : v
  }, [incident, groups, search, through])

  useEffect(() => {
    // drop -> first table paint, for the benchmark harness.
    requestAnimationFrame(() => {
      if (
        performance.getEntriesByName('debrief:drop').length &&
        !performance.getEntriesByName('debrief:render').length
      ) {
        performance.measure('debrief:render', 'debrief:drop')
      }
    })
  }, [incident])

  return (
    <section className="stacks" aria-label="Grouped stacks">
      <FlameSelectionFilter incident={incident} />
      <GroupToolbar
        groups={groups}
        labelKeys={getLabelKeys(incident)}
        visible={Array.isArray(visible) ? visible.length : 0}
        visibleTotal={Array.isArray(visible) ? getGroupsTotal(visible) : 0}
        searchError={Array.isArray(visible) ? null : visible.error}
      />
      <GroupComparison incident={full} mode={mode} />
      <GroupTable
        incident={incident}
        groups={Array.isArray(visible) ? visible : []}
        expanded={expanded}
        onToggle={toggleExpanded}
        growth={growth}
        shownSnapshots={shownSnapshots}
      />
    </section>
  )
}
