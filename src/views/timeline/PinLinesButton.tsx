import { useMemo, useState } from 'react'
import { linesTarget } from '../../model/notes/pins'
import { PIN_LINES } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { readSourceLines } from '../../parse/source-lines'
import { getSourceBlob } from '../../state/source-blobs'
import { useIncidentStore } from '../../state/store'

/**
 * Pins an event's lines: its own and those under it up to the source's next event (a stack
 * trace below a log line, a report's body), at most `PIN_LINES`. The text is read back from
 * the file and copied into the pin, as the model keeps none.
 */
export function PinLinesButton({
  incident,
  event,
}: {
  readonly incident: Incident
  readonly event: number
}) {
  const pin = useIncidentStore((s) => s.pin)
  const ready = useIncidentStore((s) => s.postmortem !== null)
  const [error, setError] = useState<string | null>(null)
  const e = incident.events
  const source = e.source[event]
  const first = e.line[event]
  // A scan of the whole event table: once per focused event, not on every scroll.
  const next = useMemo(() => nextEventLine(incident, event), [incident, event])
  const last = Math.min(first + PIN_LINES - 1, next - 1)
  const blob = getSourceBlob(source)
  const info = incident.sources[source]
  if (!blob || !info) return null
  return (
    <>
      <button
        type="button"
        className="button pm-small"
        disabled={!ready}
        data-testid="pin-lines-button"
        onClick={() => {
          setError(null)
          readSourceLines(blob, info, first, last - first + 1).then(
            (text) => pin(linesTarget(incident, source, first, first + text.length - 1, text)),
            (err: unknown) => setError(`Could not read the lines back: ${String(err)}`),
          )
        }}
      >
        Pin lines {first + 1}
        {last > first ? `–${last + 1}` : ''}
      </button>
      {error ? (
        <span className="message-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  )
}

/** The line of the source's next event after `event` (or the source's end). */
function nextEventLine(incident: Incident, event: number): number {
  const e = incident.events
  const source = e.source[event]
  const line = e.line[event]
  let next = incident.sources[source]?.lines ?? line + 1
  for (let i = 0; i < e.length; i++)
    if (e.source[i] === source && e.line[i] > line && e.line[i] < next) next = e.line[i]
  return Math.max(line + 1, next)
}
