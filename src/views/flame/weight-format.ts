import type { FlameWeight } from '../../model/flame/call-tree'
import { formatBytes, formatCount } from '../format'

export const weightLabels: Record<FlameWeight, string> = {
  count: 'Count (goroutines, threads)',
  bytes: 'Bytes',
  allocations: 'Allocations',
  wait: 'Wait time (minutes)',
}

/** A weight value in its unit: `1,924`, `3.2 MB`, `27 min`. */
export function formatWeight(weight: FlameWeight, value: number): string {
  switch (weight) {
    case 'bytes':
      return formatBytes(Math.round(value))
    case 'wait':
      return `${formatCount(Math.round(value))} min`
    case 'count':
    case 'allocations':
      return formatCount(Math.round(value * 100) / 100)
  }
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%'
  const p = (100 * part) / whole
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)}%`
}

/** `+1.2 MB (+35%)`, `−3 (−100%)`, or `no change`. */
export function formatDelta(weight: FlameWeight, before: number, after: number): string {
  const d = after - before
  if (d === 0) return 'no change'
  const sign = d > 0 ? '+' : '−'
  const pct = before > 0 ? ` (${sign}${formatPercent(Math.abs(d), before)})` : ' (new)'
  return `${sign}${formatWeight(weight, Math.abs(d))}${pct}`
}
