import { useMemo } from 'react'
import { dumpRecordNoun, leakWeightText } from '../../model/record-noun'
import {
  countPerSnapshot,
  getChosenSnapshot,
  getSnapshotPosition,
  getSnapshotSeries,
  hasSnapshotChoice,
  type SnapshotPosition,
  type SnapshotSeries,
} from '../../model/snapshot-view'
import type { Incident } from '../../model/types'
import { useIncidentStore } from '../../state/store'
import { formatCount, formatTime } from '../format'
import { StepIcon } from '../icons'

/**
 * Which snapshot the views show, for inputs with several dumps or memleak snapshots, or several
 * runs of a leak tool. Adding snapshots up counts one goroutine or allocation many times, and
 * two runs added up give a figure neither printed, so the views show one at a time: the last
 * by default, as the tool printed it last. Snapshots are listed by run.
 */
export function SnapshotPicker({ incident }: { readonly incident: Incident }) {
  const chosen = useIncidentStore((s) => s.snapshot)
  const setSnapshot = useIncidentStore((s) => s.setSnapshot)
  const zone = useIncidentStore((s) => s.timeZone)
  const series = useMemo(() => getSnapshotSeries(incident), [incident])
  const counts = useMemo(() => countPerSnapshot(incident), [incident])
  if (!hasSnapshotChoice(incident)) return null
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
        ? `${formatCount(counts[i])} ${dumpRecordNoun(s.format, counts[i])}`
        : leakWeightText(s.bytes, s.allocations, formatCount)
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
        {series.length === 1
          ? series[0].snapshots.map((i) => (
              <option key={i} value={i}>
                {label(i)}
              </option>
            ))
          : series.map((s, k) => (
              <optgroup key={s.key} label={describeRun(incident, series, k)}>
                {s.snapshots.map((i) => (
                  <option key={i} value={i}>
                    {label(i)}
                  </option>
                ))}
              </optgroup>
            ))}
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

/** `Run 2 of 3` for a leak tool's runs; `Dumps` for the dumps beside them. */
function describeRun(incident: Incident, series: SnapshotSeries[], k: number): string {
  const kind = (s: SnapshotSeries) => incident.snapshots[s.snapshots[0]].kind
  if (kind(series[k]) === 'dump') return 'Dumps'
  const runs = series.filter((s) => kind(s) === kind(series[k]))
  return `Run ${runs.indexOf(series[k]) + 1} of ${runs.length}`
}

/**
 * `2 of 7 (the last, as printed last), run 2 of 3; counts are of this snapshot alone`. Beside
 * heap snapshots the views also show the last dump (selectSnapshot): the note says so, or a
 * table's totals read as this snapshot's.
 */
export function describeSnapshotPosition(position: SnapshotPosition | null): string {
  if (!position) return ''
  const { index, count, isLast, run, runs, otherRuns } = position
  const counts =
    otherRuns > 0
      ? `counts are of this snapshot and ${describeOtherRuns(otherRuns)}`
      : 'counts are of this snapshot alone'
  const ofRun = runs > 1 ? `, run ${run} of ${runs}` : ''
  return `${index + 1} of ${count}${isLast ? ' (the last, as printed last)' : ''}${ofRun}; ${counts}`
}

/** `the last snapshot of 1 other kind`: what the views add to the chosen snapshot. */
export function describeOtherRuns(otherRuns: number): string {
  return `the last of ${otherRuns} other kind${otherRuns === 1 ? '' : 's'} (dumps or heap snapshots)`
}
