import type { Incident } from '../../model/types'
import { countOf, formatBytes } from '../format'

/** One line per input: size, lines, what was found where, and warnings. */
export function SourceSummary({ incident }: { readonly incident: Incident }) {
  return (
    <section className="sources" aria-label="Inputs">
      {incident.sources.map((s, i) => {
        const formats = [...new Set(s.regions.map((r) => r.format))]
        return (
          <div className="source" key={i}>
            <span className="source-name">{s.name}</span>
            <span className="source-meta">
              {formatBytes(s.bytes)} · {countOf(s.lines, 'line')}
              {formats.length ? ` · ${formats.join(', ')}` : ''}
              {s.unrecognizedLines
                ? ` · ${countOf(s.unrecognizedLines, 'line')} not recognised`
                : ''}{' '}
              · parsed in {Math.round(s.parseMs)} ms
            </span>
            {s.warnings.map((w, j) => (
              <div className="message message-warning" role="status" key={j}>
                {w}
              </div>
            ))}
          </div>
        )
      })}
    </section>
  )
}
