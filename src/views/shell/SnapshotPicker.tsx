import { useMemo } from 'react'
import { countPerSnapshot, getChosenSnapshot, getSnapshotSeries } from '../../model/snapshot-view'
import type { Incident } from '../../model/types'
import { useIncidentStore } from '../../state/store'
import { formatCount, formatTime } from '../format'
import { StepIcon } from '../icons'

/**
 * Which snapshot the views show, for inputs with several dumps or memleak snapshots. Adding
 * snapshots up counts one goroutine or allocation many times, so the views show one at a
 * time: the last by default, as the tool printed it last.
 */
export function SnapshotPicker({ incident }: { readonly incident: Incident }) {
  const chosen = useIncidentStore((s) => s.snapshot)
  const setSnapshot = useIncidentStore((s) => s.setSnapshot)
  const zone = useIncidentStore((s) => s.timeZone)
  const allSeries = useMemo(() => getSnapshotSeries(incident), [incident])
  const series = allSeries.filter((s) => s.snapshots.length > 1)
  const counts = useMemo(() => countPerSnapshot(incident), [incident])
  if (series.length === 0) return null
  const current = getChosenSnapshot(incident, chosen)
  const all = series.flatMap((s) => s.snapshots)
  const at = current === null ? -1 : all.indexOf(current)
  const label = (i: number) => {
    const s = incident.snapshots[i]
    const time =
      s.time !== undefined
        ? ` · ${s.timeApprox ? '≈' : ''}${formatTime(s.time, 'absolute', zone)}`
        : ''
    const what =
      s.kind === 'dump'
        ? `${formatCount(counts[i])} ${s.format === 'go' ? 'goroutine' : 'thread'}${counts[i] === 1 ? '' : 's'}`
        : `${formatCount(s.bytes)} B in ${formatCount(s.allocations)} allocations`
    return `${s.label}${time} — ${what}`
  }
  const step = (by: number) => {
    const next = all[at + by]
    if (next !== undefined) setSnapshot(next)
  }
  return (
    <div className="snapshot-picker" role="group" aria-label="Snapshot">
      <span className="snapshot-picker-title">Snapshot</span>
      <button
        type="button"
        onClick={() => step(-1)}
        disabled={at <= 0}
        aria-label="Previous snapshot"
        title="Previous snapshot ([)"
      >
        <StepIcon direction="previous" />
      </button>
      <select
        aria-label="Snapshot shown"
        value={current ?? ''}
        onChange={(e) => setSnapshot(Number(e.target.value))}
      >
        {series.map((s) =>
          s.snapshots.map((i) => (
            <option key={i} value={i}>
              {label(i)}
            </option>
          )),
        )}
      </select>
      <button
        type="button"
        onClick={() => step(1)}
        disabled={at === -1 || at >= all.length - 1}
        aria-label="Next snapshot"
        title="Next snapshot (])"
      >
        <StepIcon direction="next" />
      </button>
      <span className="muted" data-testid="snapshot-position">
        {at + 1} of {all.length}
        {current === all.at(-1) ? ' (the last, as printed last)' : ''};{' '}
        {/* The views also show the last snapshot of every other run (selectSnapshot): say so,
            or the table's totals read as this snapshot's. */}
        {allSeries.length > 1
          ? `counts are of this snapshot and the last of ${allSeries.length - 1} other run${allSeries.length === 2 ? '' : 's'}`
          : 'counts are of this snapshot alone'}
      </span>
    </div>
  )
}
