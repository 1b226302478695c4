import { IntTupleMap } from '../lib/int-tuple-map'
import { computeGroupLabel, computeLabelFrame } from './group-label'
import { rememberGroupsTotal } from './groups-total'
import { labelFramesOf, OneRecordGroup, type OneRecordContext } from './one-record-group'
import { rankedTotal, rankOrder } from './rank-order'
import { groupByDistinctValues } from './distinct-value-groups'
import type {
  Incident,
  IndexIntoFrameTable,
  IndexIntoRecordTable,
  IndexIntoStackTable,
} from './types'
import { FrameKind, NONE, RecordFlag } from './types'

/**
 * How alike records must be to fold into one group, from strictest to loosest
 * (after panicparse's `Similarity`).
 */
export type GroupMode =
  /** Same stack and the same arguments in every frame. */
  | { type: 'exact' }
  /** Same functions and lines; arguments ignored (the default: register-ABI `0x0?` args never split). */
  | { type: 'lines' }
  /** Same functions; lines and arguments ignored (different builds of the same code). */
  | { type: 'functions' }
  /** The same first N frames from the leaf. */
  | { type: 'top'; frames: number }
  /** The first frame that is the team's own code (runtime, stdlib and libraries skipped). */
  | { type: 'firstApp' }
  /** The same `created by` site. */
  | { type: 'createdBy' }
  /** The same state (`semacquire`, `chan receive`, `definitely lost`). */
  | { type: 'state' }
  /**
   * The same labels: pprof's (`route=/upload`), perf's thread (`comm=gzip, pid=572, tid=572`);
   * records without labels form one group. Groups are named by their labels.
   */
  | { type: 'labels' }
  /** The same value of one label (`pid=572`: perf samples by process); named by it. */
  | { type: 'label'; key: string }

export const defaultGroupMode: GroupMode = { type: 'lines' }

/** Distinct argument lists a group counts before it stops: past it, only "or more" is known. */
export const VARIANTS_COUNTED = 1000

export type Group = {
  /** Stable within one incident and mode: used in deep links and pins. */
  key: string
  /** The records in this group, in input order. */
  records: Int32Array
  /** Sum of the `count` weight (goroutines, threads, or allocations for leak records). */
  count: number
  bytes: number
  allocations: number
  /**
   * Per state, most common first: `count` records, weighing `weight` of the group's `count`
   * (the same for goroutines and threads; for leak records, their allocations).
   */
  states: { state: string; count: number; weight: number }[]
  /** Minimum and maximum wait minutes, or null when no member says. */
  waitMinutes: [number, number] | null
  /**
   * The stack shown for the group: its largest member's (the stack most of its weight sits
   * on), so a state group of 405,856 singleflight waiters and 2,100 others shows the former.
   */
  stack: IndexIntoStackTable
  /** The name the group goes by everywhere (see computeGroupLabel). */
  label: string
  /** The frame the label names, or NONE. */
  labelFrame: IndexIntoFrameTable
  /** The function of the representative member's `created by` site (Go), or null. */
  createdBy: string | null
  /** Whether the crashing goroutine/thread is in this group. */
  crashed: boolean
  /**
   * Number of distinct exact stacks (with arguments) inside the group, counted up to
   * VARIANTS_COUNTED: a group of 407,200 waiters, each with its own pointers, stops there.
   */
  variants: number
}

/**
 * Folds records into groups. A pure function of (incident, mode): the cost is one pass over
 * the records plus one key computation per distinct stack, so 420k goroutines sharing a few
 * dozen stacks group in milliseconds.
 */
export function computeGroups(incident: Incident, mode: GroupMode = defaultGroupMode): Group[] {
  const ranked = rankGroups(incident, mode)
  const groups: Group[] = []
  for (let rank = 0; rank < ranked.length; rank++) groups.push(ranked.at(rank))
  // Asking two million groups of one record for their counts walked their records again.
  rememberGroupsTotal(groups, ranked.total)
  return groups
}

/** The groups of one mode, largest first, each summarised when it is asked for. */
export type RankedGroups = {
  readonly length: number
  /** The groups' counts summed largest first, as `getGroupsTotal` sums them. */
  readonly total: number
  /** The group at `rank` (0 is the largest), made anew at each call. */
  at(rank: number): Group
  /** The `labelFrame` of the group at `rank`, without making a group of one record. */
  labelFrame(rank: number): IndexIntoFrameTable
  /**
   * Every group's `labelFrame`, in an order of the groups' own rather than by rank (to count
   * groups per frame), or null where only `labelFrame` tells them.
   */
  unrankedLabelFrames(): Int32Array | null
}

/**
 * The groups of `computeGroups` in the same order, without holding them: ranking needs only
 * each group's weights, so a caller that writes groups out one at a time (the command line's
 * `--json` of a million distinct stacks) never holds a million group objects.
 */
export function rankGroups(incident: Incident, mode: GroupMode = defaultGroupMode): RankedGroups {
  const { length, keyOf, groupOfRecord } = assignGroups(incident, mode)
  const r = incident.records
  const size = new Int32Array(length)
  // Each group's weights summed in record order, as its summary sums them, to rank by.
  const count = new Float64Array(length)
  const bytes = new Float64Array(length)
  const crashed = new Uint8Array(length)
  for (let i = 0; i < groupOfRecord.length; i++) {
    const g = groupOfRecord[i]
    size[g]++
    count[g] += r.count[i]
    bytes[g] += r.bytes[i]
    if (r.flags[i] & RecordFlag.crashed) crashed[g] = 1
  }
  // One buffer holds every group's records, each group a view of its run: a dump of a million
  // distinct stacks made a million small typed arrays, each with its own ArrayBuffer.
  const start = new Int32Array(length + 1)
  for (let g = 0; g < length; g++) start[g + 1] = start[g] + size[g]
  const all = new Int32Array(groupOfRecord.length)
  const filled = start.slice(0, length)
  for (let i = 0; i < groupOfRecord.length; i++) all[filled[groupOfRecord[i]]++] = i
  // Largest first; the crashing group wins ties so it is never hidden below equals. Groups are
  // numbered in order of their first record, so the last tie-break is input order.
  const order = rankOrder(count, bytes, crashed)
  const total = rankedTotal(count, order)
  const ones: OneRecordContext = { incident, all, start, keyOf, states: new Map() }
  const labelled = mode.type === 'labels' || mode.type === 'label'
  // The group is its labels: a function name would say only where its largest stack is.
  const unlabelled =
    mode.type === 'labels' ? '(no labels)' : mode.type === 'label' ? `(no ${mode.key})` : ''
  return {
    length,
    total,
    at(rank) {
      const g = order[rank]
      const group =
        size[g] === 1
          ? new OneRecordGroup(ones, g)
          : summarizeGroup(incident, keyOf(g), all.subarray(start[g], start[g + 1]))
      if (labelled) {
        group.label = group.key || unlabelled
        group.labelFrame = NONE
      }
      return group
    },
    labelFrame(rank) {
      if (labelled) return NONE
      const g = order[rank]
      if (size[g] === 1) return labelFramesOf(ones)[g]
      // Every member of a group by lines has the group's stack, which the label names.
      if (mode.type === 'lines') return computeLabelFrame(incident, r.stack[all[start[g]]])
      return this.at(rank).labelFrame
    },
    unrankedLabelFrames() {
      if (mode.type !== 'lines') return null
      // By group number, as `labelFramesOf` reads those of one record; the others are added to
      // a copy, which the groups of one record go on reading.
      let frames = labelFramesOf(ones)
      for (let g = 0; g < length; g++) {
        if (size[g] === 1) continue
        if (frames === ones.labelFrames) frames = frames.slice()
        frames[g] = computeLabelFrame(incident, r.stack[all[start[g]]])
      }
      return frames
    },
  }
}

/**
 * Each record's group, and each group's key, groups numbered in order of first appearance.
 * A record is looked up by integers (its stack, state or labels, and for `exact` its argument
 * hash too), and a key string is made once per distinct one, or only when asked for where
 * distinct numbers are distinct keys: a dump of a million distinct stacks made and hashed a
 * key string per record.
 */
function assignGroups(
  incident: Incident,
  mode: GroupMode,
): { length: number; keyOf: (group: number) => string; groupOfRecord: Int32Array } {
  const r = incident.records
  if (mode.type === 'exact') {
    const groupOfRecord = new Int32Array(r.length)
    const byStackAndArgs = new IntTupleMap(2)
    const tuple = new Int32Array(2)
    // Each group's tuple, two numbers per group: its key when asked for.
    const tuples: number[] = []
    for (let i = 0; i < r.length; i++) {
      tuple[0] = r.stack[i]
      tuple[1] = r.argsHash[i]
      // A new tuple is a new group: the tuple map alone tells groups apart.
      const next = tuples.length / 2
      const g = byStackAndArgs.getOrAdd(tuple, next)
      if (g === next) tuples.push(tuple[0], tuple[1])
      groupOfRecord[i] = g
    }
    return {
      length: tuples.length / 2,
      keyOf: (g) => `${tuples[2 * g]}:${tuples[2 * g + 1]}`,
      groupOfRecord,
    }
  }
  const { column, tableLength, keyOf, distinctKeys } = groupHandle(incident, mode)
  if (distinctKeys) {
    const { values, groupOfRecord } = groupByDistinctValues(column, tableLength)
    return { length: values.length, keyOf: (g) => keyOf(values[g]), groupOfRecord }
  }
  // Other modes look the key up to fold handles with equal keys.
  const groupOfRecord = new Int32Array(r.length)
  const keys: string[] = []
  const groupOfKey = new Map<string, number>()
  // By handle + 1 (NONE is -1): the group, or -1 before the handle's first record.
  const groupOfHandle = new Int32Array(tableLength + 1).fill(-1)
  for (let i = 0; i < r.length; i++) {
    const h = column[i]
    let g = groupOfHandle[h + 1]
    if (g < 0) {
      const key = keyOf(h)
      g = groupOfKey.get(key) ?? -1
      if (g < 0) {
        g = keys.push(key) - 1
        groupOfKey.set(key, g)
      }
      groupOfHandle[h + 1] = g
    }
    groupOfRecord[i] = g
  }
  return { length: keys.length, keyOf: (g) => keys[g], groupOfRecord }
}

/** The record column a mode groups by (stack, `created by` stack, state or labels) and the key of each of its values. */
function groupHandle(
  incident: Incident,
  mode: Exclude<GroupMode, { type: 'exact' }>,
): {
  column: Int32Array
  tableLength: number
  keyOf: (handle: number) => string
  /** No two handles have the same key. */
  distinctKeys: boolean
} {
  const { records: r, strings } = incident
  const string = (h: number) => (h === NONE ? '' : strings[h])
  switch (mode.type) {
    case 'state':
      return { column: r.state, tableLength: strings.length, keyOf: string, distinctKeys: false }
    case 'labels':
      return { column: r.labels, tableLength: strings.length, keyOf: string, distinctKeys: false }
    case 'label':
      return {
        column: r.labels,
        tableLength: strings.length,
        keyOf: (h) => (h === NONE ? '' : pickLabel(strings[h], mode.key)),
        distinctKeys: false,
      }
    case 'createdBy':
      return {
        column: r.createdBy,
        tableLength: incident.stacks.length,
        keyOf: (h) => (h === NONE ? '' : computeStackKey(incident, h, mode)),
        distinctKeys: false,
      }
    default:
      return {
        column: r.stack,
        tableLength: incident.stacks.length,
        keyOf: (h) => computeStackKey(incident, h, mode),
        // A stack node's number is its key in lines mode; the other modes fold nodes together.
        distinctKeys: mode.type === 'lines',
      }
  }
}

/** The `key=value` pair of `key` in `a=1, b=2` labels, or ''. */
export function pickLabel(labels: string, key: string): string {
  for (const pair of labels.split(', ')) if (pair.startsWith(`${key}=`)) return pair
  return ''
}

function computeStackKey(incident: Incident, leaf: IndexIntoStackTable, mode: GroupMode): string {
  const { stacks, frames } = incident
  switch (mode.type) {
    case 'exact':
    case 'lines':
      return String(leaf)
    case 'functions':
    case 'top':
    case 'createdBy': {
      const parts: number[] = []
      const limit = mode.type === 'top' ? mode.frames : Infinity
      for (let node = leaf; node !== NONE && parts.length < limit; node = stacks.prefix[node]) {
        // Functions mode drops lines; `top` and `createdBy` keep them (a created-by site is one frame).
        parts.push(mode.type === 'functions' ? frames.func[stacks.frame[node]] : stacks.frame[node])
      }
      return parts.join(',')
    }
    case 'firstApp': {
      for (let node = leaf; node !== NONE; node = stacks.prefix[node]) {
        const frame = stacks.frame[node]
        if (frames.kind[frame] === FrameKind.app) return `f${frames.func[frame]}`
      }
      return leaf === NONE ? '' : `l${frames.func[stacks.frame[leaf]]}`
    }
    case 'state':
    case 'labels':
    case 'label':
      return ''
  }
}

/** A record's pprof labels as `key=value, ...`, or '' when it has none. */
export function getRecordLabels(incident: Incident, record: IndexIntoRecordTable): string {
  const label = incident.records.labels[record]
  return label === NONE ? '' : incident.strings[label]
}

function summarizeGroup(incident: Incident, key: string, records: Int32Array): Group {
  const r = incident.records
  let count = 0
  let bytes = 0
  let allocations = 0
  let waitMin = Infinity
  let waitMax = -Infinity
  let crashed = false
  const stateCounts = new Map<number, number>()
  const stateWeights = new Map<number, number>()
  const variants = new Set<string>()
  // Weight per member stack, to pick the largest as the group's face.
  const weightOfStack = new Map<IndexIntoStackTable, number>()
  // Members come in runs of one state and one stack (407,200 waiters in a row): a run is
  // counted in locals and added to the maps when it ends, where three map updates a record
  // cost more than the rest of the summary.
  let state = NONE
  let stateRun = 0
  let stateRunWeight = 0
  let stack: IndexIntoStackTable = NONE
  let stackRunWeight = 0
  let variantStack = NONE
  let variantHash = 0
  for (let k = 0; k < records.length; k++) {
    const i: IndexIntoRecordTable = records[k]
    count += r.count[i]
    bytes += r.bytes[i]
    allocations += r.allocations[i]
    const w = r.waitMinutes[i]
    if (w >= 0) {
      if (w < waitMin) waitMin = w
      if (w > waitMax) waitMax = w
    }
    if (r.flags[i] & RecordFlag.crashed) crashed = true
    if (r.state[i] !== state || stateRun === 0) {
      if (stateRun > 0) addRun(stateCounts, stateWeights, state, stateRun, stateRunWeight)
      state = r.state[i]
      stateRun = 0
      stateRunWeight = 0
    }
    stateRun++
    stateRunWeight += r.count[i]
    if (
      variants.size < VARIANTS_COUNTED &&
      (r.stack[i] !== variantStack || r.argsHash[i] !== variantHash || k === 0)
    ) {
      variantStack = r.stack[i]
      variantHash = r.argsHash[i]
      variants.add(`${variantStack}:${variantHash}`)
    }
    if (r.stack[i] !== stack || k === 0) {
      if (k > 0) weightOfStack.set(stack, (weightOfStack.get(stack) ?? 0) + stackRunWeight)
      stack = r.stack[i]
      stackRunWeight = 0
    }
    stackRunWeight += r.bytes[i] || r.count[i]
  }
  if (stateRun > 0) addRun(stateCounts, stateWeights, state, stateRun, stateRunWeight)
  if (records.length) weightOfStack.set(stack, (weightOfStack.get(stack) ?? 0) + stackRunWeight)
  const states = [...stateCounts]
    .filter(([s]) => s !== NONE)
    .map(([s, c]) => ({ state: incident.strings[s], count: c, weight: stateWeights.get(s)! }))
    .sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : 1))
  const face = largestStack(weightOfStack)
  const representative = records.length ? firstRecordOn(r.stack, records, face) : NONE
  const name = computeGroupLabel(
    incident,
    face,
    states[0]?.state,
    representative === NONE ? NONE : r.createdBy[representative],
    bytes > 0,
  )
  return {
    key,
    records,
    count,
    bytes,
    allocations,
    states,
    waitMinutes: waitMin <= waitMax ? [waitMin, waitMax] : null,
    stack: face,
    label: name.label,
    labelFrame: name.frame,
    createdBy: name.createdBy,
    crashed,
    variants: variants.size,
  }
}

/** Adds a run of `run` members in `state`, of weight `weight`, to a group's state counts. */
function addRun(
  counts: Map<number, number>,
  weights: Map<number, number>,
  state: number,
  run: number,
  weight: number,
): void {
  counts.set(state, (counts.get(state) ?? 0) + run)
  weights.set(state, (weights.get(state) ?? 0) + weight)
}

/** The heaviest stack; the first one seen wins ties (Map order is insertion order). */
function largestStack(weightOfStack: Map<IndexIntoStackTable, number>): IndexIntoStackTable {
  let best: IndexIntoStackTable = NONE
  let bestWeight = -Infinity
  for (const [stack, weight] of weightOfStack) {
    if (weight > bestWeight) {
      best = stack
      bestWeight = weight
    }
  }
  return best
}

function firstRecordOn(
  stackOf: Int32Array,
  records: Int32Array,
  stack: IndexIntoStackTable,
): IndexIntoRecordTable {
  for (let k = 0; k < records.length; k++) if (stackOf[records[k]] === stack) return records[k]
  return records[0]
}

/** The frame a reader looks at first: the first application frame from the leaf, else the leaf. */
export function getTopAppFrame(incident: Incident, leaf: IndexIntoStackTable): number {
  const { stacks, frames } = incident
  for (let node = leaf; node !== NONE; node = stacks.prefix[node]) {
    if (frames.kind[stacks.frame[node]] === FrameKind.app) return stacks.frame[node]
  }
  return leaf === NONE ? NONE : stacks.frame[leaf]
}
