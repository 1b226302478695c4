import type { Group } from './group'
import type { Incident } from './types'

/** What a group's records are, by the format its first record was read in. */
export function recordNoun(incident: Incident, group: Group): string {
  const first = group.records[0]
  if (first === undefined) return 'records'
  if (group.bytes > 0) return 'allocations'
  const line = incident.records.line[first]
  const region = incident.sources[incident.records.source[first]]?.regions.find(
    (r) => r.firstLine <= line && line <= r.lastLine,
  )
  if (region?.format === 'go') return group.count === 1 ? 'goroutine' : 'goroutines'
  if (region && ['gdb', 'lldb', 'eu-stack', 'java', 'python'].includes(region.format))
    return group.count === 1 ? 'thread' : 'threads'
  return group.count === 1 ? 'record' : 'records'
}
