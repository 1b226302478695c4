import type { SnapshotWeight } from '../../model/group-growth'
import type { Incident } from '../../model/types'
import { formatBytes, formatCount } from '../format'

const WIDTH = 88
const HEIGHT = 22

/**
 * A group's weight in each snapshot of its series as a small line, the shown snapshot marked:
 * a goroutine leak climbs from dump to dump, a leaking stack's bytes from snapshot to snapshot.
 */
export function GrowthCell({
  incident,
  growth,
  shown,
  byBytes,
}: {
  readonly incident: Incident
  readonly growth: readonly SnapshotWeight[] | undefined
  readonly shown: ReadonlySet<number>
  readonly byBytes: boolean
}) {
  if (!growth || growth.length < 2) return null
  const values = growth.map((g) => (byBytes ? g.bytes : g.count))
  const max = Math.max(...values, 1)
  const x = (k: number) => 2 + ((WIDTH - 4) * k) / (values.length - 1)
  const y = (v: number) => HEIGHT - 2 - ((HEIGHT - 4) * v) / max
  const points = values.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  const format = byBytes ? formatBytes : formatCount
  const text = growth
    .map((g, k) => `${incident.snapshots[g.snapshot]?.label ?? g.snapshot}: ${format(values[k])}`)
    .join('\n')
  const first = values[0]
  const last = values.at(-1)!
  return (
    <span className="growth" title={text} data-testid="group-growth">
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={text.replaceAll('\n', '; ')}>
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
        {growth.map((g, k) =>
          shown.has(g.snapshot) ? (
            <circle key={g.snapshot} cx={x(k)} cy={y(values[k])} r="2.5" className="growth-shown" />
          ) : null,
        )}
      </svg>
      <span className="growth-delta">
        {last > first ? '+' : last < first ? '−' : '±'}
        {format(Math.abs(last - first))}
      </span>
    </span>
  )
}
