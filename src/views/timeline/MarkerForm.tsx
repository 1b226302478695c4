import { useState } from 'react'
import { markerKinds, type MarkerKind } from '../../model/notes/types'
import { formatTime } from '../format'

const SUGGESTIONS = ['deploy', 'flag at 60%', 'alert fired', 'mitigated', 'rollback', 'restart']

/** Adds a marker at a time picked on a chart: a label (with common ones offered) and a kind. */
export function MarkerForm({
  time,
  zone,
  onAdd,
  onCancel,
}: {
  time: number
  zone: 'utc' | 'local'
  onAdd(label: string, kind: MarkerKind): void
  onCancel(): void
}) {
  const [label, setLabel] = useState('')
  const [kind, setKind] = useState<MarkerKind>('key moment')
  return (
    <form
      className="marker-form"
      data-testid="marker-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (label.trim()) onAdd(label.trim(), kind)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel()
      }}
    >
      <span className="marker-form-time">Marker at {formatTime(time, 'absolute', zone)}</span>
      <input
        autoFocus
        list="marker-suggestions"
        value={label}
        placeholder="deploy, alert fired, mitigated…"
        aria-label="Marker label"
        onChange={(e) => setLabel(e.target.value)}
      />
      <datalist id="marker-suggestions">
        {SUGGESTIONS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <select
        value={kind}
        aria-label="Marker kind"
        onChange={(e) => setKind(e.target.value as MarkerKind)}
      >
        {markerKinds.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-primary" disabled={!label.trim()}>
        Add marker
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}
