import type { Incident } from '../../model/types'

/** The postmortem document beside the evidence. */
export function PostmortemPane({ incident }: { readonly incident: Incident }) {
  return (
    <aside className="pane">Postmortem for {incident.sources.map((s) => s.name).join(', ')}</aside>
  )
}
