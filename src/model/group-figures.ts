import type { GroupList } from './group-list'
import type { Incident } from './types'
import { NONE } from './types'

/**
 * Which figures a list of groups has, and so which columns the Stacks table and the exported
 * report show, and in which order their rows come: one answer for both, so that a report's
 * "largest groups" are the rows the table lists first.
 */
export type GroupFigures = {
  /** Some group has bytes, or a leak tool printed sizes (its `0 bytes` is a reading). */
  bytes: boolean
  /** Some group has bytes: leak reports read largest bytes first, as the tools print them. */
  largestBytesFirst: boolean
  states: boolean
  allocations: boolean
  wait: boolean
}

/** Leak tools that print a size with every allocation stack they list. */
const SIZED_FORMATS = new Set([
  'memleak',
  'sanitizer',
  'valgrind',
  'valgrind-xml',
  'heaptrack-data',
  'heaptrack',
  'tcmalloc-heapcheck',
])

export function getGroupFigures(incident: Incident, groups: GroupList): GroupFigures {
  const some = figuresWithValues(incident, groups)
  return {
    // A leak tool's 0 B is a reading, shown as one: bcc memleak's `0 bytes in 6261 allocations`
    // (seed 004) is the clue that sizes were not traced, and a missing column hid it.
    bytes: some.bytes || (some.allocations && printsSizes(incident)),
    largestBytesFirst: some.bytes,
    states: some.states,
    allocations: some.allocations,
    wait: some.wait,
  }
}

function printsSizes(incident: Incident): boolean {
  return incident.sources.some((s) => s.regions.some((r) => SIZED_FORMATS.has(r.format)))
}

/** Which figures some group has a value for, in one pass over the groups. */
function figuresWithValues(incident: Incident, groups: GroupList) {
  // A figure that no record fills is empty in every group, which is then not asked: two
  // million folded stacks make two million groups, each of which finds its figures on asking.
  const filled = filledRecordColumns(incident)
  let bytes = false
  let states = false
  let allocations = false
  let wait = false
  for (let k = 0; k < groups.length; k++) {
    const g = groups.at(k)
    if (filled.bytes) bytes ||= g.bytes > 0
    if (filled.states) states ||= g.states.length > 0
    if (filled.allocations) allocations ||= g.allocations > 0
    if (filled.wait) wait ||= g.waitMinutes !== null && g.waitMinutes !== undefined
    if (
      bytes === filled.bytes &&
      states === filled.states &&
      allocations === filled.allocations &&
      wait === filled.wait
    )
      break
  }
  return { bytes, states, allocations, wait }
}

/** Which of the figures a group sums or lists some record has. */
function filledRecordColumns(incident: Incident) {
  const r = incident.records
  let bytes = false
  let states = false
  let allocations = false
  let wait = false
  for (let i = 0; i < r.length; i++) {
    bytes ||= r.bytes[i] > 0
    states ||= r.state[i] !== NONE
    allocations ||= r.allocations[i] > 0
    wait ||= r.waitMinutes[i] >= 0
    if (bytes && states && allocations && wait) break
  }
  return { bytes, states, allocations, wait }
}
