import { useMemo } from 'react'
import type { CallTree } from '../../model/flame/call-tree'
import { getNodePath } from '../../model/flame/call-tree'
import { computeGroupsThroughPath } from '../../model/flame/select'
import type { GroupList } from '../../model/group-list'
import { frameTarget } from '../../model/notes/pins'
import { ItemActions } from '../annotations/ItemActions'
import type { Incident } from '../../model/types'
import { getGroups } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { formatCount } from '../format'
import { frameMarkdown } from '../../model/handoff/markdown-blocks'
import type { FlameWeight } from '../../model/flame/call-tree'
import { CopyMarkdownButton } from '../handoff/CopyMarkdownButton'
import { formatWeight, weightLabel } from './weight-format'
import { FrameTransformMenu } from '../transforms/FrameTransformMenu'

/** "main.serve: 3 groups pass through it" with a way to the table. */
export function SelectionNote({
  incident,
  tree,
  node,
  weight,
}: {
  readonly incident: Incident
  readonly tree: CallTree
  readonly node: number
  readonly weight: FlameWeight
}) {
  const groupMode = useIncidentStore((s) => s.groupMode)
  const setActiveView = useIncidentStore((s) => s.setActiveView)
  const setSelection = useIncidentStore((s) => s.setFlameSelection)
  const count = useMemo(
    () =>
      computeGroupsThroughPath(incident, getGroups(incident, groupMode), getNodePath(tree, node))
        .size,
    [incident, groupMode, tree, node],
  )
  return (
    <div className="flame-selection" data-testid="flame-selection">
      Selected{' '}
      <span className="func">{incident.strings[incident.frames.func[tree.frame[node]]]}</span>:{' '}
      {formatCount(count)} {count === 1 ? 'group passes' : 'groups pass'} through it.{' '}
      <button type="button" className="link-button" onClick={() => setActiveView('stacks')}>
        Show in the table
      </button>{' '}
      <button type="button" className="link-button" onClick={() => setSelection(null)}>
        Clear
      </button>
      <FrameTransformMenu incident={incident} frame={tree.frame[node]} />
      <ItemActions
        target={frameTarget(incident, tree.frame[node], getNodePath(tree, node))}
        what="frame"
        link={{ view: 'flame', frame: incident.strings[incident.frames.func[tree.frame[node]]] }}
      >
        <CopyMarkdownButton
          what="frame"
          make={() =>
            frameMarkdown(
              incident,
              getNodePath(tree, node),
              weight === 'count'
                ? `${formatWeight(weight, tree.total[node])} records`
                : `${formatWeight(weight, tree.total[node])} (${weightLabel(incident, weight)})`,
              count,
            )
          }
        />
      </ItemActions>
    </div>
  )
}

/**
 * For the stacks table: the keys of the groups that pass through the flame selection, or null
 * when nothing is selected.
 */
export function useGroupsThroughFlameSelection(
  incident: Incident,
  groups: GroupList,
): Set<string> | null {
  const selection = useIncidentStore((s) => s.flameSelection)
  return useMemo(
    () => (selection ? computeGroupsThroughPath(incident, groups.toArray(), selection) : null),
    [incident, groups, selection],
  )
}

/** The note above the table while a flame selection filters it. */
export function FlameSelectionFilter({ incident }: { readonly incident: Incident }) {
  const selection = useIncidentStore((s) => s.flameSelection)
  const setSelection = useIncidentStore((s) => s.setFlameSelection)
  if (!selection || selection.length === 0) return null
  const leaf = selection[selection.length - 1]
  return (
    <div className="message flame-table-filter" data-testid="flame-table-filter">
      Groups through <span className="func">{incident.strings[incident.frames.func[leaf]]}</span>{' '}
      (selected in the flame graph){' '}
      <button type="button" className="link-button" onClick={() => setSelection(null)}>
        Show all groups
      </button>
    </div>
  )
}
