import { useMemo, useState } from 'react'
import { computeGroupComparison, type SideWeight } from '../../model/compare-groups'
import { getDefaultDiffInputs, type DiffInputs } from '../../model/flame/diff'
import type { Group } from '../../model/group'
import { getTopAppFrame } from '../../model/group'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { formatBytes, formatCount } from '../format'
import './compare.css'

/** Rows drawn at most; the rest are counted below the table. */
const ROWS_SHOWN = 200

/**
 * Two dumps of one service (or two snapshots of one report), group by group: each group's
 * count and bytes in each, and the change, largest growth first. The groups are the table's,
 * so the grouping mode and the transforms apply here too.
 */
export function GroupComparison({
  incident,
  groups,
}: {
  readonly incident: Incident
  readonly groups: readonly Group[]
}) {
  const initial = useMemo(() => getDefaultDiffInputs(incident), [incident])
  const [picked, setPicked] = useState<DiffInputs | null>(null)
  // A pick made on another input does not apply to this one.
  const inputs = picked && initial && picked.type === initial.type ? picked : initial
  const rows = useMemo(
    () => (inputs ? computeGroupComparison(incident, groups, inputs) : []),
    [incident, groups, inputs],
  )
  if (!inputs) return null
  const sides = sideNames(incident, inputs)
  const showBytes = rows.some((r) => r.before.bytes || r.after.bytes)
  const pick = (side: 'before' | 'after', value: number) => setPicked({ ...inputs, [side]: value })
  return (
    <details className="group-comparison" data-testid="group-comparison">
      <summary>
        Compare {inputs.type === 'sources' ? 'the two inputs' : 'two snapshots'} group by group
      </summary>
      <div className="toolbar">
        {(['before', 'after'] as const).map((side) => (
          <label key={side} className="toolbar-field">
            <span>{side === 'before' ? 'Before' : 'After'}</span>
            <select
              value={inputs[side]}
              onChange={(e) => pick(side, Number(e.target.value))}
              data-testid={`compare-${side}`}
            >
              {sides.map((s) => (
                <option key={s.index} value={s.index}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ))}
        <span className="muted">Sorted by growth{showBytes ? ' in bytes' : ''}.</span>
      </div>
      <table className="comparison-table" data-testid="comparison-table">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ROWS_SHOWN).map((row) => (
            <tr key={row.group.key} data-testid="comparison-row">
              <td className="comparison-group">{groupName(incident, row.group)}</td>
              <td>{weight(row.before, showBytes)}</td>
              <td>{weight(row.after, showBytes)}</td>
              <td className={change(row.change, showBytes) > 0 ? 'grew' : 'shrank'}>
                {signed(row.change, showBytes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > ROWS_SHOWN ? (
        <div className="muted">and {formatCount(rows.length - ROWS_SHOWN)} more groups</div>
      ) : null}
    </details>
  )
}

function sideNames(incident: Incident, inputs: DiffInputs): { index: number; name: string }[] {
  if (inputs.type === 'sources')
    return incident.sources.map((s, index) => ({ index, name: s.name }))
  return incident.snapshots.map((s, index) => ({ index, name: s.label || `snapshot ${index + 1}` }))
}

function groupName(incident: Incident, group: Group): string {
  const frame = group.stack === NONE ? NONE : getTopAppFrame(incident, group.stack)
  const func = frame === NONE ? '(no frames)' : incident.strings[incident.frames.func[frame]]
  const state = group.states[0]?.state
  return state ? `${func} [${state}]` : func
}

const change = (w: SideWeight, bytes: boolean) => (bytes ? w.bytes : w.count)

function weight(w: SideWeight, bytes: boolean): string {
  return bytes ? `${formatBytes(w.bytes)} in ${formatCount(w.count)}` : formatCount(w.count)
}

function signed(w: SideWeight, bytes: boolean): string {
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±')
  const count = `${sign(w.count)}${formatCount(Math.abs(w.count))}`
  return bytes ? `${sign(w.bytes)}${formatBytes(Math.abs(w.bytes))} (${count})` : count
}
