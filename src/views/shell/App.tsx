import { useCallback, useEffect, useState } from 'react'
import { useIncidentStore } from '../../state/store'
import { getShownIncident, getViewIncident } from '../../state/selectors'
import { ShortcutsOverlay } from '../keyboard/ShortcutsOverlay'
import { useGlobalShortcuts } from '../keyboard/use-global-shortcuts'
import { IncidentView } from './IncidentView'
import { LoadProgress } from './LoadProgress'
import { StartPage } from './StartPage'
import { useFileDropAndPaste } from './use-file-drop'
import { Header } from './Header'
import { ShareLayer } from '../share/ShareLayer'
import { Presentation } from '../present/Presentation'
import { useMeetingShortcuts } from '../present/use-meeting-shortcuts'
import { loadTimelineChunk } from './timeline-chunk'
import './shell.css'

/** Runs `task` when the page is idle (soon, where the browser cannot tell); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 5000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(task, 500)
  return () => clearTimeout(id)
}

/** The page: a drop target everywhere, then the start page, the progress or the incident. */
export function App() {
  const status = useIncidentStore((s) => s.status)
  const hasIncident = useIncidentStore((s) => s.incident !== null)
  const dragging = useFileDropAndPaste()
  const [helpOpen, setHelpOpen] = useState(false)
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), [])
  useGlobalShortcuts(toggleHelp)
  useMeetingShortcuts()
  const incident = useIncidentStore((s) => s.incident)
  const presenting = useIncidentStore((s) => s.presenting !== null) && incident !== null
  const snapshot = useIncidentStore((s) => s.snapshot)
  const transformed = useIncidentStore(getViewIncident)
  // Once the page is idle, before an input is read: then it competes with no parse.
  useEffect(() => whenIdle(() => loadTimelineChunk().catch(() => {})), [])
  return (
    <div
      className={presenting ? 'app presenting' : 'app'}
      data-load-state={status.type}
      data-dragging={dragging || undefined}
    >
      <Header onHelp={toggleHelp} />
      <main className="app-main">
        {status.type === 'loading' ? <LoadProgress status={status} /> : null}
        {status.type === 'error' ? (
          <div className="message message-error" role="alert">
            <strong>Could not read that input.</strong> {status.message}
          </div>
        ) : null}
        {hasIncident && status.type !== 'loading' ? <IncidentView /> : null}
        {!hasIncident && status.type !== 'loading' ? <StartPage /> : null}
      </main>
      <ShareLayer />
      {presenting && incident ? (
        // Cards state the figures of the snapshot shown through the transforms, as the table and
        // the pane do, or of the snapshot a group or frame was pinned in.
        <Presentation
          incident={getShownIncident(transformed ?? incident, snapshot)}
          snapshots={transformed ?? incident}
        />
      ) : null}
      {helpOpen ? <ShortcutsOverlay onClose={() => setHelpOpen(false)} /> : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop to open: nothing leaves this machine
        </div>
      ) : null}
    </div>
  )
}
