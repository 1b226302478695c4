import { useMemo } from 'react'
import {
  countPerSnapshot,
  getChosenSnapshot,
  getSnapshotPosition,
  getSnapshotSeries,
  type SnapshotPosition,
} from '../../model/snapshot-view'
import type { Incident } from '../../model/types'
import { useIncidentStore } from '../../state/store'
import { countOf, formatCount, formatTime } from '../format'
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
  const series = useMemo(
    () => getSnapshotSeries(incident).filter((s) => s.snapshots.length > 1),
    [incident],
  )
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
        ? countOf(counts[i], s.format === 'go' ? 'goroutine' : 'thread')
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
        {describeSnapshotPosition(getSnapshotPosition(incident, chosen))}
      </span>
    </div>
  )
}

/**
 * `2 of 7 (the last, as printed last); counts are of this snapshot alone`. The views also show
 * the last snapshot of every other run (selectSnapshot): the note says so, or a table's totals
 * read as this snapshot's.
 */
export function describeSnapshotPosition(position: SnapshotPosition | null): string {
  if (!position) return ''
  const { index, count, isLast, otherRuns } = position
  const counts =
    otherRuns > 0
      ? `counts are of this snapshot and ${describeOtherRuns(otherRuns)}`
      : 'counts are of this snapshot alone'
  return `${index + 1} of ${count}${isLast ? ' (the last, as printed last)' : ''}; ${counts}`
}

/** `the last of 5 other runs`: what the views add to the chosen snapshot. */
export function describeOtherRuns(otherRuns: number): string {
  return `the last of ${otherRuns} other run${otherRuns === 1 ? '' : 's'}`
}
