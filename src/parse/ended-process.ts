import type { IncidentBuilder } from '../model/builder'
import { FrameKind, RecordFlag, type IndexIntoRecordTable, type LineNumber } from '../model/types'

/**
 * A crashed record for a process known only by its name (a systemd unit, a container): its
 * stack is that one name, so each death of the same process groups into one row with a count.
 */
export function addEndedProcess(
  b: IncidentBuilder,
  name: string,
  state: string,
  line: LineNumber,
): IndexIntoRecordTable {
  return b.addRecord({
    stack: b.stackFromLeafFirst([b.frame({ func: name, kind: FrameKind.app })]),
    state,
    count: 1,
    flags: RecordFlag.crashed,
    line,
  })
}
