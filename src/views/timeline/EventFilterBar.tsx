import { Level } from '../../model/types'
import { useIncidentStore } from '../../state/store'

const LEVELS: { level: number; label: string }[] = [
  { level: Level.none, label: 'All levels' },
  { level: Level.trace, label: 'Trace and above' },
  { level: Level.debug, label: 'Debug and above' },
  { level: Level.info, label: 'Info and above' },
  { level: Level.warn, label: 'Warn and above' },
  { level: Level.error, label: 'Error and above' },
  { level: Level.fatal, label: 'Fatal only' },
]

/** The event list's filter: text or /regex/ (focused by `/`) and the least severe level shown. */
export function EventFilterBar({
  error,
  pending,
}: {
  readonly error: string | null
  readonly pending: boolean
}) {
  const filter = useIncidentStore((s) => s.eventFilter)
  const setFilter = useIncidentStore((s) => s.setEventFilter)
  const level = useIncidentStore((s) => s.eventLevel)
  const setLevel = useIncidentStore((s) => s.setEventLevel)
  return (
    <div className="toolbar event-filter">
      <label className="toolbar-field toolbar-search">
        <span>Filter</span>
        <input
          type="search"
          value={filter}
          placeholder="text in the line, or /regex/"
          onChange={(e) => setFilter(e.target.value)}
          aria-invalid={error ? true : undefined}
          data-testid="event-filter"
          data-search
        />
      </label>
      <label className="toolbar-field">
        <span>Level</span>
        <select
          value={level}
          onChange={(e) => setLevel(Number(e.target.value))}
          data-testid="event-level"
        >
          {LEVELS.map((l) => (
            <option key={l.level} value={l.level}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {pending ? <span className="muted">reading the input…</span> : null}
      {error ? (
        <span className="message message-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}
