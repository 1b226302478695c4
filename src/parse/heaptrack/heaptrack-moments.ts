import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoStackTable, LineNumber } from '../../model/types'

/** One allocation stack as it stood at one moment of the run. */
export type HeaptrackRow = {
  stack: IndexIntoStackTable
  state: string
  /** Calls to allocation functions from the stack. */
  count: number
  /** Bytes the stack held. */
  bytes: number
  /** Allocations the stack held. */
  allocations: number
  line: LineNumber
}

/** The two moments heaptrack reports on, in the order they happen. */
export const HEAPTRACK_PEAK = 'at the peak'
export const HEAPTRACK_END = 'at the end'

/**
 * Adds one moment of a heaptrack run as a snapshot of its own, then its rows as the snapshot's
 * records. heaptrack reports two moments, the peak (`peak heap memory consumption`) and the end
 * (`total memory leaked`): a stack's peak share and its leaked bytes must never be added up, so
 * each moment is a snapshot and the views show one at a time (the end by default, the last).
 * `totals` are the moment's own figures when the input states them beyond its listed rows.
 */
export function addHeaptrackMoment(
  b: IncidentBuilder,
  label: string,
  rows: readonly HeaptrackRow[],
  line: LineNumber,
  totals: { bytes?: number; allocations?: number } = {},
): void {
  let bytes = 0
  let allocations = 0
  for (const row of rows) {
    bytes += row.bytes
    allocations += row.allocations
  }
  const snapshot = b.addSnapshot({
    label,
    bytes: totals.bytes ?? bytes,
    allocations: totals.allocations ?? allocations,
    line,
  })
  for (const row of rows) b.addRecord({ ...row, snapshot })
}
