import { hashString } from '../../lib/hash'
import type { FrameInput, IncidentBuilder } from '../../model/builder'
import type {
  FrameKind,
  IndexIntoFrameTable,
  IndexIntoRecordTable,
  LineNumber,
} from '../../model/types'
import { RecordFlag } from '../../model/types'
import { waitStateOf } from './thread-state'

/**
 * One thread as a native debugger printed it, collected frame by frame. Debugger sessions
 * print the same thread more than once (a stop summary, then `bt all`), so readers keep
 * threads until the region ends and emit records only then.
 */
export type NativeThread = {
  /** The debugger's thread number (gdb `Thread 5`, lldb `thread #5`) or the TID (eu-stack). */
  id?: number
  /** The kernel thread id (gdb `LWP 10275`, lldb `tid = 25233`). */
  tid?: number
  name?: string
  /** First line of the thread in its source. */
  line: LineNumber
  frames: IndexIntoFrameTable[]
  /** Per frame, for naming the wait state and matching frames. */
  funcs: string[]
  kinds: FrameKind[]
  addresses: (string | undefined)[]
  args: (string | undefined)[]
  /** A `<signal handler called>` frame is on this stack. */
  signalHandler: boolean
  /** The stack was cut short (`Backtrace stopped`, truncated input). */
  truncated: boolean
  /** The highest frame number seen (`#N`), -1 before the first frame. */
  lastIndex: number
}

export function newThread(
  line: LineNumber,
  id?: number,
  name?: string,
  tid?: number,
): NativeThread {
  return {
    id,
    tid,
    name,
    line,
    frames: [],
    funcs: [],
    kinds: [],
    addresses: [],
    args: [],
    signalHandler: false,
    truncated: false,
    lastIndex: -1,
  }
}

/** Adds a frame (leaf first) to a thread. */
export function addThreadFrame(
  builder: IncidentBuilder,
  thread: NativeThread,
  frame: FrameInput,
  index: number,
  args?: string,
): void {
  thread.frames.push(builder.frame(frame))
  thread.funcs.push(frame.func)
  thread.kinds.push(frame.kind)
  thread.addresses.push(frame.address)
  thread.args.push(args)
  thread.lastIndex = index
}

/** Whether two threads show the same frames (a `bt` repeated by `thread apply all bt`). */
export function sameFrames(a: NativeThread, b: NativeThread): boolean {
  if (a.frames.length !== b.frames.length) return false
  for (let i = 0; i < a.frames.length; i++) if (a.frames[i] !== b.frames[i]) return false
  return true
}

/**
 * Adds a thread's record. The crashing thread gets state `crashed`; the others get the
 * wait state their leaf frames name, if any.
 */
export function emitThread(
  builder: IncidentBuilder,
  thread: NativeThread,
  crashed: boolean,
): IndexIntoRecordTable {
  const stack = builder.stackFromLeafFirst(thread.frames, thread.frames.length, thread.args)
  let argsHash = 0
  for (const a of thread.args) if (a !== undefined) argsHash = hashString(a + '\u0000', argsHash)
  let flags = 0
  if (crashed) flags |= RecordFlag.crashed
  if (thread.truncated) flags |= RecordFlag.truncated
  return builder.addRecord({
    stack,
    state: crashed ? 'crashed' : waitStateOf(thread.funcs, thread.kinds),
    id: thread.id,
    name: thread.name,
    argsHash,
    flags,
    line: thread.line,
  })
}
