import { Fragment, useEffect, useMemo } from 'react'
import { sameTarget } from '../../model/notes/pins'
import type { Incident } from '../../model/types'
import { showDestination } from '../../state/deep-link-sync'
import { useIncidentStore } from '../../state/store'
import { usePinResolver } from '../annotations/use-resolver'
import { breakable } from '../breakable'
import { openAudienceWindow, startPresenterChannel } from '../../state/follow'
import { computePresentSteps } from './present-steps'
import './present.css'

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' '])
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp'])
const NO_MARKERS: never[] = []

/**
 * Presentation mode: the view shows one pinned item at a time, in document order, and this
 * panel shows its label, its card and the notes on it. Clickers send PageUp/PageDown (some
 * send arrows); Escape leaves. The page goes full screen when the browser allows it.
 */
export function Presentation({
  incident,
  snapshots,
}: {
  /** The snapshot shown. */
  readonly incident: Incident
  /** The same incident with all of its snapshots (see `usePinResolver`). */
  readonly snapshots: Incident
}) {
  const presenting = useIncidentStore((s) => s.presenting)!
  const postmortem = useIncidentStore((s) => s.postmortem)
  const setStep = useIncidentStore((s) => s.setPresentStep)
  const stop = useIncidentStore((s) => s.stopPresenting)
  const markers = postmortem?.markers ?? NO_MARKERS
  const resolve = usePinResolver(incident, markers, snapshots)
  const steps = useMemo(() => (postmortem ? computePresentSteps(postmortem) : []), [postmortem])
  const index = Math.min(presenting.step, Math.max(0, steps.length - 1))
  const pin = steps[index]
  const resolved = pin ? resolve(pin) : null
  const notes = pin ? (postmortem?.notes ?? []).filter((n) => sameTarget(n.target, pin.target)) : []

  // Show the item in its view whenever the step changes.
  const destination = resolved?.destination
  const key = destination ? JSON.stringify(destination) : ''
  useEffect(() => {
    if (destination) showDestination(destination)
    // `key` stands for the destination's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, index])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      let next: number | null = null
      if (NEXT.has(e.key)) next = Math.min(steps.length - 1, index + 1)
      else if (PREVIOUS.has(e.key)) next = Math.max(0, index - 1)
      else if (e.key === 'Home') next = 0
      else if (e.key === 'End') next = steps.length - 1
      else if (e.key === 'Escape') {
        stop()
      } else return
      e.preventDefault()
      e.stopImmediatePropagation()
      if (next !== null && next >= 0) setStep(next)
    }
    // Capture: the views' own arrow keys (table rows, flame canvas) must not see these.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [index, steps.length, setStep, stop])

  // Full screen while presenting; leaving full screen (the browser's own Escape) leaves too.
  useEffect(() => {
    if (presenting.follower) return
    let entered = false
    const root = document.documentElement
    if (!document.fullscreenElement && root.requestFullscreen)
      root.requestFullscreen().then(
        () => (entered = true),
        () => undefined, // Refused (no user gesture, or an iframe): presenting works without it.
      )
    const onChange = () => {
      if (entered && !document.fullscreenElement) useIncidentStore.getState().stopPresenting()
    }
    document.addEventListener('fullscreenchange', onChange)
    const stopChannel = startPresenterChannel()
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      stopChannel()
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    }
  }, [presenting.follower])

  return (
    <aside className="present-panel" aria-label="Presentation" data-testid="present-panel">
      <div className="present-progress" aria-live="polite">
        <span data-testid="present-progress">
          {steps.length ? `${index + 1} / ${steps.length}` : '0 / 0'}
        </span>
        <progress max={Math.max(1, steps.length)} value={steps.length ? index + 1 : 0} />
      </div>
      {!postmortem ? (
        <p>Restoring the postmortem…</p>
      ) : !pin || !resolved ? (
        <p>
          Nothing is pinned yet. Pin groups, frames, events or time ranges to the postmortem, then
          present them here one by one.
        </p>
      ) : (
        <article className="present-item" data-testid="present-item">
          <h2>{breakable(pin.label)}</h2>
          <p className="present-heading">{breakable(resolved.heading)}</p>
          {resolved.code.length ? (
            <pre className="present-code" data-testid="present-code">
              {resolved.code.map((line, i) => (
                <Fragment key={i}>
                  {i ? '\n' : null}
                  {breakable(line)}
                </Fragment>
              ))}
            </pre>
          ) : null}
          {resolved.meta.map((m) => (
            <p key={m} className="muted present-meta">
              {breakable(m)}
            </p>
          ))}
          {!resolved.found ? (
            <p className="message message-warning">This item is not in the loaded input.</p>
          ) : null}
          {notes.map((n) => (
            <blockquote key={n.id} className="present-note" data-testid="present-note">
              {n.text}
            </blockquote>
          ))}
        </article>
      )}
      <footer className="present-help">
        {presenting.follower ? (
          <span>Following the presenter’s window.</span>
        ) : (
          <>
            <span>
              <kbd>→</kbd> <kbd>PgDn</kbd> next · <kbd>←</kbd> <kbd>PgUp</kbd> back · <kbd>Esc</kbd>{' '}
              leave
            </span>
            <button type="button" className="button" onClick={openAudienceWindow}>
              Open an audience window
            </button>
          </>
        )}
        <button type="button" className="button" onClick={stop} data-testid="present-exit">
          Leave
        </button>
      </footer>
    </aside>
  )
}
