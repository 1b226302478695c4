import { useMemo, useRef, useState } from 'react'
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Marker } from '../../model/notes/types'
import { metricRows } from '../../model/timeline/metric-rows'
import type { Moment } from '../../model/timeline/moments'
import type { Incident, Series } from '../../model/types'
import { useElementWidth } from '../use-element-width'
import { ChartLegend, markerLines, noVerticalLines } from './chart-parts'
import { formatTime } from '../format'
import { sourceColor } from './source-colors'
import { fittedTimeTicks } from './time-ticks'
import { metricTickLabel } from './metric-ticks'

const COLORS = ['#1f5fbf', '#c8413a', '#4f8f5f', '#8a4fbf', '#d29a2a', '#2a9d9d']
const MAX_CHARTED = 4
const Y_AXIS_WIDTH = 64
/** Time buckets per series: a few points per pixel column of a wide chart. */
const CHART_BUCKETS = 600
/** Metric names that tell the leak stories of the seed incidents; charted first when present. */
const PREFERRED = ['goroutines', 'heapAlloc', 'alloc', 'rss', 'memory', 'threads', 'connections']

type Props = {
  readonly incident: Incident
  readonly clock: 'absolute' | 'relative'
  readonly range: [number, number] | null
  /**
   * The time the event chart above shows (the brushed range, else every event's time): the
   * metrics are drawn over the same time, so a spike stands under the events of its minute.
   */
  readonly span: readonly [number, number]
  readonly zone: 'utc' | 'local'
  readonly markers: readonly Marker[]
  /** Crashes and restarts, drawn as vertical lines. */
  readonly moments: readonly Moment[]
}

/** Metrics found in log lines, several on one time axis, each with its own scale. */
export function MetricsChart({ incident, clock, range, span, zone, markers, moments }: Props) {
  const candidates = useMemo(() => rankSeries(incident.series), [incident])
  const [chosen, setChosen] = useState<string[] | null>(null)
  const selected = chosen ?? candidates.slice(0, Math.min(2, MAX_CHARTED)).map(seriesId)
  const selectedKey = selected.join('\n')
  const lines = useMemo(
    () => candidates.filter((s) => selectedKey.split('\n').includes(seriesId(s))),
    [candidates, selectedKey],
  )
  const data = useMemo(() => metricRows(lines, seriesId, range, CHART_BUCKETS), [lines, range])
  // With several inputs a line takes its input's colour; a second line of one input is dashed.
  const bySource = new Set(incident.series.map((s) => s.source)).size > 1
  const colorOf = (s: Series, i: number) =>
    bySource ? sourceColor(s.source) : COLORS[i % COLORS.length]
  const dashOf = (s: Series, i: number) =>
    bySource && lines.slice(0, i).some((o) => o.source === s.source) ? '6 3' : undefined
  const figure = useRef<HTMLElement>(null)
  const pixels = useElementWidth(figure, 840)
  if (candidates.length === 0)
    return <SingleReadings incident={incident} clock={clock} zone={zone} />
  // One instant alone is no span to draw over: then the points' own times.
  const domain: [number, number] =
    span[1] > span[0]
      ? [span[0], span[1]]
      : data.length
        ? [data[0].t as number, data[data.length - 1].t as number]
        : [0, 0]
  // Axes alternate left and right of the plot; the chart's right margin is 24 pixels.
  const room = {
    left: Y_AXIS_WIDTH * Math.ceil(lines.length / 2),
    right: 24 + Y_AXIS_WIDTH * Math.floor(lines.length / 2),
  }
  const plotWidth = Math.max(100, pixels - room.left - room.right)
  const ticks = fittedTimeTicks(domain[0], domain[1], clock, zone, plotWidth, room)
  const { lines: markerElements, topMargin } = lines.length
    ? markerLines(
        markers,
        domain,
        plotWidth,
        { yAxisId: seriesId(lines[0]) },
        // Not while a range is brushed, as on the histogram (see there).
        range ? [] : moments,
        { extend: true },
      )
    : { lines: [], topMargin: 8 }
  const nameOf = (s: Series) => seriesName(incident, s, bySource)
  const toggle = (id: string) =>
    setChosen(
      selected.includes(id)
        ? selected.filter((x) => x !== id)
        : [...selected, id].slice(-MAX_CHARTED),
    )
  return (
    <figure className="chart" data-testid="metrics-chart" ref={figure}>
      <figcaption>Metrics found in log lines</figcaption>
      <div className="series-picker" role="group" aria-label="Metrics to chart">
        {candidates.slice(0, 24).map((s) => (
          <label key={seriesId(s)} className="series-option">
            <input
              type="checkbox"
              checked={selected.includes(seriesId(s))}
              onChange={() => toggle(seriesId(s))}
            />
            {s.name}
            {s.unit ? ` (${s.unit})` : ''} <span className="muted">{s.value.length}</span>
          </label>
        ))}
      </div>
      {lines.length ? (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ top: topMargin, right: 24, bottom: 0, left: 0 }}>
            <CartesianGrid
              strokeDasharray="3 3"
              vertical={false}
              verticalCoordinatesGenerator={noVerticalLines}
            />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              allowDataOverflow
              ticks={ticks.ticks}
              tickFormatter={ticks.format}
              interval={0}
            />
            {lines.map((s, i) => (
              <YAxis
                niceTicks="snap125"
                key={seriesId(s)}
                yAxisId={seriesId(s)}
                orientation={i % 2 ? 'right' : 'left'}
                width={Y_AXIS_WIDTH}
                stroke={colorOf(s, i)}
                tickFormatter={metricTickLabel}
              />
            ))}
            {markerElements}
            <Tooltip
              labelFormatter={(t) => formatTime(Number(t), clock, zone)}
              isAnimationActive={false}
            />
            {lines.map((s, i) => (
              <Line
                key={seriesId(s)}
                yAxisId={seriesId(s)}
                dataKey={seriesId(s)}
                name={nameOf(s)}
                stroke={colorOf(s, i)}
                strokeDasharray={dashOf(s, i)}
                strokeWidth={2}
                dot={data.length < 80}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      ) : null}
      <ChartLegend
        items={lines.map((s, i) => ({
          name: nameOf(s),
          color: colorOf(s, i),
          shape: 'line' as const,
          dashed: dashOf(s, i) !== undefined,
        }))}
      />
    </figure>
  )
}

/**
 * Metrics read once each (seed 003's one `METRICS: goroutines: 9, cgo: 40, …` line): no line
 * to draw, but the figures are evidence and are named with their time rather than hidden.
 */
function SingleReadings({
  incident,
  clock,
  zone,
}: {
  incident: Incident
  clock: 'absolute' | 'relative'
  zone: 'utc' | 'local'
}) {
  const once = incident.series.filter((s) => s.value.length === 1)
  if (once.length === 0) return null
  const bySource = new Set(once.map((s) => s.source)).size > 1
  // Read from one line, as a status line prints them: the time is said once.
  const oneTime = once.every((s) => s.time[0] === once[0].time[0])
  return (
    <figure className="chart" data-testid="metrics-chart">
      <figcaption>
        Metrics found in log lines, read once each
        {oneTime ? ` at ${formatTime(once[0].time[0], clock, zone)}` : ''}: nothing to chart
      </figcaption>
      <ul className="metric-readings">
        {once.map((s) => (
          <li key={seriesId(s)}>
            <span className="metric-name">{seriesName(incident, s, bySource)}</span>{' '}
            <strong>{formatReading(s.value[0])}</strong>
            {s.unit ? ` ${s.unit}` : ''}{' '}
            {oneTime ? null : (
              <span className="muted">at {formatTime(s.time[0], clock, zone)}</span>
            )}
          </li>
        ))}
      </ul>
    </figure>
  )
}

/** A reading as the line printed it, with thousands separated: 7,377,040, 0.25. */
function formatReading(n: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(n)
}

/** A series' name, with its input's when the chart shows series of several inputs. */
function seriesName(incident: Incident, s: Series, bySource: boolean): string {
  return bySource ? `${s.name} (${incident.sources[s.source]?.name})` : s.name
}

function seriesId(s: Series): string {
  return `${s.source}:${s.name}`
}

/** Preferred names first, then by number of points. */
function rankSeries(series: readonly Series[]): Series[] {
  const rank = (s: Series) => {
    const i = PREFERRED.indexOf(s.name)
    return i === -1 ? PREFERRED.length : i
  }
  return series
    .filter((s) => s.value.length >= 2)
    .sort((a, b) => rank(a) - rank(b) || b.value.length - a.value.length)
}
