import type { FrameInput } from '../../model/builder'
import { FrameKind } from '../../model/types'
import {
  accessWord,
  decodePageFaultError,
  describePageFaultError,
  libraryOffset,
  trapSignal,
  type UserFault,
} from './segfault'

/** What a user-space fault says, in the words the crash fact, its record and its event use. */
export type ToldUserFault = {
  /** The one frame of its record: `LIB+0xOFFSET`, or where the ip points without a file. */
  frame: FrameInput
  /** `haproxy[610] user-mode read of a not-present page at 0x7fdb0426e000 in LIB at offset 0x5105b`. */
  message: string
  /** The record's state: `user read, not present`, or a trap's kind. */
  state: string
  signal: string
  /** The timeline event's label: `haproxy[610] segfault read in LIB+0x5105b`. */
  label: string
  /** The instruction pointer without leading zeros, `0x7fdb0403305b`. */
  ip: string
  details: string[]
}

/**
 * A `segfault at` or `traps:` line, told: the library offset (the frame that groups repeats of
 * one crash), the page-fault error decoded, and the details a reader checks by hand.
 * `bootSeconds` is the line's `[seconds]` (NaN without one), `pieces` how many wrapped lines
 * were joined, `suppressed` the rate-limited messages reported just before it.
 */
export function describeUserFault(
  fault: UserFault,
  bootSeconds: number,
  pieces: number,
  suppressed: number,
): ToldUserFault {
  const who = `${fault.comm}[${fault.pid}]`
  const err = decodePageFaultError(fault.error)
  const place = fault.mapping ? libraryOffset(fault.ip, fault.mapping) : null
  const lib = fault.mapping?.file
  const ip = '0x' + stripZeros(fault.ip)

  let frame: FrameInput
  let where: string
  if (fault.mapping && place) {
    frame = {
      func: `${lib}+0x${place.offset}`,
      module: lib,
      kind: FrameKind.native,
      address: '0x' + fault.ip,
    }
    where = `in ${lib} at offset 0x${place.offset}`
  } else {
    const ipZero = /^0+$/.test(fault.ip)
    frame = {
      func: ipZero ? 'unknown at address 0' : 'unknown in anonymous memory',
      kind: FrameKind.unknown,
      address: '0x' + fault.ip,
    }
    where = ipZero
      ? 'with ip 0 (a call through a null pointer)'
      : 'in memory not mapped from a file'
  }

  const at = place ? `in ${lib}+0x${place.offset}` : `at ${ip}`
  const segfault = fault.type === 'segfault'
  const message = segfault
    ? `${who} ${describePageFaultError(err)} at 0x${fault.addr} ${where}`
    : `${who} ${fault.kind} at ip ${ip} ${where}`
  const state = segfault
    ? `${err.user ? 'user' : 'kernel'} ${accessWord(err)}, ${err.protection ? 'protection' : 'not present'}`
    : fault.kind
  const signal = segfault ? 'SIGSEGV' : trapSignal(fault.kind)
  const label = segfault ? `${who} segfault ${accessWord(err)} ${at}` : `${who} ${fault.kind} ${at}`

  const details: string[] = [`sp 0x${fault.sp}`]
  details.push(
    segfault ? `error ${fault.error}: ${describePageFaultError(err)}` : `error ${fault.error}`,
  )
  if (fault.mapping) {
    details.push(
      `${lib} mapped at 0x${fault.mapping.base}, size 0x${fault.mapping.size}` +
        (place?.basis === 'file'
          ? `; file offset 0x${place.offset} (printed by the kernel), offset in mapping 0x${place.inMapping}`
          : place
            ? `; offset in mapping 0x${place.offset} (ip - base; equals the file offset only if the mapping starts at file offset 0)`
            : '; ip is below the mapping base'),
    )
  }
  if (fault.cpu) {
    details.push(
      `likely on CPU ${fault.cpu.cpu} (core ${fault.cpu.core}, socket ${fault.cpu.socket})`,
    )
  }
  if (!Number.isNaN(bootSeconds)) details.push(`kernel time ${bootSeconds.toFixed(6)} s since boot`)
  if (suppressed > 0)
    details.push(`${suppressed} message(s) suppressed by rate limiting before this`)
  if (pieces > 1) details.push(`joined from ${pieces} wrapped lines`)
  return { frame, message, state, signal, label, ip, details }
}

/** `00007fdb0403305b` -> `7fdb0403305b`. */
export function stripZeros(hex: string): string {
  const s = hex.replace(/^0+/, '')
  return s === '' ? '0' : s.toLowerCase()
}
