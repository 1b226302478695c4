import { useEffect, useRef, useState } from 'react'
import type { Incident } from '../../model/types'
import { readSourceLines } from '../../parse/source-lines'
import type { RawLinesRequest } from '../../state/slices/view'
import { getSourceBlob } from '../../state/source-blobs'
import { useIncidentStore } from '../../state/store'
import './raw-lines.css'
import { CloseIcon } from '../icons'

/** Lines shown either side of the asked ones, like `grep -C 10`. */
export const RAW_CONTEXT = 10
/** Lines each "more" button adds. */
const STEP = 20
/** A longer line is cut here, and says so: a 100 KB minified line must not stall the page. */
const MAX_LINE = 10_000

/**
 * The input's own lines around a crash, an event or a record, read back from the file through
 * the line index, the asked lines marked. Shown as text, never as HTML.
 */
export function RawLinesPanel({ incident }: { readonly incident: Incident }) {
  const request = useIncidentStore((s) => s.rawLines)
  if (!request || !incident.sources[request.source]) return null
  const key = `${request.source}:${request.first}:${request.last}`
  return <RawLines key={key} incident={incident} request={request} />
}

function RawLines({
  incident,
  request,
}: {
  readonly incident: Incident
  readonly request: RawLinesRequest
}) {
  const close = useIncidentStore((s) => s.showRawLines)
  const info = incident.sources[request.source]
  const blob = getSourceBlob(request.source)
  const [above, setAbove] = useState(RAW_CONTEXT)
  const [below, setBelow] = useState(RAW_CONTEXT)
  const start = Math.max(0, request.first - above)
  const end = Math.min(Math.max(0, info.lines - 1), request.last + below)
  const [read, setRead] = useState<{ start: number; text: string[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const panel = useRef<HTMLElement>(null)
  useEffect(() => panel.current?.focus(), [])
  useEffect(() => {
    if (!blob) return
    let cancelled = false
    readSourceLines(blob, info, start, end - start + 1).then(
      (text) => !cancelled && setRead({ start, text }),
      (err: unknown) => !cancelled && setError(`Could not read the lines back: ${String(err)}`),
    )
    return () => {
      cancelled = true
    }
  }, [blob, info, start, end])
  const done = read !== null && read.start === start
  return (
    <section
      ref={panel}
      className="raw-lines"
      role="dialog"
      aria-label={`Lines of ${info.name}`}
      data-testid="raw-lines"
      data-state={done || error || !blob ? 'done' : 'loading'}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          close(null)
        }
      }}
    >
      <header className="raw-lines-header">
        <strong>{info.name}</strong>
        <span className="muted" data-testid="raw-lines-range">
          lines {start + 1}–{end + 1} of {info.lines}
        </span>
        <button
          type="button"
          className="button pm-small"
          disabled={start === 0}
          onClick={() => setAbove(above + STEP)}
        >
          {STEP} more above
        </button>
        <button
          type="button"
          className="button pm-small"
          disabled={end >= info.lines - 1}
          onClick={() => setBelow(below + STEP)}
        >
          {STEP} more below
        </button>
        <button
          type="button"
          className="button pm-small raw-lines-close"
          aria-label="Close the lines"
          onClick={() => close(null)}
        >
          <CloseIcon />
        </button>
      </header>
      {!blob ? (
        <p className="message">
          The input is not loaded here, and Debrief keeps no copy of its text: open the file to see
          its lines.
        </p>
      ) : error ? (
        <p className="message message-error" role="alert">
          {error}
        </p>
      ) : (
        <div className="raw-lines-text" role="list">
          {(read?.text ?? []).map((line, k) => {
            const n = (read?.start ?? 0) + k
            const marked = n >= request.first && n <= request.last
            return (
              <div
                key={n}
                role="listitem"
                className={marked ? 'raw-line raw-line-marked' : 'raw-line'}
                aria-current={marked ? 'true' : undefined}
                data-line={n + 1}
              >
                <span className="raw-line-no">{n + 1}</span>
                <span className="raw-line-text">
                  {line.length > MAX_LINE
                    ? `${line.slice(0, MAX_LINE)} … (${line.length - MAX_LINE} more characters)`
                    : line}
                </span>
              </div>
            )
          })}
        </div>
      )}
    </section>
  )
}
