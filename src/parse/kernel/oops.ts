/**
 * Lines inside a kernel oops: the task line, RIP, `Call Trace:` frames and the lines that are
 * part of an oops body (registers, stack words, modules) without meaning anything to us.
 *
 * Formats: arch/x86/kernel/dumpstack.c (`show_trace_log_lvl` prints ` func+0x1a/0x30 [module]`
 * since 4.x, ` [<ffffffff81768498>] func+0x15/0x17` before, with `? ` for addresses found on the
 * stack that are not part of the frame-pointer chain), arch/s390/kernel/dumpstack.c (the first
 * frame in parentheses), and satyr's koops tests (abrt/satyr tests/kerneloopses, 2014-2019).
 */

/** One `Call Trace:` line. */
export type TraceFrame = {
  func: string
  /** `[module]`, or undefined for vmlinux. */
  module?: string
  /** The printed `[<address>]`, hex without `0x`, when the old format printed it. */
  address?: string
  /** `? `: an address found on the stack, not known to be a real caller. */
  unreliable: boolean
}

// Old:  ` [<ffffffff81768498>] ? rtnl_trylock+0x15/0x17 [module]`, s390 `([<...>] f+0x36/0x1000 [m])`
// New:  ` ? amdgpu_vm_sdma_update+0x17d/0x240 [amdgpu]`
// Bare: ` [<000003fffd4a1d92>] 0x3fffd4a1d92` (an address outside any symbol).
const FRAME_RE =
  /^\s*\(?(?:\[<([0-9a-fA-F]+)>\]\s+)?(\? )?([^\s+]+)\+0x[0-9a-fA-F]+\/0x[0-9a-fA-F]+(?: \[([^\]\s]+)\])?\)?\s*$/
const ADDRESS_FRAME_RE = /^\s*\(?\[<([0-9a-fA-F]+)>\]\s+(\? )?0x[0-9a-fA-F]+\)?\s*$/

export function parseTraceFrame(text: string): TraceFrame | null {
  if (!text.includes('+0x')) {
    const a = ADDRESS_FRAME_RE.exec(text)
    return a ? { func: '0x' + a[1], address: a[1], unreliable: a[2] !== undefined } : null
  }
  const m = FRAME_RE.exec(text)
  if (!m) return null
  return { func: m[3], module: m[4], address: m[1], unreliable: m[2] !== undefined }
}

/** `<IRQ>`, `</IRQ>`, `<TASK>`, `<NMI>`, `<EOI>`: context markers inside a trace. */
export function isTraceMarker(text: string): boolean {
  return /^\s*<\/?[A-Z]{3,4}>\s*$/.test(text)
}

// `CPU: 1 PID: 946 Comm: X Not tainted 3.15.10 #1` (3.10+) and `Pid: 802, comm: wpa_supplicant
// Tainted: P ...` (before 3.10). Comm may contain spaces: it ends at ` Not tainted`/` Tainted`.
const TASK_RE = /^CPU: \d+ PID: (\d+) Comm: /
const OLD_TASK_RE = /^Pid: (\d+), comm: /
const DIGITS_RE = /^\d+$/

/** The task an oops line names, if any: the task line, a soft lockup's `[comm:pid]`, or a
 *  hung task's `INFO: task comm:pid blocked for more than N seconds.` */
export function parseOopsTask(text: string): { comm: string; pid: number } | null {
  const m = TASK_RE.exec(text) ?? OLD_TASK_RE.exec(text)
  if (m) {
    const rest = text.slice(m[0].length)
    let end = rest.indexOf(' Not tainted')
    if (end < 0) end = rest.indexOf(' Tainted')
    return end > 0 ? { comm: rest.slice(0, end), pid: Number(m[1]) } : null
  }
  if (text.includes('soft lockup')) {
    // `... stuck for 22s! [pulseaudio:1580]`
    const t = text.trimEnd()
    const open = t.lastIndexOf('[')
    if (open >= 0 && t.endsWith(']')) return commColonPid(t.slice(open + 1, -1))
  }
  const hung = text.indexOf('INFO: task ')
  if (hung >= 0) {
    const end = text.indexOf(' blocked for more than', hung)
    if (end > 0) return commColonPid(text.slice(hung + 11, end))
  }
  return null
}

/** `kworker/0:1:123` -> comm `kworker/0:1`, pid 123 (the pid follows the last colon). */
function commColonPid(s: string): { comm: string; pid: number } | null {
  const colon = s.lastIndexOf(':')
  const pid = s.slice(colon + 1)
  return colon > 0 && DIGITS_RE.test(pid) ? { comm: s.slice(0, colon), pid: Number(pid) } : null
}

// `RIP: 0010:[<ffffffff81171b02>]  [<ffffffff81171b02>] find_get_entry+0x42/0xc0` (old),
// `RIP: 0010:amdgpu_vm_sdma_commit+0x46/0x120 [amdgpu]` (4.x+), `EIP: [<c04..>] f+0x..` (i386).
// Code segment 0033/002b/0023 are user mode: those RIP lines describe the user task, skip them.
const RIP_RE = /^[RE]IP: (?:([0-9a-f]{4}):)?(.*)$/
// s390: `Krnl PSW : 0704f00180000000 000003ff8086d03a (will_oops_init+0x3a/0x1000 [will_oops])`
const PSW_RE = /^Krnl PSW : [0-9a-f]+ ([0-9a-f]+) \((.+)\)\s*$/

/** The faulting kernel function from a RIP / EIP / PSW line, or null. */
export function parseRip(text: string): { frame: TraceFrame; pc?: string } | null {
  if (text.startsWith('Krnl PSW')) {
    const p = PSW_RE.exec(text)
    const f = p && parseTraceFrame(p[2])
    return f && p ? { frame: f, pc: p[1] } : null
  }
  if (!text.startsWith('RIP: ') && !text.startsWith('EIP: ')) return null
  const m = RIP_RE.exec(text)
  if (!m) return null
  const cs = m[1]
  if (cs !== undefined && cs !== '0010' && cs !== '0060') return null
  // The old format repeats the address: `[<a>]  [<a>] func+..`; keep the last part.
  const rest = m[2].replace(/^\[<[0-9a-fA-F]+>\]\s+(?=\[<)/, '')
  const frame = parseTraceFrame(rest)
  return frame ? { frame, pc: frame.address } : null
}

/** The end of an oops: `---[ end trace 0123456789abcdef ]---` (kernel/panic.c). */
export function isEndTrace(text: string): boolean {
  return text.startsWith('---[ end ')
}

// Lines an oops body is made of. Registers (`RAX: ...`, `CR2: ...`, `Krnl GPRS:`), stack words,
// `Modules linked in:`, lockdep's `#0:  (rtnl_mutex){+.+.+.}, at: ...`, indented continuations.
const BODY_RE =
  /^(?:\s|[A-Z][A-Za-z0-9 ]{0,15}:|#\d+:|#PF:|PGD |P4D |Modules linked in|Hardware name|Stack:|Call Trace:|Code: |RIP |RSP |---\[|Krnl |Last Breaking|Process |irq event stamp|hardirqs |softirqs |other info|stack backtrace|rcu_scheduler_active|\d+ locks? held by|<\/?[A-Z]+>|\(?\[<|Pid: |task: |CPU \d+|Kernel |Dumping |Sending NMI|NMI backtrace|\? |[0-9a-f]{8,16}(?: |$)|$)/

/** Whether a line looks like part of an oops body (checked once the trace is over). */
export function isOopsBody(text: string): boolean {
  return BODY_RE.test(text)
}
