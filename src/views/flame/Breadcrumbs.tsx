import type { CallTree, FlameWeight } from '../../model/flame/call-tree'
import type { Incident } from '../../model/types'
import { formatPercent, formatWeight, weightLabel } from './weight-format'

/**
 * The zoomed frame's callers, each a way back out; "all" resets. Then the weight in view, of
 * the whole (`407,200 of 420,000 (97%)`): the figure a meeting reads off the graph without
 * hovering. `weight` is null for a differential tree, whose totals are of one side.
 */
export function Breadcrumbs({
  incident,
  tree,
  focusNode,
  weight,
  onFocus,
}: {
  readonly incident: Incident
  readonly tree: CallTree
  readonly focusNode: number
  readonly weight: FlameWeight | null
  onFocus(node: number): void
}) {
  const all = tree.length > 0 ? tree.total[0] : 0
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
      {weight !== null ? (
        <span className="muted flame-crumb-total" data-testid="flame-focus-total">
          {' · '}
          {focusNode > 0
            ? `${formatWeight(weight, tree.total[focusNode])} of ${formatWeight(weight, all)} (${formatPercent(tree.total[focusNode], all)})`
            : formatWeight(weight, all)}
          {' · '}
          {weightLabel(incident, weight)}
        </span>
      ) : null}
      {focusNode > 0 ? (
        <span className="muted flame-crumb-hint">
          {' '}
          (<kbd>Esc</kbd> resets)
        </span>
      ) : null}
    </nav>
  )
}
