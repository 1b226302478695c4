import type { Group } from './group'
import type { Incident } from './types'

/** What a group's records are, by the format its first record was read in. */
export function recordNoun(incident: Incident, group: Group): string {
  const first = group.records[0]
  if (first === undefined) return 'records'
  if (group.bytes > 0 && group.count === group.allocations)
    return group.count === 1 ? 'allocation' : 'allocations'
  const line = incident.records.line[first]
  const region = incident.sources[incident.records.source[first]]?.regions.find(
    (r) => r.firstLine <= line && line <= r.lastLine,
  )
  if (region?.format === 'go') return group.count === 1 ? 'goroutine' : 'goroutines'
  if (region && ['gdb', 'lldb', 'eu-stack', 'java', 'python'].includes(region.format))
    return group.count === 1 ? 'thread' : 'threads'
  return group.count === 1 ? 'record' : 'records'
}

/**
 * A leak's weight as a report quotes it: `120 B in 3 allocations`, or `2,326,528 B` alone
 * when bytes were counted but allocations were not (massif's trees): bytes held in no
 * allocation at all is no tool's reading.
 */
export function leakWeightText(
  bytes: number,
  allocations: number,
  format: (n: number) => string,
): string {
  if (allocations === 0 && bytes > 0) return `${format(bytes)} B`
  return `${format(bytes)} B in ${format(allocations)} ${allocations === 1 ? 'allocation' : 'allocations'}`
}
