import type { IncidentBuilder } from '../../model/builder'
import { classifyNativeFrame } from '../native/native-frame'
import { addThreadFrame, emitThread, newThread, type NativeThread } from '../gdb/native-thread'
import type { RegionFormat, RegionLine, RegionReader } from '../region'

/**
 * elfutils `eu-stack -p PID` / `eu-stack --core=FILE` (src/stack.c `print_frame`, elfutils
 * 0.188, read 2026-11; shapes from docs/formats/eu-stack.md):
 *
 *   PID 11910 - core
 *   TID 11914:
 *   #0  0x00007f10ed667809 __memmove_avx512_unaligned_erms
 *   #1  0x00007f10ed6e12ad                                        (no symbol)
 *   #2  0x00007fb6e6da8ce3 - 1 __pthread_clockjoin_ex - /usr/lib/x86_64-linux-gnu/libc.so.6   (-v -m)
 *       ./nptl/pthread_join_common.c:102:14                       (-s: source on its own line)
 */
const PID = /^PID (\d+) - (core|process)$/
const TID = /^TID (\d+):$/
const FRAME = /^#(\d+)\s+(0x[0-9a-fA-F]+)((?: .*)?)$/
const SOURCE = /^(\S+?):(\d+)(?::\d+)?$/

export function sniffEuStack(line: string): number {
  let i = line.indexOf('PID ')
  if (i >= 0 && PID.test(line.slice(i))) return anchorAt(line, i)
  i = line.indexOf('TID ')
  if (i >= 0 && TID.test(line.slice(i))) return anchorAt(line, i)
  return -1
}

function anchorAt(line: string, i: number): number {
  return line.slice(0, i).trim() === '' ? 0 : i
}

type PendingFrame = {
  index: number
  address: string
  func: string
  module?: string
}

/**
 * Reads one eu-stack region.
 *
 * States:
 * - between threads (`current === null`): the `PID n - core` line. to: in a thread on `TID n:`.
 * - in a thread: frame lines. to: in another thread on the next `TID n:`.
 * - frame held (`pending !== null`): a frame waits for a possible `-s` source line below it.
 */
class EuStackReader implements RegionReader {
  private readonly threads: NativeThread[] = []
  private current: NativeThread | null = null
  private pending: PendingFrame | null = null
  private core = false
  private coreLine = 0

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text.trim()
    if (this.pending) {
      const src = text === '' ? null : SOURCE.exec(text)
      this.flush(src ? src[1] : undefined, src ? Number(src[2]) : undefined)
      if (src) return true
    }
    let m = PID.exec(text)
    if (m) {
      this.core = m[2] === 'core'
      this.coreLine = line.lineNo
      this.current = null
      return true
    }
    if ((m = TID.exec(text))) {
      const tid = Number(m[1])
      this.current = newThread(line.lineNo, tid, undefined, tid)
      this.threads.push(this.current)
      return true
    }
    if ((m = FRAME.exec(text))) {
      if (!this.current) {
        this.current = newThread(line.lineNo)
        this.threads.push(this.current)
      }
      this.pending = { index: Number(m[1]), address: m[2], ...splitRest(m[3]) }
      return true
    }
    // eu-stack's own complaints (`eu-stack: dwfl_thread_getframes tid 1: ...`) and blanks.
    return text === '' || text.startsWith('eu-stack: ')
  }

  close(): void {
    this.flush(undefined, undefined)
    // For a core, the kernel dumps the faulting thread first (docs/formats/eu-stack.md).
    this.threads.forEach((t, i) => {
      const record = emitThread(this.builder, t, this.core && i === 0)
      if (this.core && i === 0) {
        this.builder.addCrash({
          format: 'eu-stack',
          kind: 'core',
          message: 'core dump',
          threadId: t.id,
          pc: t.addresses[0],
          record,
          line: this.coreLine,
          details: [
            'eu-stack prints no signal; the first thread of a core is the one that faulted',
          ],
        })
      }
    })
  }

  private flush(file: string | undefined, line: number | undefined): void {
    const p = this.pending
    if (!p || !this.current) return
    this.pending = null
    const frame = classifyNativeFrame({
      func: p.func,
      file,
      line,
      module: p.module,
      address: p.address,
    })
    addThreadFrame(this.builder, this.current, frame, p.index)
  }
}

/** ` - 1 func - /lib/x.so` / `     func` / `` after the address. */
function splitRest(rest: string): { func: string; module?: string } {
  let s = rest
  // `-v` marks a pc adjusted for a return address with ` - 1`.
  if (s.startsWith(' - 1 ') || s === ' - 1') s = s.slice(4)
  let module: string | undefined
  const dash = s.lastIndexOf(' - /')
  if (dash >= 0) {
    module = s.slice(dash + 3).trim()
    s = s.slice(0, dash)
  }
  return { func: s.trim(), module }
}

/** eu-stack (elfutils) thread stacks of a live process or a core. */
export const euStackFormat: RegionFormat = {
  format: 'eu-stack',
  sniff: sniffEuStack,
  hints: ['PID ', 'TID '],
  open: (builder) => new EuStackReader(builder),
}
