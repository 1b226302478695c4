/**
 * Recognising kernel messages inside log lines: where a segfault, trap or oops message starts
 * (the anchor the scanner peels the log prefix at), oops headers, and kernel timestamps.
 *
 * Message texts: arch/x86/mm/fault.c, arch/x86/kernel/traps.c, kernel/panic.c (`cut here`,
 * `WARNING:`), kernel/watchdog.c (`soft lockup`), kernel/hung_task.c, kernel/locking/lockdep.c
 * and the real samples in corpus FORMATS.md section 4 (dmesg, syslog, journald, rsyslog, Kibana).
 */

/** A kernel oops header: what kind of oops, and its text. */
export type OopsHeader = {
  /** `page fault`, `general protection fault`, `invalid opcode`, `kernel BUG`, `warning` ... */
  kind: string
  /** The header as printed (without the lead-in `NMI watchdog: `). */
  text: string
  /** A `cut here` line: opens an oops whose kind the next header gives. */
  opener: boolean
}

const CUT_HERE = '------------[ cut here ]------------'

// `BUG: ...` headers the kernel prints (mm/fault.c, watchdog.c, sched/core.c, KASAN, KFENCE).
// Plain "BUG: " alone is too common in application logs to open a region.
const BUG_RE =
  /^BUG: (?:unable to handle|kernel NULL pointer|soft lockup|scheduling while atomic|KASAN: |KFENCE: |sleeping function called|Bad page|workqueue lockup|spinlock|Bad rss-counter)/
// `WARNING: at file:line func()` (before 3.x), `WARNING: CPU: 3 PID: 1 at file:line func+0x..`
// (3.x+), and lockdep's `WARNING: suspicious RCU usage` / `possible circular locking` titles.
const WARNING_RE =
  /^WARNING: (?:at |CPU: \d+ PID: \d+ at |suspicious RCU usage|possible (?:circular|recursive) locking|inconsistent lock state|bad unlock balance)/
// Older lockdep and RCU reports: `[ INFO: suspicious RCU usage. ]`, `INFO: task x:1 blocked for ...`.
const INFO_RE =
  /^\[? ?INFO: (?:suspicious RCU usage|possible (?:circular|recursive) locking|inconsistent lock state|task .+:\d+ blocked for more than|rcu_\w+ (?:self-)?detected)/
const OOPS_RE = /^Oops: (?:[0-9a-f]{4} \[#\d+\]|general protection|invalid opcode)/
const GPF_RE = /^general protection fault[,:] /
const INVALID_OPCODE_RE = /^invalid opcode: [0-9a-f]{4} \[#\d+\]/

/**
 * Classifies text that starts at a possible oops header (prefix removed), or returns null.
 * Cheap substring tests guard each regex.
 */
export function parseOopsHeader(text: string): OopsHeader | null {
  const c = text.charCodeAt(0)
  if (c === 45 /* - */) {
    return text.startsWith(CUT_HERE) ? { kind: 'warning', text: text.trim(), opener: true } : null
  }
  let t = text
  if (t.startsWith('NMI watchdog: ')) t = t.slice(14)
  else if (t.startsWith('watchdog: ')) t = t.slice(10)
  const h = (kind: string): OopsHeader => ({ kind, text: t.trim(), opener: false })
  if (t.startsWith('BUG: ') && BUG_RE.test(t)) {
    if (t.includes('soft lockup')) return h('soft lockup')
    if (t.includes('unable to handle') || t.includes('NULL pointer')) return h('page fault')
    return h('BUG')
  }
  if (t.startsWith('kernel BUG at ')) return h('kernel BUG')
  if (t.startsWith('WARNING: ') && WARNING_RE.test(t)) {
    return h(t.startsWith('WARNING: at ') || t.startsWith('WARNING: CPU') ? 'warning' : 'lockdep')
  }
  if (t.includes('INFO: ') && INFO_RE.test(t)) {
    if (t.includes('blocked for more than')) return h('hung task')
    if (t.includes('rcu_')) return h('rcu stall')
    return h('lockdep')
  }
  if (t.startsWith('Oops: ') && OOPS_RE.test(t)) return h('oops')
  if (t.startsWith('general protection fault') && GPF_RE.test(t)) {
    return h('general protection fault')
  }
  if (t.startsWith('invalid opcode: ') && INVALID_OPCODE_RE.test(t)) return h('invalid opcode')
  if (t.startsWith('Kernel panic - not syncing')) return h('panic')
  return null
}

// The oops headers' fixed substrings, for the sniffer: one indexOf each before any regex.
const OOPS_NEEDLES = [
  'BUG: ',
  'kernel BUG at ',
  'WARNING: ',
  'INFO: ',
  'Oops: ',
  'general protection fault',
  'invalid opcode: ',
  'Kernel panic - not syncing',
  CUT_HERE,
]
const LEAD_INS = ['NMI watchdog: ', 'watchdog: ', '[ ']

// "show_signal_msg: 1 callbacks suppressed" (printk_ratelimit, lib/ratelimit.c ___ratelimit).
const SUPPRESSED_RE = /(\w+): (\d+) callbacks suppressed\s*$/
const TRAP_HEAD_RE = /^traps: .+?\[\d+\] (?:trap |general protection)/

/**
 * The scanner's sniff: the column where a kernel user fault or oops message starts, or -1.
 * For `comm[pid]: segfault` that is the start of comm; for the rest, the message start.
 */
export function sniffKernel(line: string): number {
  let i = line.indexOf(']: segfault')
  if (i >= 0) {
    const tail = line.slice(i + 11)
    // A complete line continues " at ADDR"; a line a web UI wrapped stops right here.
    if (tail.startsWith(' at ') || tail.trim() === '') {
      const open = line.lastIndexOf('[', i)
      if (open > 0) return commStart(line, open)
    }
  }
  i = line.indexOf('traps: ')
  if (i >= 0 && TRAP_HEAD_RE.test(line.slice(i))) return i
  if (line.includes(' callbacks suppressed')) {
    const m = SUPPRESSED_RE.exec(line)
    if (m) return m.index
  }
  for (const needle of OOPS_NEEDLES) {
    const at = line.indexOf(needle)
    if (at < 0) continue
    let start = at
    for (const lead of LEAD_INS) {
      if (start >= lead.length && line.startsWith(lead, start - lead.length)) start -= lead.length
    }
    if (parseOopsHeader(line.slice(start))) return start
  }
  return -1
}

/** Finds `comm`'s start before `[pid]` at `bracket`: comm is at most 15 characters and may
 *  contain spaces, so take the earliest start in that window that follows a prefix end
 *  (`] ` of a timestamp, `: ` of `kernel: `) or the line start. */
export function commStart(line: string, bracket: number): number {
  const from = Math.max(0, bracket - 15)
  for (let s = from; s < bracket; s++) {
    if (s === 0) return 0
    if (line.charCodeAt(s - 1) !== 32 || s < 2) continue
    const before = line.charCodeAt(s - 2)
    if (before === 93 /* ] */ || before === 58 /* : */) return s
  }
  const space = line.lastIndexOf(' ', bracket)
  return space < 0 ? 0 : space + 1
}

/** The callback count of a `NAME: N callbacks suppressed` message, or -1. */
export function parseSuppressed(text: string): number {
  if (!text.includes(' callbacks suppressed')) return -1
  const m = SUPPRESSED_RE.exec(text)
  return m ? Number(m[2]) : -1
}

// dmesg's "[%5lu.%06lu] " (kernel/printk/printk.c print_time()).
const SECONDS_RE = /\[\s*(\d+\.\d+)\]/
const LEADING_SECONDS_RE = /^\[\s*(\d+\.\d+)\]\s?/
// A wall-clock date in a log prefix: ISO 8601 (rsyslog, dmesg --time-format=iso), BSD syslog
// and journald `May  2`, dmesg -T `[Sun Nov 22 19:34:35 2026]`, Kibana `August 3rd 2017, `.
const DATE_RE = /\d{4}-\d\d-\d\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/

/** What a line's prefix and text say about when it was printed. */
export type KernelTime = {
  /** Seconds since boot from `[ 3053.681900]`, or NaN. */
  seconds: number
  /** The prefix carries a wall-clock date (then the time is left to the timestamp module). */
  hasDate: boolean
}

export function kernelTime(prefix: string, text: string): KernelTime {
  let seconds = NaN
  if (prefix.includes('[')) {
    const m = SECONDS_RE.exec(prefix)
    if (m) seconds = Number(m[1])
  }
  if (Number.isNaN(seconds) && text.charCodeAt(0) === 91 /* [ */) {
    const m = LEADING_SECONDS_RE.exec(text)
    if (m) seconds = Number(m[1])
  }
  return { seconds, hasDate: prefix !== '' && DATE_RE.test(prefix) }
}

/** Removes a leading `[ seconds] ` the prefix peeler left (a bare `[ 1123.992320]` line). */
export function stripLeadingSeconds(text: string): string {
  if (text.charCodeAt(0) !== 91 /* [ */) return text
  const m = LEADING_SECONDS_RE.exec(text)
  return m ? text.slice(m[0].length) : text
}
