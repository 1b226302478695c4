import type { Group } from './group'
import type { Incident } from './types'

/** What one record of a dump is, by the format that read it: a goroutine, or a thread. */
export const DUMP_RECORD_NOUNS: Readonly<Record<string, { one: string; many: string }>> = {
  go: { one: 'goroutine', many: 'goroutines' },
  ...Object.fromEntries(
    ['gdb', 'lldb', 'eu-stack', 'java', 'python'].map((f) => [
      f,
      { one: 'thread', many: 'threads' },
    ]),
  ),
}

/** What a dump read in `format` counts, `count` of them: `goroutines`, `thread`. */
export function dumpRecordNoun(format: string | undefined, count: number): string {
  const noun = (format && DUMP_RECORD_NOUNS[format]) || { one: 'record', many: 'records' }
  return count === 1 ? noun.one : noun.many
}

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
  const noun = region ? DUMP_RECORD_NOUNS[region.format] : undefined
  if (noun) return group.count === 1 ? noun.one : noun.many
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
