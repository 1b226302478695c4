import { findOomKill, KILLED_PROCESS, OOM_REAPER } from './oom-kill'

/**
 * Recognising kernel messages inside log lines: where a segfault, trap or oops message starts
 * (the anchor the scanner peels the log prefix at), oops headers, and kernel timestamps.
 *
 * Message texts: arch/x86/mm/fault.c, arch/x86/kernel/traps.c, kernel/panic.c (`cut here`,
 * `WARNING:`), kernel/watchdog.c (`soft lockup`), kernel/hung_task.c, kernel/locking/lockdep.c
 * and the real samples in docs/formats/kernel.md (dmesg, syslog, journald, rsyslog, Kibana).
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

// The header phrases, matched with startsWith on fixed text (regex alternations of this size
// are slow to prove free of backtracking). `BUG: ...` headers the kernel prints (mm/fault.c,
// watchdog.c, sched/core.c, KASAN, KFENCE); plain "BUG: " alone is too common in application
// logs to open a region.
const BUG_PHRASES = [
  'unable to handle',
  'kernel NULL pointer',
  'soft lockup',
  'scheduling while atomic',
  'KASAN: ',
  'KFENCE: ',
  'sleeping function called',
  'Bad page',
  'workqueue lockup',
  'spinlock',
  'Bad rss-counter',
]
// Lockdep and RCU report titles, after `WARNING: ` (4.x+) or `INFO: ` / `[ INFO: ` (older).
const LOCKDEP_PHRASES = [
  'suspicious RCU usage',
  'possible circular locking',
  'possible recursive locking',
  'inconsistent lock state',
  'bad unlock balance',
]
// `WARNING: CPU: 3 PID: 1 at file:line func+0x..` (3.x+); `WARNING: at file:line func()` before.
const WARNING_CPU_RE = /^WARNING: CPU: \d+ PID: \d+ at /
const OOPS_RE = /^Oops: (?:[0-9a-f]{4} \[#\d+\]|general protection|invalid opcode)/
const GPF_RE = /^general protection fault[,:] /
const INVALID_OPCODE_RE = /^invalid opcode: [0-9a-f]{4} \[#\d+\]/

function startsWithAny(text: string, at: number, phrases: readonly string[]): boolean {
  for (const p of phrases) if (text.startsWith(p, at)) return true
  return false
}

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
  if (t.startsWith('BUG: ') && startsWithAny(t, 5, BUG_PHRASES)) {
    if (t.includes('soft lockup')) return h('soft lockup')
    if (t.includes('unable to handle') || t.includes('NULL pointer')) return h('page fault')
    return h('BUG')
  }
  if (t.startsWith('kernel BUG at ')) return h('kernel BUG')
  if (t.startsWith('WARNING: ')) {
    if (t.startsWith('WARNING: at ') || WARNING_CPU_RE.test(t)) return h('warning')
    if (startsWithAny(t, 9, LOCKDEP_PHRASES)) return h('lockdep')
  }
  const info = t.startsWith('INFO: ') ? 6 : t.startsWith('[ INFO: ') ? 8 : -1
  if (info >= 0) {
    if (t.startsWith('task ', info) && t.includes(' blocked for more than')) return h('hung task')
    if (t.startsWith('rcu_', info) && t.includes('detected')) return h('rcu stall')
    if (startsWithAny(t, info, LOCKDEP_PHRASES)) return h('lockdep')
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
const SUPPRESSED = ' callbacks suppressed'

// A segfault, a trap, a rate-limit notice, an OOM kill or an oops header: one of these is in every line
// `sniffKernel` accepts (RegionFormat.hints).
export const KERNEL_HINTS: readonly string[] = [
  ']: segfault',
  'traps: ',
  SUPPRESSED,
  KILLED_PROCESS,
  OOM_REAPER,
  ...OOPS_NEEDLES,
]

/** Finds `NAME: N callbacks suppressed` at the end of a line, scanning back from the fixed
 *  text (an unanchored `(\w+): (\d+)` regex would retry from every start: quadratic). */
function findSuppressed(line: string): { start: number; count: number } | null {
  const at = line.lastIndexOf(SUPPRESSED)
  if (at < 0 || line.slice(at + SUPPRESSED.length).trim() !== '') return null
  let i = at
  while (i > 0 && isDigit(line.charCodeAt(i - 1))) i--
  if (i === at || i < 2 || line.charCodeAt(i - 1) !== 32 || line.charCodeAt(i - 2) !== 58)
    return null
  const count = Number(line.slice(i, at))
  let start = i - 2
  while (start > 0 && isWordChar(line.charCodeAt(start - 1))) start--
  return start === i - 2 ? null : { start, count }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}

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
  if (i >= 0 && (line.includes('] trap ', i) || line.includes('] general protection', i))) return i
  if (line.includes(SUPPRESSED)) {
    const found = findSuppressed(line)
    if (found) return found.start
  }
  if (line.includes(KILLED_PROCESS) || line.includes(OOM_REAPER)) {
    const at = findOomKill(line)
    if (at >= 0) return at
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
  if (!text.includes(SUPPRESSED)) return -1
  return findSuppressed(text)?.count ?? -1
}

// dmesg's "[%5lu.%06lu] " (kernel/printk/printk.c print_time()).
const SECONDS_RE = /\[\s*(\d+\.\d+)\]/
const LEADING_SECONDS_RE = /^\[\s*(\d+\.\d+)\]\s?/
// A wall-clock date in a log prefix: ISO 8601 (rsyslog, dmesg --time-format=iso), BSD syslog
// and journald `May  2`, dmesg -T `[Sun Nov 22 19:34:35 2026]`, Kibana `August 3rd 2017, `.
const ISO_DATE_RE = /\d\d\d\d-\d\d-\d\d/
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** What a line's prefix and text say about when it was printed. */
export type KernelTime = {
  /** Seconds since boot from `[ 3053.681900]`, or NaN. */
  seconds: number
  /** The prefix carries a wall-clock date. */
  hasDate: boolean
  /** That date in epoch ms, as the scanner's timestamp module read it, or NaN. */
  wall: number
}

/** `lineTime` is the scanner's wall-clock time of the line (`RegionLine.time`). */
export function kernelTime(prefix: string, text: string, lineTime?: number): KernelTime {
  let seconds = NaN
  if (prefix.includes('[')) {
    const m = SECONDS_RE.exec(prefix)
    if (m) seconds = Number(m[1])
  }
  if (Number.isNaN(seconds) && text.charCodeAt(0) === 91 /* [ */) {
    const m = LEADING_SECONDS_RE.exec(text)
    if (m) seconds = Number(m[1])
  }
  const hasDate = prefix !== '' && hasWallDate(prefix)
  return { seconds, hasDate, wall: hasDate && lineTime !== undefined ? lineTime : NaN }
}

function hasWallDate(prefix: string): boolean {
  if (ISO_DATE_RE.test(prefix)) return true
  for (const m of MONTHS) if (prefix.includes(m)) return true
  return false
}

/** Removes a leading `[ seconds] ` the prefix peeler left (a bare `[ 1123.992320]` line). */
export function stripLeadingSeconds(text: string): string {
  if (text.charCodeAt(0) !== 91 /* [ */) return text
  const m = LEADING_SECONDS_RE.exec(text)
  return m ? text.slice(m[0].length) : text
}
