import { useMemo, useState, type ReactNode } from 'react'
import { foldCrashReports, type CrashReport } from '../../model/crash-reports'
import { crashTarget, crashThread } from '../../model/notes/pins'
import type { CrashFact, Incident } from '../../model/types'
import type { PinTarget } from '../../model/notes/types'
import { ChevronIcon } from '../icons'
import { useIncidentStore } from '../../state/store'
import { formatTime } from '../format'
import { ItemActions } from '../annotations/ItemActions'
import { signalBesideMessage } from '../../model/crash-headline'

/** At most this many further crashes are listed, one line each. */
const LISTED = 200

/**
 * What the input says happened, in words a reviewer can read aloud: the first crash on one line
 * (kind, signal, message, where), expandable to the full report (other tools' reports of the
 * same crash named under it) and any further crashes (a kernel segfault every five minutes)
 * counted by kind and listed one line each. Folded, it leaves the evidence on screen.
 */
export function CrashSummary({ incident }: { readonly incident: Incident }) {
  const reports = useMemo(() => foldCrashReports(incident.crashes), [incident])
  const [open, setOpen] = useState(false)
  if (reports.length === 0) return null
  const [first, ...rest] = reports
  const sourceName = (source: number) => incident.sources[source]?.name ?? ''
  return (
    <section
      className={open ? 'crash crash-open' : 'crash'}
      aria-label="What happened"
      data-testid="crash-summary"
    >
      <CrashBlock incident={incident} report={first} sourceName={sourceName} open={open}>
        <button
          type="button"
          className="crash-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="crash-toggle"
        >
          {open
            ? 'Less'
            : rest.length
              ? `${rest.length} more ${rest.length === 1 ? 'crash' : 'crashes'}`
              : 'Details'}
          <ChevronIcon open={open} />
        </button>
      </CrashBlock>
      {open && rest.length ? (
        <details className="crash-more" data-testid="crash-more">
          <summary>
            {rest.length === 1 ? 'One more crash' : `${rest.length} more crashes`} in the input:{' '}
            {countKinds(rest)}
          </summary>
          <ol className="crash-list">
            {rest.slice(0, LISTED).map(({ lead: c }, i) => (
              <li key={i}>
                <span className="crash-kind">{c.kind}</span> <CrashSignal crash={c} />{' '}
                <span className="crash-message">{c.message}</span>{' '}
                <span className="muted">
                  {sourceName(c.source)}:{c.line + 1}
                </span>
              </li>
            ))}
          </ol>
          {rest.length > LISTED ? (
            <p className="muted">
              and {rest.length - LISTED} more; the Timeline shows them all over time.
            </p>
          ) : null}
        </details>
      ) : null}
    </section>
  )
}

function CrashBlock({
  incident,
  report: { lead: c, echoes },
  sourceName,
  open,
  children,
}: {
  readonly incident: Incident
  readonly report: CrashReport
  sourceName(source: number): string
  open: boolean
  /** The expand button, at the end of the headline. */
  children: ReactNode
}) {
  const where = `${sourceName(c.source)}:${c.line + 1}`
  const thread = crashThread(c) ?? ''
  const target = useMemo(() => crashTarget(incident, c), [incident, c])
  return (
    <div className="crash-fact">
      <div className="crash-headline" title={open ? undefined : `${c.message}\n${where}`}>
        <span className="crash-kind">{c.kind}</span>
        <CrashSignal crash={c} />
        <span className="crash-message">{c.message}</span>
        {open ? null : (
          <span className="crash-where">
            {thread ? `${thread} · ` : ''}
            {where}
          </span>
        )}
        {children}
      </div>
      {open ? (
        <CrashDetails c={c} echoes={echoes} thread={thread} where={where} target={target} />
      ) : null}
    </div>
  )
}

function CrashDetails({
  c,
  echoes,
  thread,
  where,
  target,
}: {
  readonly c: CrashFact
  readonly echoes: readonly CrashFact[]
  thread: string
  where: string
  /** What a pin on the banner points at: the crash with its facts. */
  target: PinTarget
}) {
  const showRawLines = useIncidentStore((s) => s.showRawLines)
  // Go's reader notes `runtime stack: present`; where its frames are shown, the note says less.
  const notes = c.runtimeStack?.length
    ? c.details.filter((d) => !d.startsWith('runtime stack:'))
    : c.details
  return (
    <>
      <dl className="crash-details">
        {c.code ? <Detail term="code" value={c.code} /> : null}
        {c.addr ? <Detail term="address" value={c.addr} /> : null}
        {c.pc ? <Detail term="pc" value={c.pc} /> : null}
        {thread ? <Detail term="in" value={thread} /> : null}
        <dt>source</dt>
        <dd>
          <button
            type="button"
            className="link-button"
            title="Show the input's lines around it"
            data-testid="crash-source-link"
            onClick={() => showRawLines({ source: c.source, first: c.line, last: c.line })}
          >
            {where}
          </button>
        </dd>
        {c.time !== undefined && !Number.isNaN(c.time) ? <CrashTime crash={c} /> : null}
      </dl>
      <ItemActions target={target} what="crash" />
      {c.runtimeStack?.length ? (
        <div className="crash-runtime-stack" data-testid="crash-runtime-stack">
          <span className="muted">runtime stack, innermost first</span>
          <ol>
            {c.runtimeStack.map((frame, j) => (
              <li key={j}>{frame}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {notes.length || echoes.length ? (
        <ul className="crash-notes">
          {notes.map((d, j) => (
            <li key={j}>{d}</li>
          ))}
          {echoes.map((e, j) => (
            <li key={`echo-${j}`} data-testid="crash-echo">
              {describeEcho(e, c)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

/** When: `≈` and a note when no line dates the crash (the last dated line's time before it). */
function CrashTime({ crash }: { readonly crash: CrashFact }) {
  const zone = useIncidentStore((s) => s.timeZone)
  const time = formatTime(crash.time ?? NaN, 'absolute', zone)
  return (
    <>
      <dt>at</dt>
      <dd
        data-testid="crash-time"
        title={
          crash.timeApprox
            ? 'Approximate: no line dates the crash; this is the last dated line before it'
            : undefined
        }
      >
        {crash.timeApprox ? `≈ ${time}` : time}
      </dd>
    </>
  )
}

/** The crash's signal, unless its message already starts with it. */
function CrashSignal({ crash }: { readonly crash: CrashFact }) {
  const signal = signalBesideMessage(crash)
  return signal ? <span className="crash-signal">{signal}</span> : null
}

function describeEcho(e: CrashFact, lead: CrashFact): string {
  return (
    `also reported by ${e.format} at line ${e.line + 1}: ${e.message}` +
    (signalBesideMessage(e) ? ` (${e.signal})` : '') +
    (e.threadId !== undefined && lead.threadId === undefined ? `, in thread ${e.threadId}` : '') +
    (e.details.length ? `; ${e.details.join('; ')}` : '')
  )
}

/** `5 segfault, 1 divide error`: the kinds of the further crashes, most common first. */
function countKinds(reports: readonly CrashReport[]): string {
  const counts = new Map<string, number>()
  for (const { lead } of reports) counts.set(lead.kind, (counts.get(lead.kind) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ')
}

function Detail({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  )
}
