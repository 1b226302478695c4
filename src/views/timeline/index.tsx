import { useMemo } from 'react'
import type { Incident } from '../../model/types'
import { computeTimeAxis } from '../../model/timeline/histogram'
import { computeStuckSince } from '../../model/timeline/stuck-since'
import { getGroups } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { EventHistogram } from './EventHistogram'
import { EventList } from './EventList'
import { MetricsChart } from './MetricsChart'
import { SnapshotGrowth } from './SnapshotGrowth'
import { StuckSinceChart } from './StuckSinceChart'

/** Everything timestamped in the inputs on one time axis. Reads the store; charts only draw. */
export function TimelineView({ incident }: { readonly incident: Incident }) {
  const timeRange = useIncidentStore((s) => s.timeRange)
  const setTimeRange = useIncidentStore((s) => s.setTimeRange)
  const zone = useIncidentStore((s) => s.timeZone)
  const setZone = useIncidentStore((s) => s.setTimeZone)
  const mode = useIncidentStore((s) => s.groupMode)
  const axis = useMemo(() => computeTimeAxis(incident), [incident])
  const stuck = useMemo(
    () => computeStuckSince(incident, getGroups(incident, mode)),
    [incident, mode],
  )
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
        {timeRange ? (
          <button type="button" className="button" onClick={() => setTimeRange(null)}>
            Show the whole time range
          </button>
        ) : null}
      </div>
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
          onRange={setTimeRange}
        />
      ) : null}
      {axis && incident.series.length ? (
        <MetricsChart incident={incident} clock={axis.clock} range={timeRange} zone={zone} />
      ) : null}
      {stuck ? <StuckSinceChart incident={incident} stuck={stuck} zone={zone} /> : null}
      {incident.snapshots.length > 1 ? <SnapshotGrowth incident={incident} /> : null}
      {axis ? (
        <EventList incident={incident} clock={axis.clock} range={timeRange} zone={zone} />
      ) : null}
    </section>
  )
}
