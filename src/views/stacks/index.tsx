import { useEffect, useMemo } from 'react'
import type { Incident } from '../../model/types'
import { getGroups, getVisibleGroups } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { GroupTable } from './GroupTable'
import { GroupToolbar } from './GroupToolbar'

/** Grouped stacks: reads the store, hands plain data to the table. */
export function StacksView({ incident }: { readonly incident: Incident }) {
  const mode = useIncidentStore((s) => s.groupMode)
  const search = useIncidentStore((s) => s.search)
  const expanded = useIncidentStore((s) => s.expanded)
  const toggleExpanded = useIncidentStore((s) => s.toggleExpanded)
  const groups = useMemo(() => getGroups(incident, mode), [incident, mode])
  const visible = useMemo(
    () => getVisibleGroups(incident, groups, search),
    [incident, groups, search],
  )

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
      <GroupToolbar
        groups={groups}
        visible={Array.isArray(visible) ? visible.length : 0}
        searchError={Array.isArray(visible) ? null : visible.error}
      />
      <GroupTable
        incident={incident}
        groups={Array.isArray(visible) ? visible : []}
        expanded={expanded}
        onToggle={toggleExpanded}
      />
    </section>
  )
}
