import type { SourceClock } from '../timeline/source-clocks'
import type { Incident, LineNumber, Milliseconds, SourceInfo } from '../types'
import { clockOfSetting, findDumpTakenAt, findSourceClock, withDumpTakenAt } from './clocks'
import type { SourceClockSetting } from './types'

/**
 * "Dump taken at": a goroutine or thread dump that no line dates exactly gets the time the
 * team sets, saved per input with its clock settings and naming the dump by its first line.
 */

/** The dump shown, when no line dates it exactly: the one whose "taken at" the team may set. */
export type UndatedDump = {
  source: SourceInfo
  line: LineNumber
  takenAt: Milliseconds | undefined
  /** The source's clock with this dump's time set (or cleared). */
  clockWith(time: Milliseconds | undefined): SourceClock
}

/** The undated dump `dump` (a snapshot index) with its time as set, or null when a line
 *  dates it (and nothing was set) or it is no dump. */
export function getUndatedDump(
  incident: Incident,
  dump: number | null,
  clocks: readonly SourceClockSetting[],
): UndatedDump | null {
  const snapshot = dump === null ? undefined : incident.snapshots[dump]
  const source = snapshot && incident.sources[snapshot.source]
  if (!snapshot || snapshot.kind !== 'dump' || !source) return null
  const takenAt = findDumpTakenAt(clocks, source, snapshot.line)
  const dated =
    snapshot.time !== undefined && Number.isFinite(snapshot.time) && snapshot.timeApprox !== true
  if (dated && takenAt === undefined) return null
  const line = snapshot.line
  return {
    source,
    line,
    takenAt,
    clockWith: (time) =>
      withDumpTakenAt(clockOfSetting(findSourceClock(clocks, source)), line, time),
  }
}
