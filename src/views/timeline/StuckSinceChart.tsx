import { useMemo } from 'react'
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { StuckSince } from '../../model/timeline/stuck-since'
import { formatCount, formatTime } from '../format'
import { ChartLegend, noVerticalLines } from './chart-parts'
import { axisTicks, countAxisTicks } from './count-ticks'
import { computeMinuteTicks, yAxisWidthFor } from './minute-ticks'

const COLORS = ['#c8413a', '#1f5fbf', '#4f8f5f', '#8a4fbf', '#d29a2a', '#2a9d9d']
// The groups after the largest: grey, as "other" is on the event histogram.
const REST_COLOR = '#9aa3ad'

/**
 * When the waiting goroutines got stuck: members per minute before the dump, per group. A leak
 * shows as a wide, steady band that starts long before the crash.
 */
export function StuckSinceChart({
  stuck,
  zone,
}: {
  readonly stuck: StuckSince
  readonly zone: 'utc' | 'local'
}) {
  // Each group's band, then the other groups' together: the bands add up to every goroutine
  // that says how long it waited.
  const bands = useMemo(
    () => [
      ...stuck.perGroup.map((g, i) => ({
        ...g,
        key: g.group.key,
        label: g.group.label,
        count: g.group.count,
        color: COLORS[i % COLORS.length],
      })),
      ...(stuck.rest
        ? [
            {
              ...stuck.rest,
              key: 'rest',
              label: `${formatCount(stuck.rest.groups)} other ${stuck.rest.groups === 1 ? 'group' : 'groups'}`,
              count: stuck.rest.waiting,
              color: REST_COLOR,
            },
          ]
        : []),
    ],
    [stuck],
  )
  const data = useMemo(() => {
    const rows: Record<string, number>[] = []
    for (let m = stuck.maxMinutes; m >= 0; m--) {
      const row: Record<string, number> = { minutes: -m }
      bands.forEach((b, i) => (row[`g${i}`] = b.byMinute[m]))
      rows.push(row)
    }
    return rows
  }, [stuck, bands])
  const peak = useMemo(() => {
    let max = 0
    for (const row of data) {
      let sum = 0
      for (let i = 0; i < bands.length; i++) sum += row[`g${i}`]
      max = Math.max(max, sum)
    }
    return max
  }, [data, bands])
  const ticks = computeMinuteTicks(stuck.maxMinutes)
  // Goroutines are whole: a lone one reads 0-1, not 0, 0.25, 0.5, 0.75, 1.
  const countTicks = countAxisTicks(peak)
  // A group's goroutines without a wait (under a minute: Go prints none) are not drawn.
  const nameOf = (b: (typeof bands)[number]) =>
    b.key === 'rest'
      ? `${formatCount(b.waiting)} in ${b.label}`
      : `${b.waiting === b.count ? '' : `${formatCount(b.waiting)} of `}${formatCount(b.count)} × ${b.label}`
  const label = (minutesBefore: number) =>
    stuck.crashTime !== null
      ? formatTime(stuck.crashTime + minutesBefore * 60_000, 'absolute', zone)
      : minutesBefore === 0
        ? 'at the dump'
        : `dump − ${-minutesBefore} min`
  return (
    <figure className="chart" data-testid="stuck-since">
      <figcaption>
        Stuck since: goroutines per minute they started waiting, before the dump
        {stuck.crashTime === null
          ? ' (no line dates the dump: minutes before it)'
          : stuck.set
            ? ` (dump taken at ${formatTime(stuck.crashTime, 'absolute', zone)}, as set)`
            : stuck.assumed
              ? ` (dump time assumed: the last dated line, ${formatTime(stuck.crashTime, 'absolute', zone)})`
              : ` (${stuck.approx ? '≈' : ''}${formatTime(stuck.crashTime, 'absolute', zone)})`}
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={data} margin={{ top: 8, right: 24, bottom: 0, left: 0 }}>
          <CartesianGrid
            strokeDasharray="3 3"
            vertical={false}
            verticalCoordinatesGenerator={noVerticalLines}
          />
          <XAxis
            dataKey="minutes"
            type="number"
            domain={['dataMin', 0]}
            ticks={ticks.ticks}
            tickFormatter={ticks.format}
            interval={0}
          />
          {/* As wide as the largest count's label needs: "100,000" is not cut to "00,000". */}
          <YAxis
            niceTicks="snap125"
            width={yAxisWidthFor(formatCount(peak))}
            allowDecimals={false}
            {...axisTicks(countTicks)}
            tickFormatter={(n: number) => formatCount(n)}
          />
          {/* A minute's figure is of that minute, not the group's: `3 of 279`, not `279 × … : 3`. */}
          <Tooltip
            labelFormatter={(m) => `started waiting ${label(Number(m))}`}
            formatter={(value, _name, item) => {
              const b = bands[Number(String(item.dataKey).slice(1))]
              return [`${formatCount(Number(value))} of ${formatCount(b.count)}`, b.label]
            }}
            isAnimationActive={false}
          />
          {bands.map((b, i) => (
            <Area
              key={b.key}
              dataKey={`g${i}`}
              name={nameOf(b)}
              stackId="groups"
              type="stepAfter"
              stroke={b.color}
              fill={b.color}
              fillOpacity={0.5}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <ChartLegend
        items={bands.map((b) => ({
          name: nameOf(b),
          color: b.color,
          shape: 'box' as const,
        }))}
      />
    </figure>
  )
}
