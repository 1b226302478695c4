import type { ReactElement } from 'react'
import { builtinPatterns } from '../../model/redact/patterns'
import type { RedactionMatch } from '../../model/redact/redact'
import type { PreviewText } from './build-share'
import type { RedactionSettings } from './redact-share'

/** At most this many lines with matches are shown (the counts cover everything). */
const PREVIEW_LINES = 300

/** The patterns, each with its count and a switch, the user's own patterns, and the matches in context. */
export function RedactionPreview({
  settings,
  onChange,
  counts,
  errors,
  preview,
}: {
  readonly settings: RedactionSettings
  onChange(settings: RedactionSettings): void
  readonly counts: Record<string, number>
  readonly errors: { index: number; error: string }[]
  readonly preview: readonly PreviewText[]
}) {
  const on = new Set(settings.builtin)
  const toggle = (id: string) =>
    onChange({
      ...settings,
      builtin: on.has(id) ? settings.builtin.filter((b) => b !== id) : [...settings.builtin, id],
    })
  const lines = previewLines(preview)
  return (
    <div className="redaction">
      <fieldset className="redaction-patterns">
        <legend>Redact before sharing</legend>
        <ul>
          {builtinPatterns.map((p) => (
            <li key={p.id}>
              <label title={p.description}>
                <input type="checkbox" checked={on.has(p.id)} onChange={() => toggle(p.id)} />{' '}
                {p.label}
              </label>{' '}
              <span className="redaction-count" data-testid={`redaction-count-${p.id}`}>
                {counts[p.id] ?? 0}
              </span>
              <small className="muted"> {p.description}</small>
            </li>
          ))}
          {settings.custom.map((source, index) => {
            const error = errors.find((e) => e.index === index)
            return (
              <li key={index}>
                <input
                  className="redaction-custom"
                  aria-label={`Your pattern ${index + 1} (a regular expression)`}
                  value={source}
                  spellCheck={false}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) =>
                    onChange({
                      ...settings,
                      custom: settings.custom.map((c, i) => (i === index ? e.target.value : c)),
                    })
                  }
                />{' '}
                <span className="redaction-count">{counts[`custom-${index + 1}`] ?? 0}</span>{' '}
                <button
                  type="button"
                  className="button pm-small"
                  onClick={() =>
                    onChange({ ...settings, custom: settings.custom.filter((_, i) => i !== index) })
                  }
                >
                  Remove
                </button>
                {error ? (
                  <div className="message message-error" role="alert">
                    {error.error}
                  </div>
                ) : null}
              </li>
            )
          })}
        </ul>
        <button
          type="button"
          className="button pm-small"
          onClick={() => onChange({ ...settings, custom: [...settings.custom, ''] })}
        >
          Add your own pattern
        </button>
      </fieldset>
      <section className="redaction-preview" aria-label="What will be redacted">
        <h3>
          What will be redacted{' '}
          <small className="muted">
            ({Object.values(counts).reduce((a, b) => a + b, 0)} matches
            {lines.truncated ? `; the first ${PREVIEW_LINES} lines shown` : ''})
          </small>
        </h3>
        {lines.rows.length === 0 ? (
          <p className="muted">Nothing matches the patterns that are on.</p>
        ) : (
          <ol className="redaction-lines" data-testid="redaction-preview">
            {lines.rows.map((row, i) => (
              <li key={i}>
                <span className="redaction-where">{row.where}</span>
                <code>{highlight(row.text, row.matches)}</code>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

type Row = { where: string; text: string; matches: RedactionMatch[] }

/** Each line that has a match, with its matches moved to line offsets. */
function previewLines(preview: readonly PreviewText[]): { rows: Row[]; truncated: boolean } {
  const rows: Row[] = []
  for (const p of preview) {
    let m = 0
    let start = 0
    let lineNo = 1
    while (m < p.matches.length && rows.length < PREVIEW_LINES) {
      let end = p.text.indexOf('\n', start)
      if (end === -1) end = p.text.length
      const inLine: RedactionMatch[] = []
      while (m < p.matches.length && p.matches[m].start < end) {
        const match = p.matches[m++]
        inLine.push({
          ...match,
          start: match.start - start,
          end: Math.min(match.end, end) - start,
        })
      }
      if (inLine.length)
        rows.push({
          where: `${p.label}, line ${lineNo}`,
          text: p.text.slice(start, end),
          matches: inLine,
        })
      start = end + 1
      lineNo++
      if (start > p.text.length) break
    }
  }
  const total = preview.reduce((n, p) => n + p.matches.length, 0)
  const shown = rows.reduce((n, r) => n + r.matches.length, 0)
  return { rows, truncated: shown < total }
}

/** The line as React text with each match in a <mark> (text only: no HTML is built). */
function highlight(text: string, matches: readonly RedactionMatch[]) {
  const out: (string | ReactElement)[] = []
  let at = 0
  const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 70)} … ${s.slice(-70)}` : s)
  matches.forEach((m, i) => {
    if (m.start < at) return
    out.push(clip(text.slice(at, m.start)))
    out.push(
      <mark
        key={i}
        className="redaction-match"
        title={`becomes ${m.replacement}`}
        data-pattern={m.patternId}
      >
        {text.slice(m.start, m.end)}
      </mark>,
    )
    at = m.end
  })
  out.push(clip(text.slice(at)))
  return out
}
