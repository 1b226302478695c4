import { useMemo, useRef } from 'react'
import {
  Bar,
  Brush,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Marker } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { bucketWindow, formatBucketWidth } from '../../model/timeline/buckets'
import { computeHistogram, HISTOGRAM_LEVELS, type TimeAxis } from '../../model/timeline/histogram'
import type { Moment } from '../../model/timeline/moments'
import { formatCount, formatTick, formatTime } from '../format'
import { useElementWidth } from '../use-element-width'
import { ChartLegend, markerLines, noVerticalLines } from './chart-parts'
import { axisTicks, countAxisTicks } from './count-ticks'
import { DRAWN } from './moment-style'
import { fittedTimeTicks } from './time-ticks'

/** Pixels left of and right of the plot: the count axes and the chart's right margin. */
const EVENTS_AXIS_WIDTH = 56
const CRASHES_AXIS_WIDTH = 40
const RIGHT_MARGIN = 24
const CRASH_COLOR = '#b3261e'

/** A bar every few pixels: as many buckets as the chart is wide allows, within bounds. */
const PIXELS_PER_BUCKET = 7
const MIN_BUCKETS = 24
const MAX_BUCKETS = 300
const LEVEL_COLORS: Record<(typeof HISTOGRAM_LEVELS)[number], string> = {
  other: '#9aa3b2',
  debug: '#6c9bd2',
  info: '#4f8f5f',
  warn: '#d29a2a',
  error: '#c8413a',
}

type Props = {
  readonly incident: Incident
  readonly axis: NonNullable<TimeAxis>
  readonly range: [number, number] | null
  readonly zone: 'utc' | 'local'
  readonly markers: readonly Marker[]
  /** Crashes and restarts, drawn as vertical lines. */
  readonly moments: readonly Moment[]
  onRange(range: [number, number] | null): void
  /** A double click on the chart picks a time (to place a marker there); a single click belongs to the brush. */
  onPickTime?(time: number): void
}

/** Events per time bucket stacked by level, crashes as a line; the brush selects a time range. */
export function EventHistogram({
  incident,
  axis,
  range,
  zone,
  markers,
  moments,
  onRange,
  onPickTime,
}: Props) {
  const figure = useRef<HTMLElement>(null)
  const pixels = useElementWidth(figure, 840)
  const buckets = Math.min(
    MAX_BUCKETS,
    Math.max(MIN_BUCKETS, Math.floor(pixels / PIXELS_PER_BUCKET)),
  )
  const { start, width, count } = bucketWindow(axis.min, axis.max, buckets, MIN_BUCKETS)
  const data = useMemo(() => {
    const h = computeHistogram(incident, axis.clock, start, start + count * width, width)
    // Bars stand over their bucket: `mid` is where the numeric axis centres them.
    return Array.from(h.crashes, (crashes, b) => {
      const row: Record<string, number> = {
        t: start + b * width,
        mid: start + b * width + width / 2,
        crashes,
      }
      HISTOGRAM_LEVELS.forEach((level, l) => (row[level] = h.counts[l][b]))
      return row
    })
  }, [incident, axis, start, width, count])
  const { crashBuckets, eventTicks, crashTicks } = useMemo(() => {
    let events = 0
    let crashes = 0
    let crashBuckets = 0
    for (const row of data) {
      events = Math.max(
        events,
        HISTOGRAM_LEVELS.reduce((sum, level) => sum + row[level], 0),
      )
      crashes = Math.max(crashes, row.crashes)
      if (row.crashes > 0) crashBuckets++
    }
    return {
      crashBuckets,
      eventTicks: countAxisTicks(events),
      crashTicks: countAxisTicks(crashes),
    }
  }, [data])
  // Crashes of one bucket are marked by their vertical lines: a rate line would rise and fall
  // around them as a triangle, a ramp that never happened. It is drawn when the crashes spread
  // over several buckets, or when a brushed range hides the vertical lines.
  const hasCrashes =
    crashBuckets > 1 ||
    (crashBuckets === 1 && (range !== null || !moments.some((m) => m.kind === 'crash')))
  const end = start + data.length * width
  // The axis shows the brushed range when there is one (the brush zooms the chart).
  const shown: [number, number] = range
    ? [
        Math.max(start, Math.floor((range[0] - start) / width) * width + start),
        Math.min(end, range[1] + 1),
      ]
    : [start, end]
  const room = {
    left: EVENTS_AXIS_WIDTH,
    right: RIGHT_MARGIN + (hasCrashes ? CRASHES_AXIS_WIDTH : 0),
  }
  const plotWidth = Math.max(100, pixels - room.left - room.right)
  const ticks = fittedTimeTicks(shown[0], shown[1], axis.clock, zone, plotWidth, room)
  // Crash lines are not drawn while a range is brushed: recharts' brush and reference lines
  // then keep redrawing each other (recharts 3.10) and the page stops answering.
  const { lines: markerElements, topMargin } = markerLines(
    markers,
    shown,
    plotWidth,
    {},
    range ? [] : moments,
  )
  const brushIndex = range
    ? {
        startIndex: Math.max(0, Math.floor((range[0] - start) / width)),
        endIndex: Math.min(data.length - 1, Math.floor((range[1] - start) / width)),
      }
    : {}
  return (
    <figure className="chart" data-testid="event-histogram" ref={figure}>
      <figcaption>
        Events per {formatBucketWidth(width)}, by level
        {hasCrashes ? '; crashes and segfaults as a line' : ''}
        {describeMoments(moments)}
        {range
          ? ` · selected ${formatTime(range[0], axis.clock, zone)} – ${formatTime(range[1], axis.clock, zone)}`
          : ''}
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart
          data={data}
          margin={{ top: topMargin, right: RIGHT_MARGIN, bottom: 0, left: 0 }}
          onDoubleClick={(e: { activeLabel?: string | number } | null) => {
            if (onPickTime && e?.activeLabel !== undefined)
              onPickTime(Number(e.activeLabel) - width / 2)
          }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            vertical={false}
            verticalCoordinatesGenerator={noVerticalLines}
          />
          <XAxis
            dataKey="mid"
            type="number"
            scale="time"
            domain={[(min: number) => min - width / 2, (max: number) => max + width / 2]}
            allowDataOverflow
            ticks={ticks.ticks}
            tickFormatter={ticks.format}
            interval={0}
          />
          <YAxis
            niceTicks="snap125"
            allowDecimals={false}
            width={EVENTS_AXIS_WIDTH}
            {...axisTicks(eventTicks)}
          />
          {hasCrashes ? (
            <YAxis
              niceTicks="snap125"
              yAxisId="crashes"
              orientation="right"
              allowDecimals={false}
              width={CRASHES_AXIS_WIDTH}
              {...axisTicks(crashTicks)}
            />
          ) : null}
          <Tooltip
            labelFormatter={(t) =>
              `${formatTime(Number(t) - width / 2, axis.clock, zone)} + ${formatBucketWidth(width)}`
            }
            isAnimationActive={false}
          />
          {HISTOGRAM_LEVELS.map((level) => (
            <Bar
              key={level}
              dataKey={level}
              stackId="level"
              fill={LEVEL_COLORS[level]}
              isAnimationActive={false}
            />
          ))}
          {hasCrashes ? (
            <Line
              yAxisId="crashes"
              dataKey="crashes"
              stroke={CRASH_COLOR}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ) : null}
          {markerElements}
          <Brush
            dataKey="t"
            height={26}
            travellerWidth={10}
            tickFormatter={(t: number) => formatTick(t, axis.clock, zone)}
            {...brushIndex}
            onChange={(e: { startIndex?: number; endIndex?: number }) => {
              if (e.startIndex === undefined || e.endIndex === undefined) return
              const all = e.startIndex === 0 && e.endIndex === data.length - 1
              const next: [number, number] | null = all
                ? null
                : [start + e.startIndex * width, start + (e.endIndex + 1) * width - 1]
              // The brush reports its indices again whenever the chart redraws (the crash
              // lines redraw it): only a real change is a new range, or the two chase each other.
              if (next === null ? range === null : range?.[0] === next[0] && range[1] === next[1]) {
                return
              }
              onRange(next)
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <ChartLegend
        items={[
          ...(hasCrashes ? [{ name: 'crashes', color: CRASH_COLOR, shape: 'line' as const }] : []),
          ...HISTOGRAM_LEVELS.map((level) => ({
            name: level,
            color: LEVEL_COLORS[level],
            shape: 'box' as const,
          })),
        ]}
      />
    </figure>
  )
}

/** `; 1 crash and 2 restarts as vertical lines (≈: no line dates it; …)`. */
function describeMoments(moments: readonly Moment[]): string {
  if (moments.length === 0) return ''
  const crashes = moments.filter((m) => m.kind === 'crash').length
  const restarts = moments.length - crashes
  const parts = [
    crashes ? `${formatCount(crashes)} ${crashes === 1 ? 'crash' : 'crashes'}` : '',
    restarts ? `${formatCount(restarts)} ${restarts === 1 ? 'restart' : 'restarts'}` : '',
  ].filter(Boolean)
  const approx = moments.some((m) => m.approx)
    ? ' (≈: no line dates it; the last dated line before it)'
    : ''
  const lines = moments.length === 1 ? 'a vertical line' : 'vertical lines'
  // Past DRAWN, the lines are a sample: say so, or the reader counts lines as crashes.
  if (moments.length > DRAWN)
    return `; ${parts.join(' and ')}, ${formatCount(DRAWN)} of them as ${lines} spread over the time${approx}`
  return `; ${parts.join(' and ')} as ${lines}${approx}`
}
