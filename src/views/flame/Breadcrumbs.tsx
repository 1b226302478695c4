import type { CallTree } from '../../model/flame/call-tree'
import type { Incident } from '../../model/types'

/** The zoomed frame's callers, each a way back out; "all" resets. */
export function Breadcrumbs({
  incident,
  tree,
  focusNode,
  onFocus,
}: {
  readonly incident: Incident
  readonly tree: CallTree
  readonly focusNode: number
  onFocus(node: number): void
}) {
  const nodes: number[] = []
  for (let n = focusNode; n > 0; n = tree.parent[n]) nodes.push(n)
  nodes.push(0)
  nodes.reverse()
  return (
    <nav className="flame-breadcrumbs" aria-label="Zoom path" data-testid="flame-breadcrumbs">
      {nodes.map((n, i) => {
        const name = n === 0 ? 'all' : incident.strings[incident.frames.func[tree.frame[n]]]
        const last = i === nodes.length - 1
        return (
          <span key={n} className="flame-crumb">
            {i > 0 ? <span aria-hidden="true"> › </span> : null}
            {last ? (
              <span aria-current="location">{name}</span>
            ) : (
              <button type="button" className="link-button" onClick={() => onFocus(n)}>
                {name}
              </button>
            )}
          </span>
        )
      })}
      {focusNode > 0 ? (
        <span className="muted flame-crumb-hint">
          {' '}
          (<kbd>Esc</kbd> resets)
        </span>
      ) : null}
    </nav>
  )
}
