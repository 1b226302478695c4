import { useState } from 'react'
import { formatUtc, parseUtcInput } from '../../model/notes/document'
import { describeTarget } from '../../model/notes/pins'
import { markerKinds, type MarkerKind, type PostmortemState } from '../../model/notes/types'
import { useIncidentStore } from '../../state/store'
import { CloseIcon, PinIcon } from '../icons'

/** Every note on the evidence, and the timeline markers, editable in place. */
export function NotesPanel({ state }: { readonly state: PostmortemState }) {
  const setNoteText = useIncidentStore((s) => s.setNoteText)
  const addMarker = useIncidentStore((s) => s.addMarker)
  const removeMarker = useIncidentStore((s) => s.removeMarker)
  const pin = useIncidentStore((s) => s.pin)
  const [time, setTime] = useState('')
  const [label, setLabel] = useState('')
  const [kind, setKind] = useState<MarkerKind>('detection')
  const parsed = parseUtcInput(time)
  return (
    <div className="pm-notes">
      <h3>Notes on the evidence ({state.notes.length})</h3>
      {state.notes.length === 0 ? (
        <p className="muted">Add a note from a group's detail, a frame or an event.</p>
      ) : (
        <ul className="pm-note-list" data-testid="pm-notes">
          {state.notes.map((n) => (
            <li key={n.id}>
              <span className="pm-note-target">{describeTarget(n.target, state.markers)}</span>
              <textarea
                aria-label="Note"
                rows={2}
                value={n.text}
                onChange={(e) => setNoteText(n.id, e.target.value)}
              />
            </li>
          ))}
        </ul>
      )}
      <h3>Timeline markers ({state.markers.length})</h3>
      <ul className="pm-marker-list" data-testid="pm-markers">
        {state.markers.map((m) => (
          <li key={m.id}>
            <span className={`pm-marker-kind pm-marker-${m.kind.replace(' ', '-')}`}>{m.kind}</span>
            <span className="pm-marker-time">{formatUtc(m.time)}</span>
            <span>{m.label}</span>
            <button
              type="button"
              className="pm-icon"
              aria-label={`Pin marker ${m.label}`}
              onClick={() => pin({ type: 'marker', markerId: m.id })}
            >
              <PinIcon />
            </button>
            <button
              type="button"
              className="pm-icon"
              aria-label={`Remove marker ${m.label}`}
              onClick={() => removeMarker(m.id)}
            >
              <CloseIcon />
            </button>
          </li>
        ))}
      </ul>
      <form
        className="pm-marker-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (parsed === null || !label.trim()) return
          addMarker(parsed, label.trim(), kind)
          setLabel('')
        }}
      >
        <input
          aria-label="Marker time (UTC)"
          placeholder="YYYY-MM-DD HH:MM:SS"
          value={time}
          onChange={(e) => setTime(e.target.value)}
          aria-invalid={time !== '' && parsed === null}
        />
        <select
          aria-label="Marker kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as MarkerKind)}
        >
          {markerKinds.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <input
          aria-label="Marker label"
          placeholder="What happened"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button
          type="submit"
          className="button pm-small"
          disabled={parsed === null || !label.trim()}
        >
          Add marker
        </button>
      </form>
    </div>
  )
}
