import { computeGroupLabel, computeLabelFrame, type GroupLabel } from './group-label'
import type { Group } from './group'
import type {
  Incident,
  IndexIntoFrameTable,
  IndexIntoRecordTable,
  IndexIntoStackTable,
} from './types'
import { NONE, RecordFlag } from './types'

/** What the one-record groups of one grouping share. */
export type OneRecordContext = {
  incident: Incident
  /** Every group's records, group g's from `start[g]` (see `rankGroups`). */
  all: Int32Array
  start: Int32Array
  keyOf: (group: number) => string
  /**
   * The states of a one-record group, by state and then by the record's count: one frozen list
   * shared by all such groups.
   */
  states: Map<number, Map<number, Group['states']>>
  /** Each one-record group's label frame by group, once one is asked for (`labelFramesOf`). */
  labelFrames?: Int32Array
}

/**
 * A group of one record: most groups when every stack differs (two million folded lines make
 * about two million). Its figures are read from the record's columns when asked, and its key,
 * label and records view are made when read, so such a group is a small object where the
 * fields, key, label and typed-array view of a summarised group took about 300 bytes and
 * most of the time of grouping.
 */
export class OneRecordGroup implements Group {
  private name: GroupLabel | null = null
  private view: Int32Array | null = null

  constructor(
    private readonly of: OneRecordContext,
    private readonly group: number,
  ) {}

  /** The record. */
  get record(): IndexIntoRecordTable {
    return this.of.all[this.of.start[this.group]]
  }

  get key(): string {
    return this.of.keyOf(this.group)
  }

  get records(): Int32Array {
    const at = this.of.start[this.group]
    return (this.view ??= this.of.all.subarray(at, at + 1))
  }

  get count(): number {
    return this.of.incident.records.count[this.record]
  }

  get bytes(): number {
    return this.of.incident.records.bytes[this.record]
  }

  get allocations(): number {
    return this.of.incident.records.allocations[this.record]
  }

  get states(): Group['states'] {
    const { incident, states: statesOf } = this.of
    const s = incident.records.state[this.record]
    const weight = incident.records.count[this.record]
    let byWeight = statesOf.get(s)
    if (!byWeight) statesOf.set(s, (byWeight = new Map()))
    let states = byWeight.get(weight)
    if (!states) {
      states = Object.freeze(
        s === NONE ? [] : [Object.freeze({ state: incident.strings[s], count: 1, weight })],
      ) as Group['states']
      byWeight.set(weight, states)
    }
    return states
  }

  get waitMinutes(): [number, number] | null {
    const w = this.of.incident.records.waitMinutes[this.record]
    return w >= 0 ? [w, w] : null
  }

  get stack(): IndexIntoStackTable {
    return this.of.incident.records.stack[this.record]
  }

  get crashed(): boolean {
    return (this.of.incident.records.flags[this.record] & RecordFlag.crashed) !== 0
  }

  get variants(): number {
    return 1
  }

  get label(): string {
    return this.named().label
  }

  set label(label: string) {
    this.name = { ...this.named(), label }
  }

  get labelFrame(): IndexIntoFrameTable {
    // Without making the label: the table asks every group for its frame, and only the rows
    // on screen for their labels.
    return this.name ? this.name.frame : labelFramesOf(this.of)[this.group]
  }

  set labelFrame(frame: IndexIntoFrameTable) {
    this.name = { ...this.named(), frame }
  }

  get createdBy(): string | null {
    return this.named().createdBy
  }

  private named(): GroupLabel {
    if (this.name) return this.name
    const { incident } = this.of
    const i = this.record
    const s = incident.records.state[i]
    return (this.name = computeGroupLabel(
      incident,
      incident.records.stack[i],
      s === NONE ? undefined : incident.strings[s],
      incident.records.createdBy[i],
      incident.records.bytes[i] > 0,
    ))
  }
}

/**
 * The label frame of every group of one record, found in the order of the groups' first
 * records: the table asks each group in its rank, and two million stacks walked in that order
 * (counts shuffle them) missed the cache at nearly every node, where neighbouring records'
 * stacks lie near one another.
 */
export function labelFramesOf(of: OneRecordContext): Int32Array {
  if (of.labelFrames) return of.labelFrames
  const { incident, all, start } = of
  const stackOf = incident.records.stack
  const frames = new Int32Array(start.length - 1).fill(NONE)
  for (let g = 0; g < frames.length; g++)
    if (start[g + 1] - start[g] === 1)
      frames[g] = computeLabelFrame(incident, stackOf[all[start[g]]])
  return (of.labelFrames = frames)
}
