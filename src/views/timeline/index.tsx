import { useMemo, useState } from 'react'
import type { Incident } from '../../model/types'
import { computeTimeAxis } from '../../model/timeline/histogram'
import { computeStuckSince } from '../../model/timeline/stuck-since'
import { getGroups } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { EventHistogram } from './EventHistogram'
import { EventList } from './EventList'
import { MarkerForm } from './MarkerForm'
import { MetricsChart } from './MetricsChart'
import { SnapshotGrowth } from './SnapshotGrowth'
import { StuckSinceChart } from './StuckSinceChart'

const NO_MARKERS: never[] = []

/** Everything timestamped in the inputs on one time axis. Reads the store; charts only draw. */
export function TimelineView({ incident }: { readonly incident: Incident }) {
  const timeRange = useIncidentStore((s) => s.timeRange)
  const setTimeRange = useIncidentStore((s) => s.setTimeRange)
  const zone = useIncidentStore((s) => s.timeZone)
  const setZone = useIncidentStore((s) => s.setTimeZone)
  const mode = useIncidentStore((s) => s.groupMode)
  const markers = useIncidentStore((s) => s.postmortem?.markers ?? NO_MARKERS)
  const addMarker = useIncidentStore((s) => s.addMarker)
  const [pendingMarker, setPendingMarker] = useState<number | null>(null)
  const axis = useMemo(() => computeTimeAxis(incident), [incident])
  const stuck = useMemo(
    () => computeStuckSince(incident, getGroups(incident, mode)),
    [incident, mode],
  )
  const wallClock = axis?.clock === 'absolute'
  const hasAnything = axis !== null || stuck !== null || incident.snapshots.length > 0
  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
      <div className="toolbar">
        <label className="toolbar-field">
          <span>Times in</span>
          <select value={zone} onChange={(e) => setZone(e.target.value as 'utc' | 'local')}>
            <option value="utc">UTC</option>
            <option value="local">local time</option>
          </select>
        </label>
        {wallClock ? (
          <button
            type="button"
            className="button"
            onClick={() => setPendingMarker(timeRange ? timeRange[0] : axis.max)}
            title="Mark a deploy, an alert, a mitigation… (or double-click the chart at that time)"
          >
            Add marker
          </button>
        ) : null}
        {timeRange ? (
          <button type="button" className="button" onClick={() => setTimeRange(null)}>
            Show the whole time range
          </button>
        ) : null}
      </div>
      {pendingMarker !== null ? (
        <MarkerForm
          time={pendingMarker}
          zone={zone}
          onCancel={() => setPendingMarker(null)}
          onAdd={(label, kind) => {
            addMarker(pendingMarker, label, kind)
            setPendingMarker(null)
          }}
        />
      ) : null}
      {!hasAnything ? (
        <div className="message" data-testid="timeline-empty">
          Nothing in this input carries a time: no timestamped log lines, no wait times, no
          snapshots.
        </div>
      ) : null}
      {axis ? (
        <EventHistogram
          incident={incident}
          axis={axis}
          range={timeRange}
          zone={zone}
          markers={wallClock ? markers : NO_MARKERS}
          onRange={setTimeRange}
          onPickTime={wallClock ? setPendingMarker : undefined}
        />
      ) : null}
      {axis && incident.series.length ? (
        <MetricsChart
          incident={incident}
          clock={axis.clock}
          range={timeRange}
          zone={zone}
          markers={wallClock ? markers : NO_MARKERS}
        />
      ) : null}
      {stuck ? <StuckSinceChart incident={incident} stuck={stuck} zone={zone} /> : null}
      {incident.snapshots.length > 1 ? <SnapshotGrowth incident={incident} /> : null}
      {axis ? (
        <EventList incident={incident} clock={axis.clock} range={timeRange} zone={zone} />
      ) : null}
    </section>
  )
}
