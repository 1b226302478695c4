import type { Incident, IndexIntoFrameTable, IndexIntoStackTable } from './types'
import { FrameKind, NONE } from './types'

/** How a group is named in every view, pin and export, and in the CLI's JSON. */
export type GroupLabel = {
  /** `main.(*Matcher).Match`, or `semacquire in net.(*singleflight).Do` for runtime-only stacks. */
  label: string
  /** The function of the `created by` site (Go), or null. */
  createdBy: string | null
  /** The frame the label names (its location is shown beside it), or NONE. */
  frame: IndexIntoFrameTable
}

/**
 * Names a group after the code a reader would look at first: the first frame (from the leaf)
 * that is the program's own code. Runtime and cgo machinery (`runtime.cgocall`,
 * `runtime.asmcgocall`, `_cgo_*`) is skipped; `_Cfunc_X` is the program's own call into C.
 * Failing that, third-party and native library code, as a leak in `libzookeeper` is named by
 * its function there. When every frame is runtime or standard library (420k goroutines parked
 * in `sync.runtime_Semacquire` under `net.lookupIPDeadline`), the name says what they block
 * on and where: `semacquire in net.(*singleflight).Do`, with the created-by site beside it.
 */
export function computeGroupLabel(
  incident: Incident,
  stack: IndexIntoStackTable,
  state: string | undefined,
  createdByStack: IndexIntoStackTable,
  /**
   * The records weigh bytes (a leak or heap report): their state is a kind of amount (`in use`,
   * `flat`, `definitely lost`), not what the stack waits on, so it does not name the group.
   */
  weighsBytes = false,
): GroupLabel {
  const createdBy =
    createdByStack === NONE ? null : funcOf(incident, leafFrame(incident, createdByStack))
  if (stack === NONE) {
    const what = state ? `${state}, no stack` : '(no stack)'
    return { label: createdBy ? `${what}, created by ${createdBy}` : what, createdBy, frame: NONE }
  }
  const frame = computeLabelFrame(incident, stack)
  if (isOwnCode(incident, frame)) return { label: funcOf(incident, frame), createdBy, frame }
  if (isLibraryCode(incident, frame))
    return { label: funcWithModule(incident, frame), createdBy, frame }
  // Runtime and standard library only (the frame found is neither the program's nor a
  // library's): what they block on and where.
  const at = funcWithModule(incident, frame)
  const waitsOn = state && state !== 'running' && !weighsBytes
  return { label: waitsOn ? `${state} in ${at}` : at, createdBy, frame }
}

/**
 * The frame `computeGroupLabel` names for a stack, without the label: the first frame (from
 * the leaf) of the program's own code, else of a library, else past the runtime's plumbing,
 * else the leaf; NONE for no stack. The table asks it of every group (two million for two
 * million folded stacks), where making each label cost a string and an object apiece.
 */
export function computeLabelFrame(
  incident: Incident,
  stack: IndexIntoStackTable,
): IndexIntoFrameTable {
  if (stack === NONE) return NONE
  const own = findFrame(incident, stack, isOwnCode)
  if (own !== NONE) return own
  const library = findFrame(incident, stack, isLibraryCode)
  if (library !== NONE) return library
  // Runtime and standard library only: the blocking call and the first frame past the
  // runtime's own plumbing (sync, internal/*, linknamed runtime_* functions).
  const where = findFrame(incident, stack, (i, f) => !isPlumbing(i, f))
  return where === NONE ? leafFrame(incident, stack) : where
}

function findFrame(
  incident: Incident,
  leaf: IndexIntoStackTable,
  test: (incident: Incident, frame: IndexIntoFrameTable) => boolean,
): IndexIntoFrameTable {
  for (let node = leaf; node !== NONE; node = incident.stacks.prefix[node]) {
    const frame = incident.stacks.frame[node]
    if (test(incident, frame)) return frame
  }
  return NONE
}

function isOwnCode(incident: Incident, frame: IndexIntoFrameTable): boolean {
  const kind = incident.frames.kind[frame]
  if (kind === FrameKind.app) return true
  return kind === FrameKind.cgo && funcOf(incident, frame).includes('_Cfunc_')
}

function isLibraryCode(incident: Incident, frame: IndexIntoFrameTable): boolean {
  const kind = incident.frames.kind[frame]
  if (kind === FrameKind.library || kind === FrameKind.native) return true
  // `[unknown] [libzookeeper_mt.so.2.0.0]`: no symbol, but a library that is not libc.
  return kind === FrameKind.unknown && incident.frames.module[frame] !== NONE
}

/** Frames that say how a goroutine waits, not what it waits for. */
function isPlumbing(incident: Incident, frame: IndexIntoFrameTable): boolean {
  const kind = incident.frames.kind[frame]
  if (kind === FrameKind.runtime || kind === FrameKind.cgo) return true
  const func = funcOf(incident, frame)
  return (
    func.startsWith('sync.') ||
    func.startsWith('sync/atomic.') ||
    func.startsWith('internal/') ||
    func.includes('.runtime_')
  )
}

function leafFrame(incident: Incident, leaf: IndexIntoStackTable): IndexIntoFrameTable {
  return incident.stacks.frame[leaf]
}

function funcOf(incident: Incident, frame: IndexIntoFrameTable): string {
  return incident.strings[incident.frames.func[frame]]
}

/** A function, or for an unnamed one (`[unknown]`, `??`) the module it is in. */
function funcWithModule(incident: Incident, frame: IndexIntoFrameTable): string {
  const func = funcOf(incident, frame)
  const module = incident.frames.module[frame]
  if (module === NONE || incident.frames.kind[frame] !== FrameKind.unknown) return func
  // Unknown native frames are already named after their module (`unknown in gzip`).
  if (func.startsWith('unknown in ')) return func
  return `${func} in ${incident.strings[module]}`
}
