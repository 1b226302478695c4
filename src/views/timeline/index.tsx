import { useMemo, useState } from 'react'
import type { Incident } from '../../model/types'
import { computeTimeAxis } from '../../model/timeline/histogram'
import { getChosenSnapshot } from '../../model/snapshot-view'
import { computeStuckSince, getDumpAnchor } from '../../model/timeline/stuck-since'
import { getClockedIncident, getGroups, getShownIncident } from '../../state/selectors'
import { computeMoments } from '../../model/timeline/moments'
import { useIncidentStore } from '../../state/store'
import { ItemActions } from '../annotations/ItemActions'
import { eventsMarkdown } from '../../model/handoff/markdown-blocks'
import { formatTime } from '../format'
import { CopyMarkdownButton } from '../handoff/CopyMarkdownButton'
import { readEventLines } from '../handoff/event-lines'
import { getEventsInRange } from './event-order'
import { TimeFilterChip } from '../shell/TimeFilterChip'
import { EventHistogram } from './EventHistogram'
import { EventList } from './EventList'
import { MarkerForm } from './MarkerForm'
import { MetricsChart } from './MetricsChart'
import { SnapshotGrowth } from './SnapshotGrowth'
import { SourcesPanel } from './SourcesPanel'
import { StuckSinceChart } from './StuckSinceChart'
import { DumpTakenAtField } from './DumpTakenAtField'
import { getUndatedDump } from '../../model/notes/dump-taken-at'
import { pinContextOf } from '../../model/notes/pin-context'
import { useFirstPaintMeasure } from '../use-first-paint-measure'

const NO_MARKERS: never[] = []
const NO_CLOCKS: never[] = []

/** Which sources have events counted from boot, by source index. */
function sourcesWithSinceBootTimes(incident: Incident): boolean[] {
  const out = incident.sources.map(() => false)
  const { relative, source, length } = incident.events
  for (let i = 0; i < length; i++) if (relative[i] === 1) out[source[i]] = true
  return out
}

/**
 * Everything timestamped in the inputs on one time axis, each input's times read through its
 * clock settings. Reads the store; charts only draw.
 */
export function TimelineView({ incident: parsed }: { readonly incident: Incident }) {
  const timeRange = useIncidentStore((s) => s.timeRange)
  const setTimeRange = useIncidentStore((s) => s.setTimeRange)
  const zone = useIncidentStore((s) => s.timeZone)
  const setZone = useIncidentStore((s) => s.setTimeZone)
  const mode = useIncidentStore((s) => s.groupMode)
  const markers = useIncidentStore((s) => s.postmortem?.markers ?? NO_MARKERS)
  const addMarker = useIncidentStore((s) => s.addMarker)
  const clocks = useIncidentStore((s) => s.postmortem?.clocks ?? NO_CLOCKS)
  const setSourceClock = useIncidentStore((s) => s.setSourceClock)
  const [pendingMarker, setPendingMarker] = useState<number | null>(null)
  const incident = getClockedIncident(parsed, clocks)
  const sinceBoot = useMemo(() => sourcesWithSinceBootTimes(parsed), [parsed])
  const axis = useMemo(() => computeTimeAxis(incident), [incident])
  const moments = useMemo(
    () => (axis ? computeMoments(incident, axis.clock) : []),
    [incident, axis],
  )
  const snapshot = useIncidentStore((s) => s.snapshot)
  const setSnapshot = useIncidentStore((s) => s.setSnapshot)
  // Waits are counted back from the dump shown, at its own time.
  const shown = getShownIncident(incident, snapshot)
  const dump = getUndatedDump(parsed, getChosenSnapshot(incident, snapshot), clocks)
  const stuck = useMemo(() => {
    const chosen = getChosenSnapshot(incident, snapshot)
    const anchor = getDumpAnchor(incident, chosen, dump?.takenAt)
    return computeStuckSince(shown, getGroups(shown, mode), 6, anchor)
  }, [incident, shown, snapshot, mode, dump?.takenAt])
  const wallClock = axis?.clock === 'absolute'
  useFirstPaintMeasure(parsed)
  // Snapshots are charted from two on (SnapshotGrowth); one dump alone draws nothing.
  const hasAnything = axis !== null || stuck !== null || incident.snapshots.length > 1
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
          <TimeFilterChip
            range={timeRange}
            brushed={null}
            clock={axis?.clock ?? 'absolute'}
            zone={zone}
            onClear={() => setTimeRange(null)}
          />
        ) : null}
        {timeRange && wallClock ? (
          <ItemActions
            target={{ type: 'range', start: timeRange[0], end: timeRange[1] }}
            what="time range"
            link={{ view: 'timeline', t: timeRange }}
          >
            <CopyMarkdownButton
              what="time range"
              make={async () =>
                eventsMarkdown(
                  await readEventLines(
                    incident,
                    getEventsInRange(incident, axis.clock, timeRange),
                    axis.clock,
                    zone,
                  ),
                  `from ${formatTime(timeRange[0], axis.clock, zone)} to ${formatTime(timeRange[1], axis.clock, zone)}`,
                )
              }
            />
          </ItemActions>
        ) : null}
      </div>
      {parsed.sources.length > 1 ||
      sinceBoot.includes(true) ||
      parsed.sources.some((s) => s.assumedYear) ? (
        <SourcesPanel
          incident={parsed}
          clocks={clocks}
          sinceBoot={sinceBoot}
          zone={zone}
          onChange={setSourceClock}
        />
      ) : null}
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
          moments={moments}
          onRange={setTimeRange}
          onPickTime={wallClock ? setPendingMarker : undefined}
        />
      ) : null}
      {axis && incident.series.length ? (
        <MetricsChart
          incident={incident}
          clock={axis.clock}
          range={timeRange}
          span={timeRange ?? [axis.min, axis.max]}
          zone={zone}
          markers={wallClock ? markers : NO_MARKERS}
          moments={moments}
        />
      ) : null}
      {stuck && dump ? (
        <DumpTakenAtField
          dumpLabel={`${dump.source.name}:${dump.line + 1}`}
          takenAt={dump.takenAt}
          onChange={(time) => setSourceClock(dump.source, dump.clockWith(time))}
        />
      ) : null}
      {stuck ? <StuckSinceChart stuck={stuck} zone={zone} /> : null}
      {incident.snapshots.length > 1 ? (
        <SnapshotGrowth incident={incident} chosen={snapshot} onChoose={setSnapshot} />
      ) : null}
      {axis ? (
        <EventList
          incident={incident}
          clock={axis.clock}
          range={timeRange}
          zone={zone}
          shown={pinContextOf(timeRange, axis.min, axis.max)}
        />
      ) : null}
    </section>
  )
}
