import type { FlameWeight } from '../../model/flame/call-tree'
import { parseSampleWeight } from '../../model/flame/sample-weights'
import type { Incident } from '../../model/types'
import { formatBytes, formatCount } from '../format'
import { getSampleColumns } from '../../model/sample-columns'
import { DUMP_RECORD_NOUNS } from '../../model/record-noun'

export const weightLabels: Record<Exclude<FlameWeight, `sample:${string}`>, string> = {
  count: 'Count',
  bytes: 'Bytes',
  allocations: 'Allocations',
  wait: 'Wait time (minutes)',
}

/** What one unit of the `count` weight is, by the format that read the records. */
const countNouns: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DUMP_RECORD_NOUNS).map(([f, noun]) => [f, noun.many])),
  folded: 'samples',
  perf: 'samples',
  memleak: 'allocations',
  heaptrack: 'allocation calls',
}

/**
 * What a weight measures, for the picker: `Bytes`, or a sample type as `inuse_space (bytes)`.
 * The count says what the inputs counted: `Count (samples)` for folded stacks and perf,
 * `Count (allocations)` for memleak, where goroutines and threads would misname them; a plain
 * `Count` where the formats do not say (a sanitizer's leaked objects and error stacks alike).
 */
export function weightLabel(incident: Incident, weight: FlameWeight): string {
  const sample = parseSampleWeight(weight)
  if (weight === 'count') {
    const nouns = new Set<string>()
    for (const source of incident.sources)
      for (const region of source.regions) {
        const noun = countNouns[region.format]
        if (noun) nouns.add(noun)
      }
    if (nouns.size > 0) return `Count (${[...nouns].join(', ')})`
  }
  if (!sample) return weightLabels[weight as keyof typeof weightLabels]
  const t = getSampleColumns(incident)?.types[sample.column]
  return t ? `${t.type} (${t.unit})` : weight
}

/** A weight value in its unit: `1,924`, `3.2 MB`, `27 min`, `1.2 s`. */
export function formatWeight(weight: FlameWeight, value: number): string {
  const sample = parseSampleWeight(weight)
  if (sample) return formatSampleValue(sample.unit, value)
  switch (weight) {
    case 'bytes':
      return formatBytes(Math.round(value))
    case 'wait':
      return `${formatCount(Math.round(value))} min`
    case 'count':
    case 'allocations':
      return formatCount(Math.round(value * 100) / 100)
  }
  return formatCount(value)
}

/** A value in a pprof unit (`bytes`, `nanoseconds`, `count` ...). */
function formatSampleValue(unit: string, value: number): string {
  if (unit === 'bytes') return formatBytes(Math.round(value))
  if (unit === 'nanoseconds') {
    const ms = value / 1e6
    return ms >= 1000
      ? `${formatCount(Math.round(ms / 10) / 100)} s`
      : `${formatCount(Math.round(ms * 100) / 100)} ms`
  }
  const n = formatCount(Math.round(value * 100) / 100)
  return unit === 'count' || unit === '' ? n : `${n} ${unit}`
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
