import { FNV_OFFSET_BASIS, hashString } from '../lib/hash'
import { getFrameFunc, getFrameLocation, getStackFrames } from './stacks'
import type { Incident, IndexIntoStackTable } from './types'
import { NONE } from './types'

/**
 * An id for a stack that survives re-parsing the same input (and parsing it on another
 * machine): a hash of its functions and locations, not of table indices. Deep links and
 * shared links name groups by it.
 */
export function getStackStableId(incident: Incident, leaf: IndexIntoStackTable): string {
  if (leaf === NONE) return '0'
  let h = FNV_OFFSET_BASIS
  for (const f of getStackFrames(incident, leaf)) {
    h = hashString(getFrameFunc(incident, f), h)
    h = hashString('@' + getFrameLocation(incident, f) + ';', h)
  }
  return (h >>> 0).toString(36)
}
