import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { useMemo } from 'react'
import { getShownSnapshots, getSnapshotPoints } from '../../model/snapshot-view'
import { dumpRecordNoun } from '../../model/record-noun'
import type { Incident } from '../../model/types'
import { formatBytes, formatCount } from '../format'
import { bytesAxisTicks } from './bytes-ticks'
import { axisTicks } from './count-ticks'
import { noVerticalLines } from './chart-parts'

/**
 * Is it growing? Outstanding bytes and allocations per allocation snapshot (memleak, heap
 * profiles), goroutines or threads per dump; each run drawn apart from the others. A dashed
 * line marks the snapshot the other views count (`chosen`, as the picker holds it); a click
 * on another point shows that one.
 */
export function SnapshotGrowth({
  incident,
  chosen,
  onChoose,
}: {
  readonly incident: Incident
  readonly chosen: number | null
  readonly onChoose: (snapshot: number) => void
}) {
  const points = useMemo(() => getSnapshotPoints(incident), [incident])
  const shown = useMemo(() => getShownSnapshots(incident, chosen), [incident, chosen])
  // Points are placed by position: labels repeat (two runs' `[12:00:05]`, or a run's gap).
  const data = useMemo(() => points.map((p, at) => ({ ...p, at })), [points])
  const labelAt = (at: unknown) => points[Number(at)]?.label ?? ''
  const memory = points.some((p) => p.bytes !== null)
  const bytesTicks = bytesAxisTicks(Math.max(0, ...points.map((p) => p.bytes ?? 0)))
  const dumps = incident.snapshots.filter((s) => s.kind === 'dump')
  // What the dumps count, by the formats that read them: `goroutines and threads` when mixed.
  const unit = [...new Set(dumps.map((s) => dumpRecordNoun(s.format, 2)))].sort().join(' and ')
  // A point with no measure is the gap between two runs.
  const runs = points.filter((p) => p.bytes === null && p.count === null).length + 1
  const caption = [
    memory ? 'Outstanding memory per snapshot' : null,
    dumps.length ? `${memory ? unit : unit[0].toUpperCase() + unit.slice(1)} per dump` : null,
  ]
    .filter(Boolean)
    .join('; ')
  return (
    <figure className="chart" data-testid="snapshot-growth">
      <figcaption>
        <span data-testid="chart-title">
          {caption}
          {runs > 1 ? `; ${runs} runs, each drawn apart` : ''}
        </span>
        <span className="chart-hint">
          {' '}
          · dashed: the snapshot shown; click a point to show another
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart
          data={data}
          margin={{ top: 20, right: 24, bottom: 0, left: 0 }}
          style={{ cursor: 'pointer' }}
          onClick={(state) => {
            const snapshot = points[Number(state.activeTooltipIndex)]?.snapshot
            if (snapshot !== null && snapshot !== undefined) onChoose(snapshot)
          }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            vertical={false}
            verticalCoordinatesGenerator={noVerticalLines}
          />
          <XAxis dataKey="at" type="category" tickFormatter={labelAt} />
          {memory ? (
            <YAxis
              yAxisId="bytes"
              {...axisTicks(bytesTicks)}
              width={72}
              tickFormatter={(n: number) => formatBytes(n)}
            />
          ) : null}
          <YAxis
            niceTicks="snap125"
            yAxisId="count"
            orientation={memory ? 'right' : 'left'}
            width={64}
            allowDecimals={false}
            tickFormatter={(n: number) => formatCount(n)}
          />
          <Tooltip isAnimationActive={false} labelFormatter={labelAt} />
          {data.map((p) =>
            p.snapshot !== null && shown.has(p.snapshot) ? (
              <ReferenceLine
                key={p.at}
                x={p.at}
                yAxisId="count"
                stroke="currentColor"
                strokeDasharray="4 3"
                label={{ value: 'shown', position: 'top', fill: 'currentColor', fontSize: 12 }}
              />
            ) : null,
          )}
          <Legend />
          {memory ? (
            <Line
              yAxisId="bytes"
              dataKey="bytes"
              stroke="#c8413a"
              strokeWidth={2}
              isAnimationActive={false}
            />
          ) : null}
          {memory ? (
            <Line
              yAxisId="count"
              dataKey="allocations"
              stroke="#1f5fbf"
              strokeWidth={2}
              isAnimationActive={false}
            />
          ) : null}
          {dumps.length ? (
            <Line
              yAxisId="count"
              dataKey="count"
              name={unit}
              stroke="#2f7d4f"
              strokeWidth={2}
              isAnimationActive={false}
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}
