import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Incident } from '../../model/types'
import { formatBytes, formatCount } from '../format'

/** Outstanding bytes and allocations per snapshot (memleak, heap profiles): is it growing? */
export function SnapshotGrowth({ incident }: { readonly incident: Incident }) {
  const data = incident.snapshots.map((s, i) => ({
    i,
    label: s.label,
    bytes: s.bytes,
    allocations: s.allocations,
  }))
  return (
    <figure className="chart" data-testid="snapshot-growth">
      <figcaption>Outstanding memory per snapshot</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis yAxisId="bytes" width={72} tickFormatter={(n: number) => formatBytes(n)} />
          <YAxis
            yAxisId="allocations"
            orientation="right"
            width={64}
            tickFormatter={(n: number) => formatCount(n)}
          />
          <Tooltip isAnimationActive={false} />
          <Legend />
          <Line
            yAxisId="bytes"
            dataKey="bytes"
            stroke="#c8413a"
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            yAxisId="allocations"
            dataKey="allocations"
            stroke="#1f5fbf"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}
