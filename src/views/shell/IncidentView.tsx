import { useIncidentStore } from '../../state/store'
import { CrashSummary } from '../summary/CrashSummary'
import { EmptyReasons } from '../summary/EmptyReasons'
import { SourceSummary } from '../summary/SourceSummary'
import { StacksView } from '../stacks'

export function IncidentView() {
  const incident = useIncidentStore((s) => s.incident)
  if (!incident) return null
  const nothing =
    incident.records.length === 0 && incident.crashes.length === 0 && incident.events.length === 0
  return (
    <div className="incident">
      <CrashSummary incident={incident} />
      <SourceSummary incident={incident} />
      {nothing ? <EmptyReasons incident={incident} /> : <StacksView incident={incident} />}
    </div>
  )
}
