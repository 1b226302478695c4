import type { Incident, IndexIntoFrameTable, IndexIntoStackTable } from './types'
import { NONE, frameKindNames } from './types'

/** Frames of a stack, leaf first (the order tools print them). */
export function getStackFrames(
  incident: Incident,
  leaf: IndexIntoStackTable,
): IndexIntoFrameTable[] {
  const out: IndexIntoFrameTable[] = []
  for (let node = leaf; node !== NONE; node = incident.stacks.prefix[node]) {
    out.push(incident.stacks.frame[node])
  }
  return out
}

/** Stack nodes from leaf to root. */
export function getStackNodes(
  incident: Incident,
  leaf: IndexIntoStackTable,
): IndexIntoStackTable[] {
  const out: IndexIntoStackTable[] = []
  for (let node = leaf; node !== NONE; node = incident.stacks.prefix[node]) out.push(node)
  return out
}

export function getFrameFunc(incident: Incident, frame: IndexIntoFrameTable): string {
  return incident.strings[incident.frames.func[frame]]
}

/** `file:line`, or '' when the frame has no file. */
export function getFrameLocation(incident: Incident, frame: IndexIntoFrameTable): string {
  const file = incident.frames.file[frame]
  if (file === NONE) return ''
  const line = incident.frames.line[frame]
  return line > 0 ? `${incident.strings[file]}:${line}` : incident.strings[file]
}

export function getFrameModule(incident: Incident, frame: IndexIntoFrameTable): string {
  const m = incident.frames.module[frame]
  return m === NONE ? '' : incident.strings[m]
}

export function getFrameKindName(incident: Incident, frame: IndexIntoFrameTable): string {
  return frameKindNames[incident.frames.kind[frame] as keyof typeof frameKindNames]
}
