import { useMemo, useRef } from 'react'
import {
  Bar,
  Brush,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Marker } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { chooseBucketWidth, formatBucketWidth } from '../../model/timeline/buckets'
import { computeHistogram, HISTOGRAM_LEVELS, type TimeAxis } from '../../model/timeline/histogram'
import { formatTick, formatTime } from '../format'
import { useElementWidth } from '../use-element-width'

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
  onRange,
  onPickTime,
}: Props) {
  const figure = useRef<HTMLElement>(null)
  const pixels = useElementWidth(figure, 840)
  const buckets = Math.min(
    MAX_BUCKETS,
    Math.max(MIN_BUCKETS, Math.floor(pixels / PIXELS_PER_BUCKET)),
  )
  const width = chooseBucketWidth(Math.max(1, axis.max - axis.min), buckets)
  const start = Math.floor(axis.min / width) * width
  const data = useMemo(() => {
    const h = computeHistogram(incident, axis.clock, start, axis.max, width)
    return Array.from(h.crashes, (crashes, b) => {
      const row: Record<string, number> = { t: start + b * width, crashes }
      HISTOGRAM_LEVELS.forEach((level, l) => (row[level] = h.counts[l][b]))
      return row
    })
  }, [incident, axis, start, width])
  const hasCrashes = data.some((d) => d.crashes > 0)
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
        {range
          ? ` · selected ${formatTime(range[0], axis.clock, zone)} – ${formatTime(range[1], axis.clock, zone)}`
          : ''}
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart
          data={data}
          margin={{ top: 8, right: 24, bottom: 0, left: 0 }}
          onDoubleClick={(e: { activeLabel?: string | number } | null) => {
            if (onPickTime && e?.activeLabel !== undefined) onPickTime(Number(e.activeLabel))
          }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => formatTick(t, axis.clock, zone)}
            minTickGap={40}
          />
          <YAxis allowDecimals={false} width={56} />
          {hasCrashes ? (
            <YAxis yAxisId="crashes" orientation="right" allowDecimals={false} width={40} />
          ) : null}
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t), axis.clock, zone)}
            isAnimationActive={false}
          />
          <Legend />
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
              stroke="#7a1f1a"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ) : null}
          {markers.map((m) => (
            <ReferenceLine
              key={m.id}
              x={Math.floor((m.time - start) / width) * width + start}
              stroke="#8a4fbf"
              strokeWidth={2}
              strokeDasharray="4 2"
              label={{ value: m.label, position: 'insideTopLeft', fill: '#8a4fbf', fontSize: 12 }}
            />
          ))}
          <Brush
            dataKey="t"
            height={26}
            travellerWidth={10}
            tickFormatter={(t: number) => formatTick(t, axis.clock, zone)}
            {...brushIndex}
            onChange={(e: { startIndex?: number; endIndex?: number }) => {
              if (e.startIndex === undefined || e.endIndex === undefined) return
              const all = e.startIndex === 0 && e.endIndex === data.length - 1
              onRange(
                all ? null : [start + e.startIndex * width, start + (e.endIndex + 1) * width - 1],
              )
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  )
}
