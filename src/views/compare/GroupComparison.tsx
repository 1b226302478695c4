import { useMemo, useState } from 'react'
import {
  computeGroupComparison,
  getDefaultComparison,
  pickComparisonSide,
  type SideWeight,
} from '../../model/compare-groups'
import type { DiffInputs } from '../../model/flame/diff'
import { computeGroups, type GroupMode } from '../../model/group'
import { getChosenSnapshot, getSnapshotSeries } from '../../model/snapshot-view'
import type { Incident } from '../../model/types'
import { useIncidentStore } from '../../state/store'
import { formatBytes, formatCount } from '../format'
import './compare.css'

/** Rows drawn at most; the rest are counted below the table. */
const ROWS_SHOWN = 200

/**
 * Two dumps of one service (or two snapshots of one report), group by group: each group's
 * count and bytes in each, and the change, largest growth first. It reads every snapshot of
 * the input through the transforms and the brushed range, grouped in the table's mode; it
 * groups only once opened, as a 420k-goroutine input takes a while.
 */
export function GroupComparison({
  incident,
  mode,
}: {
  /** Every snapshot, through the transforms and the brushed range. */
  readonly incident: Incident
  readonly mode: GroupMode
}) {
  const chosen = useIncidentStore((s) => s.snapshot)
  const [open, setOpen] = useState(false)
  const initial = useMemo(
    () => getDefaultComparison(incident, getChosenSnapshot(incident, chosen)),
    [incident, chosen],
  )
  const [picked, setPicked] = useState<DiffInputs | null>(null)
  // A pick made on another input (or before another snapshot was shown) does not apply here.
  const inputs =
    picked && initial && picked.type === initial.type && isSideOf(incident, picked)
      ? picked
      : initial
  const groups = useMemo(
    () => (open && inputs ? computeGroups(incident, mode) : []),
    [open, inputs, incident, mode],
  )
  const rows = useMemo(
    () => (inputs ? computeGroupComparison(incident, groups, inputs) : []),
    [incident, groups, inputs],
  )
  const sides = useMemo(() => (inputs ? sideChoices(incident, inputs) : []), [incident, inputs])
  if (!inputs) return null
  const showBytes = rows.some((r) => r.before.bytes || r.after.bytes)
  const pick = (side: 'before' | 'after', value: number) =>
    setPicked(pickComparisonSide(incident, inputs, side, value))
  return (
    <details
      className="group-comparison"
      data-testid="group-comparison"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
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
              {sides.map((group, k) =>
                group.name ? (
                  <optgroup key={k} label={group.name}>
                    {group.options.map((o) => (
                      <option key={o.index} value={o.index}>
                        {o.name}
                      </option>
                    ))}
                  </optgroup>
                ) : (
                  group.options.map((o) => (
                    <option key={o.index} value={o.index}>
                      {o.name}
                    </option>
                  ))
                ),
              )}
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
              <td className="comparison-group">
                {row.group.label}
                {row.group.states[0] ? ` [${row.group.states[0].state}]` : ''}
              </td>
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

type SideChoice = { index: number; name: string }

/** The inputs, or the snapshots of each series with several (one option group per series). */
function sideChoices(
  incident: Incident,
  inputs: DiffInputs,
): { name: string | null; options: SideChoice[] }[] {
  if (inputs.type === 'sources')
    return [{ name: null, options: incident.sources.map((s, index) => ({ index, name: s.name })) }]
  const all = getSnapshotSeries(incident)
  const several = all.filter((s) => s.snapshots.length > 1)
  // Without a series of several, the first and last snapshot the records carry.
  const series = several.length
    ? several
    : [{ key: '', snapshots: incident.snapshots.map((_, i) => i) }]
  // Labels name the input already when several were opened (`a.txt · dump 1`).
  const option = (index: number): SideChoice => ({
    index,
    name: incident.snapshots[index].label || `snapshot ${index + 1}`,
  })
  // Runs are numbered among every run of the input, as the snapshot picker numbers them
  // ("run 4 of 6"), single-snapshot runs included.
  const heapRuns = all.filter((s) => incident.snapshots[s.snapshots[0]].kind !== 'dump')
  const seriesName = (s: { key: string; snapshots: number[] }) => {
    const first = incident.snapshots[s.snapshots[0]]
    const run = heapRuns.findIndex((r) => r.key === s.key) + 1
    return first.kind === 'dump'
      ? 'Dumps'
      : `Allocation snapshots, run ${run} (${incident.sources[first.source]?.name ?? 'input'})`
  }
  return series.map((s) => ({
    name: series.length > 1 ? seriesName(s) : null,
    options: s.snapshots.map(option),
  }))
}

/** Whether a comparison picked earlier still names sides of this incident. */
function isSideOf(incident: Incident, inputs: DiffInputs): boolean {
  const count = inputs.type === 'sources' ? incident.sources.length : incident.snapshots.length
  return inputs.before < count && inputs.after < count
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
