import type { Incident } from '../../model/types'

/** The flame graph of the incident. */
export function FlameView({ incident }: { readonly incident: Incident }) {
  return (
    <div className="message">
      The flame graph is not available yet ({incident.records.length} records loaded).
    </div>
  )
}
