import type { CallTree } from '../../model/flame/call-tree'
import type { FlameWeight } from '../../model/flame/call-tree'
import {
  getFrameFunc,
  getFrameKindName,
  getFrameLocation,
  getFrameModule,
} from '../../model/stacks'
import type { Incident } from '../../model/types'
import { kindLabel } from './colors'
import { formatDelta, formatPercent, formatWeight } from './weight-format'
import type { FrameKind } from '../../model/types'

/** Details of the frame under the pointer (or the keyboard cursor). */
export function Tooltip({
  incident,
  tree,
  node,
  weight,
  x,
  y,
}: {
  readonly incident: Incident
  readonly tree: CallTree
  readonly node: number
  readonly weight: FlameWeight
  readonly x: number
  readonly y: number
}) {
  const all = tree.total[0]
  const frame = tree.frame[node]
  const isRoot = node === 0
  const location = isRoot ? '' : getFrameLocation(incident, frame)
  const module = isRoot ? '' : getFrameModule(incident, frame)
  // Keep it on screen: flip to the left of the pointer near the right edge.
  const left = x + 340 > window.innerWidth ? Math.max(4, x - 340) : x + 14
  const top = y + 180 > window.innerHeight ? Math.max(4, y - 170) : y + 14
  return (
    <div className="flame-tooltip" role="tooltip" data-testid="flame-tooltip" style={{ left, top }}>
      <div className="flame-tooltip-func">{isRoot ? 'all' : getFrameFunc(incident, frame)}</div>
      {location ? <div className="flame-tooltip-location">{location}</div> : null}
      {!isRoot ? (
        <div className="flame-tooltip-meta">
          {module ? <span>{module}</span> : null}
          <span className="flame-tooltip-kind">
            {kindLabel(incident.frames.kind[frame] as FrameKind) ??
              getFrameKindName(incident, frame)}
          </span>
        </div>
      ) : null}
      <dl className="flame-tooltip-numbers">
        <dt>Total</dt>
        <dd>
          {formatWeight(weight, tree.total[node])} ({formatPercent(tree.total[node], all)})
        </dd>
        <dt>Self</dt>
        <dd>
          {formatWeight(weight, tree.self[node])} ({formatPercent(tree.self[node], all)})
        </dd>
        {tree.baseTotal ? (
          <>
            <dt>Before</dt>
            <dd>
              {formatWeight(weight, tree.baseTotal[node])} (
              {formatPercent(tree.baseTotal[node], tree.baseTotal[0])})
            </dd>
            <dt>Change</dt>
            <dd data-testid="flame-tooltip-delta">
              {formatDelta(weight, tree.baseTotal[node], tree.total[node])}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  )
}
