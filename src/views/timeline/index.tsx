import type { Incident } from '../../model/types'

/** The timeline of the incident. */
export function TimelineView({ incident }: { readonly incident: Incident }) {
  return (
    <div className="message">
      The timeline is not available yet ({incident.records.length} records loaded).
    </div>
  )
}
