import { useIncidentStore } from '../../state/store'

/** Starts presentation mode (Shift+P). */
export function PresentButton() {
  const ready = useIncidentStore((s) => s.incident !== null && s.postmortem !== null)
  const start = useIncidentStore((s) => s.startPresenting)
  if (!ready) return null
  return (
    <button
      type="button"
      className="button"
      onClick={() => start()}
      title="Present the pinned evidence one by one (Shift+P)"
      data-testid="present-button"
    >
      Present
    </button>
  )
}
