import { lazy, Suspense } from 'react'
import type { Incident } from '../../model/types'
import type { ViewId } from '../../state/slices/view'
import { getShownIncident } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { getStacksIncidents } from '../../state/stacks-pipeline'
import { PostmortemPane } from '../annotations'
import { FlameView } from '../flame'
import { CrashSummary } from '../summary/CrashSummary'
import { EmptyReasons } from '../summary/EmptyReasons'
import { SourceSummary } from '../summary/SourceSummary'
import { RawLinesPanel } from '../source/RawLinesPanel'
import { StacksView } from '../stacks'
import { PaneBoundary } from '../error-boundary'
import { SnapshotPicker } from './SnapshotPicker'
import { TimeFilterChip } from './TimeFilterChip'
import { TransformBar } from '../transforms/TransformBar'
import { loadTimelineChunk } from './timeline-chunk'

// Charts are a large library: loaded while an input is read (see timeline-chunk.ts).
const TimelineView = lazy(() => loadTimelineChunk().then((m) => ({ default: m.TimelineView })))

const NO_CLOCKS: never[] = []

const TABS: { id: ViewId; label: string; key: string }[] = [
  { id: 'stacks', label: 'Stacks', key: '1' },
  { id: 'flame', label: 'Flame', key: '2' },
  { id: 'timeline', label: 'Timeline', key: '3' },
]

export function IncidentView() {
  const incident = useIncidentStore((s) => s.incident)
  const snapshot = useIncidentStore((s) => s.snapshot)
  const transforms = useIncidentStore((s) => s.transforms)
  const active = useIncidentStore((s) => s.activeView)
  const setActive = useIncidentStore((s) => s.setActiveView)
  const paneOpen = useIncidentStore((s) => s.paneOpen)
  const setPaneOpen = useIncidentStore((s) => s.setPaneOpen)
  const timeRange = useIncidentStore((s) => s.timeRange)
  const setTimeRange = useIncidentStore((s) => s.setTimeRange)
  const clocks = useIncidentStore((s) => s.postmortem?.clocks ?? NO_CLOCKS)
  const zone = useIncidentStore((s) => s.timeZone)
  if (!incident) return null
  // One snapshot of an input that has several, as parsed: what the crash banner describes.
  const snapshotShown = getShownIncident(incident, snapshot)
  // Stacks and Flame: the transforms, then the brushed range, then the snapshot shown.
  const { rewritten, brushed, narrowed, shown, rewrittenShown } = getStacksIncidents(
    incident,
    transforms,
    clocks,
    timeRange,
    snapshot,
  )
  const nothing =
    incident.records.length === 0 && incident.crashes.length === 0 && incident.events.length === 0
  return (
    <div className={`incident-layout${paneOpen ? ' with-pane' : ''}`}>
      <div className="incident">
        <SnapshotPicker incident={incident} />
        <PaneBoundary name="summary">
          <CrashSummary incident={snapshotShown} />
          <SourceSummary incident={incident} />
        </PaneBoundary>
        {nothing ? (
          <EmptyReasons incident={incident} />
        ) : (
          <>
            <nav className="tabs" role="tablist" aria-label="Views">
              {TABS.map((t) => (
                <button
                  key={t.id}
                  type="button"
                  role="tab"
                  className="tab"
                  aria-selected={active === t.id}
                  onClick={() => setActive(t.id)}
                  title={`${t.label} (${t.key})`}
                >
                  {t.label}
                </button>
              ))}
              <button
                type="button"
                className="tab tab-pane-toggle"
                aria-pressed={paneOpen}
                onClick={() => setPaneOpen(!paneOpen)}
              >
                Postmortem
              </button>
            </nav>
            <div role="tabpanel" className="view">
              {/* The timeline shows the chip in its own toolbar, by the brush. */}
              {timeRange && active !== 'timeline' ? (
                <TimeFilterChip
                  range={timeRange}
                  brushed={brushed}
                  zone={zone}
                  onClear={() => setTimeRange(null)}
                />
              ) : null}
              {active !== 'timeline' ? (
                <TransformBar parsed={snapshotShown} transformed={rewrittenShown} />
              ) : null}
              <PaneBoundary key={active} name={`${active} view`}>
                <ActiveView view={active} incident={incident} narrowed={narrowed} shown={shown} />
              </PaneBoundary>
            </div>
          </>
        )}
      </div>
      {paneOpen && !nothing ? (
        <PaneBoundary name="postmortem pane">
          <PostmortemPane incident={rewrittenShown} snapshots={rewritten} />
        </PaneBoundary>
      ) : null}
      <RawLinesPanel incident={incident} />
    </div>
  )
}

function ActiveView({
  view,
  incident,
  narrowed,
  shown,
}: {
  view: ViewId
  incident: Incident
  /** The records in the brushed time range (or all of them). */
  narrowed: Incident
  /** Of those, the snapshot shown. */
  shown: Incident
}) {
  switch (view) {
    case 'stacks':
      return <StacksView incident={shown} full={narrowed} />
    case 'flame':
      return <FlameView incident={narrowed} />
    case 'timeline':
      return (
        <Suspense fallback={<div className="message">Loading the timeline…</div>}>
          <TimelineView incident={incident} />
        </Suspense>
      )
  }
}
