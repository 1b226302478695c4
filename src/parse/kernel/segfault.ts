/**
 * The kernel's one-line reports of a user-space fault: `segfault at`, `traps:` and the
 * decoding of their page-fault error code.
 *
 * Sources (read 2026-11): the x86 `show_signal_msg()` in arch/x86/mm/fault.c,
 * `do_trap()`/`do_general_protection()` in arch/x86/kernel/traps.c and `print_vma_addr()` in
 * mm/memory.c (https://github.com/torvalds/linux/blob/v6.8/mm/memory.c), as summarised with real
 * samples in docs/formats/kernel.md.
 */

/** One `segfault at` or `traps:` line, with the fields as printed (hex without `0x`). */
export type UserFault = {
  type: 'segfault' | 'trap'
  /** The thread's name (`TASK_COMM_LEN` 16: at most 15 characters, may hold spaces). */
  comm: string
  /** The thread id the kernel printed (not always the process id). */
  pid: number
  /** `segfault`, or the trap's name: `divide error`, `invalid opcode`, `general protection`. */
  kind: string
  /** Faulting data address (segfaults only). */
  addr?: string
  ip: string
  sp: string
  /** The error code, hex as printed. */
  error: string
  /** The file the ip was mapped from, when it was file-backed. */
  mapping?: Mapping
  /** `likely on CPU N (core C, socket S)` (kernels since 6.2). */
  cpu?: { cpu: number; core: number; socket: number }
}

/** ` in FILE[FILEOFF,BASE+SIZE]` (6.7+) or ` in FILE[BASE+SIZE]` (older). */
export type Mapping = {
  file: string
  /** File offset of ip, printed by newer kernels only. */
  fileOffset?: string
  base: string
  size: string
}

// show_signal_msg(): "%s%s[%d]: segfault at %lx ip %px sp %px error %lx", then print_vma_addr()'s
// " in FILE[...]" and, since 6.2, " likely on CPU %d (core %d, socket %d)". comm may contain
// spaces and brackets, so the line is split at the *last* "]: segfault at " and each side is
// matched on its own (one regex over both sides is slow to prove free of backtracking).
const SEGFAULT_AT = ']: segfault at '
const SEGFAULT_TAIL_RE =
  /^segfault at ([0-9a-fA-F]+) ip ([0-9a-fA-F]+) sp ([0-9a-fA-F]+) error ([0-9a-fA-F]+)/
// do_trap() / do_general_protection(): "traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx" + " in ...",
// split at " ip:" the same way.
const TRAP_TAIL_RE = /^ ip:([0-9a-fA-F]+) sp:([0-9a-fA-F]+) error:([0-9a-fA-F]+)/
const GP_FAULT = '] general protection fault'
// `comm[pid]` (the head of both lines).
const COMM_PID_RE = /^(.+)\[(\d+)\]$/
// print_vma_addr(): old "%s%s[%lx+%lx]", new "%s%pD[%lx,%lx+%lx]"; FILE is a basename.
const MAPPING_RE = /^ in (.+?)\[(?:([0-9a-fA-F]+),)?([0-9a-fA-F]+)\+([0-9a-fA-F]+)\]/
const CPU_RE = /^ likely on CPU (\d+) \(core (\d+), socket (\d+)\)/

/** Parses a complete segfault or trap message (prefix already removed), or returns null. */
export function parseUserFault(text: string): UserFault | null {
  let fault: UserFault
  let rest: string
  if (text.startsWith('traps: ')) {
    const ip = text.indexOf(' ip:')
    if (ip < 0) return null
    const head = text.slice(7, ip)
    let kind: string
    let bracket = head.lastIndexOf('] trap ')
    if (bracket >= 0) kind = head.slice(bracket + 7)
    else if (head.endsWith(GP_FAULT)) {
      bracket = head.length - GP_FAULT.length
      kind = 'general protection'
    } else return null
    const who = COMM_PID_RE.exec(head.slice(0, bracket + 1))
    const m = TRAP_TAIL_RE.exec(text.slice(ip))
    if (!who || !m || kind === '') return null
    fault = {
      type: 'trap',
      comm: who[1],
      pid: Number(who[2]),
      kind,
      ip: m[1],
      sp: m[2],
      error: m[3],
    }
    rest = text.slice(ip + m[0].length)
  } else {
    const at = text.lastIndexOf(SEGFAULT_AT)
    if (at < 0) return null
    const who = COMM_PID_RE.exec(text.slice(0, at + 1))
    const tail = text.slice(at + 3)
    const m = SEGFAULT_TAIL_RE.exec(tail)
    if (!who || !m) return null
    fault = {
      type: 'segfault',
      comm: who[1],
      pid: Number(who[2]),
      kind: 'segfault',
      addr: m[1],
      ip: m[2],
      sp: m[3],
      error: m[4],
    }
    rest = tail.slice(m[0].length)
  }
  const mm = MAPPING_RE.exec(rest)
  if (mm) {
    fault.mapping = { file: mm[1], fileOffset: mm[2], base: mm[3], size: mm[4] }
    rest = rest.slice(mm[0].length)
  }
  const cm = CPU_RE.exec(rest)
  if (cm) fault.cpu = { cpu: Number(cm[1]), core: Number(cm[2]), socket: Number(cm[3]) }
  return fault
}

/**
 * Where in its file the faulting instruction is, and how that was worked out.
 *
 * The rule, from `print_vma_addr()`: the kernel prints the VMA that holds ip, `BASE` = its
 * start and `SIZE` = its length. Newer kernels also print `FILEOFF` = ip - vm_start +
 * (vm_pgoff << PAGE_SHIFT), the offset of ip in the *file*; that is the number addr2line
 * wants, so it is used as is. Older kernels print only BASE, and `ip - BASE` is the offset in
 * the *mapping*, which equals the file offset only when the mapping starts at file offset 0
 * (true for the single-segment libraries of the 2010s, not for modern split r-x segments).
 * The subtraction is done with BigInt: 64-bit addresses exceed Number precision.
 */
export type LibraryOffset = {
  /** Hex without `0x`. */
  offset: string
  /** `file` when the kernel printed the file offset, `mapping` when it is ip - base. */
  basis: 'file' | 'mapping'
  /** ip - base, hex without `0x` (always computed; differs from `offset` for `file`). */
  inMapping: string
}

export function libraryOffset(ip: string, mapping: Mapping): LibraryOffset | null {
  const inMapping = BigInt('0x' + ip) - BigInt('0x' + mapping.base)
  if (inMapping < 0n) return null
  const hex = inMapping.toString(16)
  if (mapping.fileOffset !== undefined) {
    return { offset: mapping.fileOffset.toLowerCase(), basis: 'file', inMapping: hex }
  }
  return { offset: hex, basis: 'mapping', inMapping: hex }
}

/** The x86 page-fault error code, bit by bit (arch/x86/include/asm/trap_pf.h). */
export type PageFaultError = {
  /** Bit 0: 1 = protection violation on a present page, 0 = page not present. */
  protection: boolean
  /** Bit 1: write access (else read). */
  write: boolean
  /** Bit 2: the access came from user mode. */
  user: boolean
  /** Bit 3: a reserved bit was set in a page-table entry. */
  reserved: boolean
  /** Bit 4: instruction fetch. */
  exec: boolean
  /** Bit 5: protection-key violation. */
  pkey: boolean
  /** Bit 6: shadow-stack access. */
  shadowStack: boolean
}

export function decodePageFaultError(errorHex: string): PageFaultError {
  const e = parseInt(errorHex, 16) || 0
  return {
    protection: (e & 1) !== 0,
    write: (e & 2) !== 0,
    user: (e & 4) !== 0,
    reserved: (e & 8) !== 0,
    exec: (e & 16) !== 0,
    pkey: (e & 32) !== 0,
    shadowStack: (e & 64) !== 0,
  }
}

/** The access in a few words for a state column: `read`, `write`, `exec`. */
export function accessWord(e: PageFaultError): string {
  return e.exec ? 'exec' : e.write ? 'write' : 'read'
}

/**
 * The error code as a phrase: 4 -> "user-mode read of a not-present page",
 * 6 -> "user-mode write to a not-present page", 0x15 -> "user-mode instruction fetch from a
 * protected page".
 */
export function describePageFaultError(e: PageFaultError): string {
  const mode = e.user ? 'user-mode' : 'kernel-mode'
  const access = e.exec ? 'instruction fetch from' : e.write ? 'write to' : 'read of'
  const page = e.protection ? 'a protected page' : 'a not-present page'
  const extra: string[] = []
  if (e.reserved) extra.push('reserved bit set in a page-table entry')
  if (e.pkey) extra.push('protection-key violation')
  if (e.shadowStack) extra.push('shadow-stack access')
  return `${mode} ${access} ${page}${extra.length ? ` (${extra.join(', ')})` : ''}`
}

/** The signal a trap delivers (arch/x86/kernel/traps.c: do_error_trap's signr). */
export function trapSignal(kind: string): string {
  switch (kind) {
    case 'divide error':
      return 'SIGFPE'
    case 'invalid opcode':
      return 'SIGILL'
    case 'int3':
      return 'SIGTRAP'
    case 'stack segment':
    case 'alignment check':
      return 'SIGBUS'
    default:
      return 'SIGSEGV'
  }
}
