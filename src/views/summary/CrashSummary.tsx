import type { Incident } from '../../model/types'

/** What the input says happened, in words a reviewer can read aloud. */
export function CrashSummary({ incident }: { readonly incident: Incident }) {
  if (incident.crashes.length === 0) return null
  const shown = incident.crashes.slice(0, 5)
  return (
    <section className="crash" aria-label="What happened" data-testid="crash-summary">
      {shown.map((c, i) => (
        <div className="crash-fact" key={i}>
          <div className="crash-headline">
            <span className="crash-kind">{c.kind}</span>
            {c.signal ? <span className="crash-signal">{c.signal}</span> : null}
            <span className="crash-message">{c.message}</span>
          </div>
          <dl className="crash-details">
            {c.code ? <Detail term="code" value={c.code} /> : null}
            {c.addr ? <Detail term="address" value={c.addr} /> : null}
            {c.pc ? <Detail term="pc" value={c.pc} /> : null}
            {c.threadId !== undefined ? (
              <Detail
                term="in"
                value={`${c.format === 'go' ? 'goroutine' : 'thread'} ${c.threadId}`}
              />
            ) : null}
            <Detail
              term="source"
              value={`${incident.sources[c.source]?.name ?? ''}:${c.line + 1}`}
            />
          </dl>
          {c.details.length ? (
            <ul className="crash-notes">
              {c.details.map((d, j) => (
                <li key={j}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      {incident.crashes.length > shown.length ? (
        <div className="crash-more">
          and {incident.crashes.length - shown.length} more crash reports in the input
        </div>
      ) : null}
    </section>
  )
}

function Detail({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  )
}
