import {
  computeDurations,
  formatDuration,
  parseUtcInput,
  toUtcInputValue,
} from '../../model/notes/document'
import {
  docStatuses,
  severities,
  type IncidentTimes,
  type PostmortemDoc,
} from '../../model/notes/types'

const TIMES: {
  key: keyof IncidentTimes
  label: string
  since?: 'detect' | 'mitigate' | 'resolve'
}[] = [
  { key: 'impactStart', label: 'Impact started' },
  { key: 'detected', label: 'Detected', since: 'detect' },
  { key: 'mitigated', label: 'Mitigated', since: 'mitigate' },
  { key: 'resolved', label: 'Resolved', since: 'resolve' },
]

/** Title, severity, status, owner, services and the key times with computed durations. */
export function DocHeader({
  doc,
  onChange,
}: {
  readonly doc: PostmortemDoc
  onChange(change: Partial<PostmortemDoc>): void
}) {
  const durations = computeDurations(doc.times)
  return (
    <div className="pm-header">
      <input
        className="pm-title"
        aria-label="Title"
        placeholder="Incident title"
        value={doc.title}
        onChange={(e) => onChange({ title: e.target.value })}
        data-testid="pm-title"
      />
      <div className="pm-fields">
        <label>
          <span>Severity</span>
          <select
            value={doc.severity}
            onChange={(e) => onChange({ severity: e.target.value as PostmortemDoc['severity'] })}
          >
            <option value="">not set</option>
            {severities.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Status</span>
          <select
            value={doc.status}
            onChange={(e) => onChange({ status: e.target.value as PostmortemDoc['status'] })}
          >
            {docStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Owner</span>
          <input value={doc.owner} onChange={(e) => onChange({ owner: e.target.value })} />
        </label>
        <label>
          <span>Services</span>
          <input value={doc.services} onChange={(e) => onChange({ services: e.target.value })} />
        </label>
      </div>
      <div className="pm-times">
        {TIMES.map((t) => (
          <TimeField
            key={t.key}
            label={t.label}
            value={doc.times[t.key]}
            since={t.since ? durations[t.since] : null}
            onChange={(v) => onChange({ times: { ...doc.times, [t.key]: v } })}
          />
        ))}
      </div>
    </div>
  )
}

function TimeField({
  label,
  value,
  since,
  onChange,
}: {
  label: string
  value: number | null
  since: number | null
  onChange(value: number | null): void
}) {
  const text = toUtcInputValue(value)
  return (
    <label className="pm-time">
      <span>{label} (UTC)</span>
      <input
        // Typed as text: `datetime-local` would show the reader's zone, and times here are UTC.
        defaultValue={text.replace('T', ' ')}
        key={text}
        placeholder="YYYY-MM-DD HH:MM"
        onBlur={(e) => {
          const v = e.target.value.trim() === '' ? null : parseUtcInput(e.target.value)
          if (v !== null || e.target.value.trim() === '') onChange(v)
          e.target.setAttribute('aria-invalid', String(v === null && e.target.value.trim() !== ''))
        }}
      />
      {since !== null ? <small>+{formatDuration(since)}</small> : null}
    </label>
  )
}
