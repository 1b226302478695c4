import type { IndexIntoStackTable, IndexIntoStringTable, LineNumber } from './types'

/** The most records held before they join the record columns. */
export const RECORD_BATCH = 1024

/**
 * The records of stacks printed one after another (a dump's goroutines) not yet in the record
 * columns (`IncidentBuilder.addStackRecord`): the columns such a record sets, stored in place,
 * where a record added alone was a call per column, seventeen a goroutine, each boxing its
 * number, and an object to carry them. The rest of such a record is its columns' fill: no
 * name, a count of one, no bytes, allocations, time, snapshot or labels.
 */
export class RecordBatch {
  readonly stack = new Int32Array(RECORD_BATCH)
  readonly state = new Int32Array(RECORD_BATCH)
  readonly waitMinutes = new Float64Array(RECORD_BATCH)
  readonly id = new Float64Array(RECORD_BATCH)
  readonly createdBy = new Int32Array(RECORD_BATCH)
  readonly parentId = new Float64Array(RECORD_BATCH)
  readonly argsHash = new Int32Array(RECORD_BATCH)
  readonly flags = new Uint8Array(RECORD_BATCH)
  readonly source = new Int32Array(RECORD_BATCH)
  readonly line = new Int32Array(RECORD_BATCH)
  count = 0

  /** Holds one record; true when the batch is full and must be emptied. */
  add(
    stack: IndexIntoStackTable,
    state: IndexIntoStringTable,
    waitMinutes: number,
    id: number,
    createdBy: IndexIntoStackTable,
    parentId: number,
    argsHash: number,
    flags: number,
    source: number,
    line: LineNumber,
  ): boolean {
    const n = this.count
    this.stack[n] = stack
    this.state[n] = state
    this.waitMinutes[n] = waitMinutes
    this.id[n] = id
    this.createdBy[n] = createdBy
    this.parentId[n] = parentId
    this.argsHash[n] = argsHash
    this.flags[n] = flags
    this.source[n] = source
    this.line[n] = line
    this.count = n + 1
    return n + 1 === RECORD_BATCH
  }
}
