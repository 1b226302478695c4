import { useEffect, useMemo, useRef, useState } from 'react'
import type { Incident } from '../../model/types'
import { EventKind, NONE } from '../../model/types'
import { eventTarget } from '../../model/notes/pins'
import type { TimeSpan } from '../../model/notes/types'
import { computeApproxEvents } from '../../model/timeline/moments'
import { messageText } from '../../parse/log/message-text'
import { eventRef } from '../../state/deep-link-sync'
import { ItemActions } from '../annotations/ItemActions'
import { eventsMarkdown } from '../../model/handoff/markdown-blocks'
import { CopyMarkdownButton } from '../handoff/CopyMarkdownButton'
import { readEventLines } from '../handoff/event-lines'
import { scanSourceLines } from '../../parse/source-lines'
import { getSourceBlob } from '../../state/source-blobs'
import { useIncidentStore } from '../../state/store'
import { formatCount, formatTime } from '../format'
import { getEventsInRange } from './event-order'
import { EventFilterBar } from './EventFilterBar'
import { PinLinesButton } from './PinLinesButton'
import { sourceColor } from './source-colors'
import { useEventFilter } from './use-event-filter'
import { useRowWindow } from './use-row-window'

const LEVEL_NAMES = ['', 'trace', 'debug', 'info', 'warn', 'error', 'fatal']
const KIND_NAMES: Record<number, string> = {
  [EventKind.crash]: 'crash',
  [EventKind.signal]: 'signal',
  [EventKind.segfault]: 'segfault',
  [EventKind.snapshot]: 'snapshot',
  [EventKind.restart]: 'restart',
  [EventKind.marker]: 'marker',
}

/** Every row's height (app.css `.event-row`). */
const ROW_PX = 28

const APPROX_TITLE =
  'Approximate: no line dates this crash; the time of the last dated line before it'

type Props = {
  readonly incident: Incident
  readonly clock: 'absolute' | 'relative'
  readonly range: [number, number] | null
  readonly zone: 'utc' | 'local'
  /** What the charts show now (the brushed range, else all of it): an event pin keeps it. */
  readonly shown: TimeSpan
}

/**
 * Every event in time order, virtualised; a row's text is read back from its file on demand.
 * The focused event (a click, the arrow keys, or a deep link's `#event=`) is scrolled to and
 * marked, and the address bar names it. A text or /regex/ filter and a level narrow the list.
 */
export function EventList({ incident, clock, range, zone, shown }: Props) {
  const inRange = useMemo(() => getEventsInRange(incident, clock, range), [incident, clock, range])
  const filter = useIncidentStore((s) => s.eventFilter)
  const minLevel = useIncidentStore((s) => s.eventLevel)
  const filtered = useEventFilter(incident, inRange, filter, minLevel)
  const order = filtered.shown
  const approx = useMemo(() => computeApproxEvents(incident), [incident])
  const focused = useIncidentStore((s) => s.focusedEvent)
  const setFocused = useIncidentStore((s) => s.setFocusedEvent)
  const showRawLines = useIncidentStore((s) => s.showRawLines)
  const scroller = useRef<HTMLDivElement>(null)
  const { rows, spacePx, showRow } = useRowWindow(scroller, order.length, ROW_PX, 12)
  const focusedRow = useMemo(
    () => (focused === null ? -1 : order.indexOf(focused)),
    [order, focused],
  )
  useEffect(() => {
    if (focusedRow < 0) return
    showRow(focusedRow)
    // Then bring the row into the window too: a linked event may sit below the charts.
    const frame = requestAnimationFrame(() =>
      scroller.current
        ?.querySelector('[aria-selected="true"]')
        ?.scrollIntoView({ block: 'nearest' }),
    )
    return () => cancelAnimationFrame(frame)
  }, [focusedRow, showRow])
  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
    if (step === 0 || order.length === 0) return
    event.preventDefault()
    const next = focusedRow < 0 ? 0 : Math.min(order.length - 1, Math.max(0, focusedRow + step))
    setFocused(order[next])
  }
  const texts = useLineTexts(
    incident,
    rows.map((row) => order[row.index]),
  )
  const e = incident.events
  const narrowed = order.length !== inRange.length || filter.trim() !== ''
  return (
    <figure
      className="chart"
      data-testid="event-list"
      data-filter-state={filtered.pending ? 'pending' : 'done'}
    >
      <EventFilterBar error={filtered.error} pending={filtered.pending} />
      {focused !== null && focusedRow >= 0 ? (
        <div className="event-actions" data-testid="event-actions">
          <span className="muted">
            {incident.sources[e.source[focused]]?.name}:{e.line[focused] + 1}
          </span>
          <ItemActions
            target={eventTarget(incident, focused, texts.get(focused) ?? '')}
            what="event"
            link={{ view: 'timeline', event: eventRef(incident, focused) }}
            context={shown}
          >
            <CopyMarkdownButton
              what="event"
              make={async () =>
                eventsMarkdown(
                  await readEventLines(incident, [focused], clock, zone),
                  'at this line',
                )
              }
            />
          </ItemActions>
          <PinLinesButton incident={incident} event={focused} />
          <button
            type="button"
            className="button pm-small"
            data-testid="event-raw-lines"
            onClick={() =>
              showRawLines({
                source: e.source[focused],
                first: e.line[focused],
                last: e.line[focused],
              })
            }
          >
            Show the lines around it
          </button>
        </div>
      ) : null}
      <figcaption data-testid="event-count">
        {narrowed
          ? `${formatCount(order.length)} of ${formatCount(inRange.length)} events shown`
          : `${formatCount(order.length)} ${order.length === 1 ? 'event' : 'events'}`}
        {range ? ' in the selected range' : ''}
      </figcaption>
      <div
        className="event-list"
        ref={scroller}
        role="table"
        aria-rowcount={order.length}
        aria-label="Events; arrow keys move between them"
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: spacePx, position: 'relative' }}>
          {rows.map((row) => {
            const i = order[row.index]
            const level = LEVEL_NAMES[e.level[i]] ?? ''
            const kind = KIND_NAMES[e.kind[i]]
            const label = e.label[i] === NONE ? '' : incident.strings[e.label[i]]
            return (
              <div
                key={row.index}
                role="row"
                className={`event-row event-level-${level || 'none'}${kind ? ` event-kind-${kind}` : ''}${i === focused ? ' event-row-focused' : ''}`}
                style={{
                  transform: `translateY(${row.top}px)`,
                }}
                aria-selected={i === focused}
                onClick={() => setFocused(i)}
                data-testid="event-row"
              >
                <span
                  role="cell"
                  className="event-time"
                  title={approx.has(i) ? APPROX_TITLE : undefined}
                >
                  {approx.has(i) ? '≈ ' : ''}
                  {formatTime(e.time[i], clock, zone)}
                </span>
                <span
                  role="cell"
                  className="event-source"
                  title={`${incident.sources[e.source[i]]?.name} line ${e.line[i] + 1}`}
                  style={{ borderLeftColor: sourceColor(e.source[i]) }}
                >
                  {/* One input: its name is in the header already. */}
                  {incident.sources.length > 1 ? incident.sources[e.source[i]]?.name : ''}:
                  {e.line[i] + 1}
                </span>
                <span role="cell" className="event-level">
                  {kind ?? level}
                </span>
                <span role="cell" className="event-text" title={label || texts.get(i)}>
                  {label || texts.get(i) || ''}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </figure>
  )
}

/** Reads the source lines of the visible events, one pass per input, and caches them. */
function useLineTexts(incident: Incident, events: number[]): Map<number, string> {
  const cache = useRef(new Map<number, string>())
  const [, setVersion] = useState(0)
  const key = events.join(',')
  useEffect(() => {
    cache.current = new Map()
  }, [incident])
  useEffect(() => {
    let cancelled = false
    const missing = events.filter((i) => !cache.current.has(i))
    void (async () => {
      const { source, line } = incident.events
      for (const s of new Set(missing.map((i) => source[i]))) {
        const blob = getSourceBlob(s)
        const info = incident.sources[s]
        if (!blob || !info) continue
        // Its events in line order: the rows on screen are a few neighbouring lines, read
        // in one pass from the file rather than one read each.
        const wanted = missing.filter((i) => source[i] === s).sort((a, b) => line[a] - line[b])
        const texts = new Map<number, string>()
        await scanSourceLines(
          blob,
          info,
          wanted.map((i) => line[i]),
          (k, text) => texts.set(wanted[k], messageText(text).slice(0, 2000)),
        )
        if (cancelled) return
        // A line past the end of the file reads as empty.
        for (const i of wanted) cache.current.set(i, texts.get(i) ?? '')
      }
      if (!cancelled && missing.length) setVersion((v) => v + 1)
    })()
    return () => {
      cancelled = true
    }
    // `key` stands for `events`, which is a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incident, key])
  return cache.current
}
