import { useMemo } from 'react'
import { computeGroups } from '../../model/group'
import { computeGroupGrowth } from '../../model/group-growth'
import { arrayGroupList, type GroupList } from '../../model/group-list'
import { getShownSnapshots, hasSeveralSnapshots } from '../../model/snapshot-view'
import { getLabelKeys } from '../../model/label-keys'
import type { Incident } from '../../model/types'
import { getGroupList, getVisibleGroups } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { GroupTable } from './GroupTable'
import { useFirstPaintMeasure } from '../use-first-paint-measure'
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
  const groups = useMemo(() => getGroupList(incident, mode), [incident, mode])
  const through = useGroupsThroughFlameSelection(incident, groups)
  const chosen = useIncidentStore((s) => s.snapshot)
  const shownSnapshots = useMemo(() => getShownSnapshots(full, chosen), [full, chosen])
  // The whole input's groups, made once; each snapshot stepped to takes its series' history.
  const fullGroups = useMemo(
    () => (hasSeveralSnapshots(full) ? computeGroups(full, mode) : null),
    [full, mode],
  )
  const growth = useMemo(
    () => fullGroups && computeGroupGrowth(full, mode, fullGroups, shownSnapshots),
    [full, mode, fullGroups, shownSnapshots],
  )
  const visible = useMemo((): GroupList | { error: string } => {
    // Unfiltered, the table is the list itself and makes only the groups it shows.
    if (search.trim() === '' && !through) return groups
    const v = getVisibleGroups(incident, groups.toArray(), search)
    if ('error' in v) return v
    // A frame clicked in the flame graph keeps the groups that pass through it.
    return arrayGroupList(through ? v.filter((g) => through.has(g.key)) : v)
  }, [incident, groups, search, through])
  const list = 'error' in visible ? null : visible

  useFirstPaintMeasure(incident)

  return (
    <section className="stacks" aria-label="Grouped stacks">
      <FlameSelectionFilter incident={incident} />
      <GroupToolbar
        groups={groups}
        labelKeys={getLabelKeys(incident)}
        visible={list ? list.length : 0}
        visibleTotal={list ? list.total : 0}
        searchError={'error' in visible ? visible.error : null}
      />
      <GroupComparison incident={full} mode={mode} />
      <GroupTable
        incident={incident}
        groups={list ?? NO_GROUPS}
        expanded={expanded}
        onToggle={toggleExpanded}
        growth={growth}
        shownSnapshots={shownSnapshots}
      />
    </section>
  )
}

const NO_GROUPS = arrayGroupList([])
