import { useMemo } from 'react'
import { foldCrashReports } from '../../model/crash-reports'
import type { Incident } from '../../model/types'

/**
 * What the input says happened, in words a reviewer can read aloud: one block per crash,
 * with the other tools' reports of the same crash named under it.
 */
export function CrashSummary({ incident }: { readonly incident: Incident }) {
  const reports = useMemo(() => foldCrashReports(incident.crashes), [incident])
  if (reports.length === 0) return null
  const shown = reports.slice(0, 5)
  const sourceName = (source: number) => incident.sources[source]?.name ?? ''
  return (
    <section className="crash" aria-label="What happened" data-testid="crash-summary">
      {shown.map(({ lead: c, echoes }, i) => (
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
            <Detail term="source" value={`${sourceName(c.source)}:${c.line + 1}`} />
          </dl>
          {c.details.length || echoes.length ? (
            <ul className="crash-notes">
              {c.details.map((d, j) => (
                <li key={j}>{d}</li>
              ))}
              {echoes.map((e, j) => (
                <li key={`echo-${j}`} data-testid="crash-echo">
                  also reported by {e.format} at line {e.line + 1}: {e.message}
                  {e.signal ? ` (${e.signal})` : ''}
                  {e.threadId !== undefined && c.threadId === undefined
                    ? `, in thread ${e.threadId}`
                    : ''}
                  {e.details.length ? `; ${e.details.join('; ')}` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      {reports.length > shown.length ? (
        <div className="crash-more">
          and {reports.length - shown.length} more crash reports in the input
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
