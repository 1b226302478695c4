import { getFrameFunc, getStackFrames } from '../model/stacks'
import type { Incident } from '../model/types'
import { NONE } from '../model/types'

/** Function names of a record's stack, leaf first. */
export function leafFrames(incident: Incident, record: number): string[] {
  const leaf = incident.records.stack[record]
  return leaf === NONE ? [] : getStackFrames(incident, leaf).map((f) => getFrameFunc(incident, f))
}
