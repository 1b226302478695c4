import { Fragment, useState } from 'react'
import { VARIANTS_COUNTED, type Group } from '../../model/group'
import {
  getFrameFunc,
  getFrameKindName,
  getFrameLocation,
  getFrameModule,
  getStackNodes,
} from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { formatCount } from '../format'
import { groupMarkdown } from '../../model/handoff/markdown-blocks'
import { recordNoun } from '../../model/record-noun'
import { CopyMarkdownButton } from '../handoff/CopyMarkdownButton'
import { GroupItemActions } from '../annotations/ItemActions'
import { breakable } from '../breakable'
import { useIncidentStore } from '../../state/store'
import { FrameTransformMenu } from '../transforms/FrameTransformMenu'

const IDS_SHOWN = 50

/** A group's representative stack, who created it, and which records are in it. */
export function StackDetail({
  incident,
  group,
}: {
  readonly incident: Incident
  readonly group: Group
}) {
  const { stacks, records } = incident
  const showRawLines = useIncidentStore((s) => s.showRawLines)
  const nodes = group.stack === NONE ? [] : getStackNodes(incident, group.stack)
  const first = group.records[0]
  const createdBy = records.createdBy[first]
  const ids: number[] = []
  for (let k = 0; k < group.records.length && ids.length < IDS_SHOWN; k++) {
    const id = records.id[group.records[k]]
    if (id >= 0) ids.push(id)
  }
  const names = new Set<string>()
  for (let k = 0; k < group.records.length && names.size < 10; k++) {
    const n = records.name[group.records[k]]
    if (n !== NONE) names.add(incident.strings[n])
  }
  return (
    <div className="stack-detail" data-testid="stack-detail">
      <GroupItemActions incident={incident} group={group}>
        <CopyMarkdownButton
          what="group"
          make={() => groupMarkdown(incident, group, recordNoun(incident, group))}
        />
      </GroupItemActions>
      {first !== undefined && records.line[first] >= 0 ? (
        <button
          type="button"
          className="button pm-small"
          data-testid="group-raw-lines"
          title="The first record of this group, as the input has it"
          onClick={() => showRawLines(recordLines(incident, first))}
        >
          Show the input's lines
        </button>
      ) : null}
      <FrameList incident={incident} nodes={nodes} />
      {createdBy !== NONE ? (
        <div className="created-by">
          created by{' '}
          {getStackNodes(incident, createdBy)
            .map((n) => {
              const f = stacks.frame[n]
              const loc = getFrameLocation(incident, f)
              return `${getFrameFunc(incident, f)}${loc ? ` (${loc})` : ''}`
            })
            .join(' ← ')}
        </div>
      ) : null}
      {names.size ? <div className="member-names">names: {[...names].join(', ')}</div> : null}
      {ids.length ? (
        <div className="member-ids">
          ids: {ids.join(', ')}
          {group.records.length > ids.length
            ? ` and ${formatCount(group.records.length - ids.length)} more`
            : ''}
        </div>
      ) : null}
      {group.variants > 1 ? (
        <div className="muted">
          {formatCount(group.variants)}
          {group.variants >= VARIANTS_COUNTED ? ' or more' : ''} distinct argument lists in this
          group
        </div>
      ) : null}
    </div>
  )
}

/** Frames shown at first from each end of a deep stack, and how many more a click shows. */
const HEAD_FRAMES = 200
const TAIL_FRAMES = 50
const MORE_FRAMES = 1000

/**
 * A stack's frames, leaf first. A stack 100,000 frames deep (runaway recursion, a chain of
 * traces) shows its leaf and root ends and a button for the frames between, a thousand at a
 * time: rendering every frame at once held the page for seconds.
 */
function FrameList({
  incident,
  nodes,
}: {
  readonly incident: Incident
  readonly nodes: readonly number[]
}) {
  const [head, setHead] = useState(HEAD_FRAMES)
  const hidden = Math.max(0, nodes.length - head - TAIL_FRAMES)
  const shown = hidden === 0 ? nodes : [...nodes.slice(0, head), ...nodes.slice(-TAIL_FRAMES)]
  return (
    <ol className="frames">
      {shown.map((node, i) => {
        const index = hidden > 0 && i >= head ? i + hidden : i
        return (
          <Fragment key={index}>
            {hidden > 0 && i === head ? (
              <li className="frame frames-hidden">
                <button
                  type="button"
                  className="button pm-small"
                  data-testid="show-more-frames"
                  onClick={() => setHead(head + MORE_FRAMES)}
                >
                  Show {formatCount(Math.min(MORE_FRAMES, hidden))} more of {formatCount(hidden)}{' '}
                  hidden frames
                </button>
              </li>
            ) : null}
            <FrameRow incident={incident} node={node} />
          </Fragment>
        )
      })}
    </ol>
  )
}

function FrameRow({ incident, node }: { readonly incident: Incident; readonly node: number }) {
  const { stacks } = incident
  // The transform menu is built when opened: one per frame of a deep stack weighed too much.
  const [menuOpen, setMenuOpen] = useState(false)
  const frame = stacks.frame[node]
  const location = getFrameLocation(incident, frame)
  const module = getFrameModule(incident, frame)
  const kind = getFrameKindName(incident, frame)
  return (
    <li className={`frame frame-${kind}`}>
      <span className="frame-func">{breakable(getFrameFunc(incident, frame))}</span>
      {stacks.argsDiffer[node] ? (
        <span
          className="badge badge-args"
          title="Members of this group were called with different arguments"
        >
          args differ
        </span>
      ) : null}
      {location ? <span className="frame-location">{breakable(location)}</span> : null}
      {module ? <span className="frame-module">{module}</span> : null}
      <span className="frame-kind">{kind}</span>
      <details className="frame-menu" onToggle={(e) => setMenuOpen(e.currentTarget.open)}>
        <summary title="Focus, merge, drop or collapse this frame">⋯</summary>
        {menuOpen ? <FrameTransformMenu incident={incident} frame={frame} /> : null}
      </details>
    </li>
  )
}

/** Most lines of a record marked in the raw view (its header and frames). */
const RECORD_LINES = 60

/** A record's lines: from its first line up to the next record of its source (at most 60). */
function recordLines(incident: Incident, record: number) {
  const { source, line, length } = incident.records
  const first = line[record]
  let next = incident.sources[source[record]]?.lines ?? first + 1
  for (let r = 0; r < length; r++)
    if (source[r] === source[record] && line[r] > first && line[r] < next) next = line[r]
  return {
    source: source[record],
    first,
    last: Math.max(first, Math.min(next - 1, first + RECORD_LINES - 1)),
  }
}
