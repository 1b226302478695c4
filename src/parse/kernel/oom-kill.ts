/**
 * The kernel's OOM killer, as it reports a kill (mm/oom_kill.c `__oom_kill_process`,
 * `oom_reap_task_mm`): which process it killed, how much memory that process held, and what
 * the reaper freed. The most common way a Linux service dies without a stack of its own.
 *
 * - 4.x+: `Out of memory: Killed process 4321 (api) total-vm:2097152kB, anon-rss:1048576kB,
 *   file-rss:2048kB, shmem-rss:0kB, UID:1000 pgtables:4096kB oom_score_adj:0` (UID and after
 *   since 5.x); `Memory cgroup out of memory: …` when a cgroup's limit was hit (a container's
 *   memory limit: Kubernetes' OOMKilled); `Out of memory (oom_kill_allocating_task): …`.
 * - before 4.x: `Out of memory: Kill process 4321 (api) score 912 or sacrifice child`, then
 *   `Killed process 4321 (api) total-vm:…kB, anon-rss:…kB, file-rss:…kB`.
 * - `oom_reaper: reaped process 4321 (api), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB`.
 *
 * Parsed with indexOf on the fixed words, not a regex: a process name may hold spaces and
 * parentheses (`(resolved)` prints as `((resolved))`).
 */

export type OomKill = {
  /** `Out of memory`, `Memory cgroup out of memory` …, or '' (the old second line). */
  cause: string
  pid: number
  comm: string
  /** kB figures as printed; absent ones are undefined. */
  totalVmKb?: number
  anonRssKb?: number
  fileRssKb?: number
  shmemRssKb?: number
  uid?: number
  oomScoreAdj?: number
}

export type OomReaped = { pid: number; comm: string; anonRssKb: number }

export const KILLED_PROCESS = 'Killed process '
export const OOM_REAPER = 'oom_reaper: reaped process '

/** `4321 (api)` then `tail`: the pid, the name between the first `(` and the last `)` before
 *  `tail`, or null. */
function pidAndComm(text: string, tail: string): { pid: number; comm: string; end: number } | null {
  const open = text.indexOf(' (')
  if (open <= 0 || !/^\d+$/.test(text.slice(0, open))) return null
  const close = text.indexOf(tail, open)
  if (close < 0) return null
  return {
    pid: Number(text.slice(0, open)),
    comm: text.slice(open + 2, close),
    end: close + tail.length,
  }
}

/** The number after `name:` in `text` (`anon-rss:123kB` is 123, `UID:1000`), or undefined. */
function numberField(text: string, name: string): number | undefined {
  const at = text.indexOf(name + ':')
  if (at < 0) return undefined
  const m = /^-?\d+/.exec(text.slice(at + name.length + 1))
  return m ? Number(m[0]) : undefined
}

/** The kill line (its log prefix removed), or null. */
export function parseOomKill(text: string): OomKill | null {
  const at = text.indexOf(KILLED_PROCESS)
  if (at < 0) return null
  const lead = text.slice(0, at)
  // `Out of memory: `, `Memory cgroup out of memory: ` …, or nothing (the old second line).
  if (lead !== '' && !(lead.endsWith(': ') && /out of memory/i.test(lead))) return null
  const rest = text.slice(at + KILLED_PROCESS.length)
  const who = pidAndComm(rest, ') total-vm:')
  if (!who) return null
  const fields = rest.slice(who.end - 'total-vm:'.length)
  return {
    cause: lead.slice(0, -2),
    pid: who.pid,
    comm: who.comm,
    totalVmKb: numberField(fields, 'total-vm'),
    anonRssKb: numberField(fields, 'anon-rss'),
    fileRssKb: numberField(fields, 'file-rss'),
    shmemRssKb: numberField(fields, 'shmem-rss'),
    uid: numberField(fields, 'UID'),
    oomScoreAdj: numberField(fields, 'oom_score_adj'),
  }
}

/** The reaper's line (its log prefix removed), or null. */
export function parseOomReaped(text: string): OomReaped | null {
  if (!text.startsWith(OOM_REAPER)) return null
  const who = pidAndComm(text.slice(OOM_REAPER.length), '), now ')
  if (!who) return null
  const anon = numberField(text, 'anon-rss')
  return anon === undefined ? null : { pid: who.pid, comm: who.comm, anonRssKb: anon }
}

/** Where a kill or reaper line starts in a log line (its cause included), or -1. */
export function findOomKill(line: string): number {
  const reaper = line.indexOf(OOM_REAPER)
  if (reaper >= 0) return parseOomReaped(line.slice(reaper)) ? reaper : -1
  const at = line.indexOf(KILLED_PROCESS)
  if (at < 0) return -1
  // Back over `Out of memory: ` or `Memory cgroup out of memory: ` to the cause's start.
  let start = at
  const colon = line.lastIndexOf(': ', at)
  if (colon >= 0 && colon + 2 === at) {
    const cause = line.lastIndexOf('Out of memory', colon)
    const cgroup = line.lastIndexOf('Memory cgroup out of memory', colon)
    const from = cgroup >= 0 ? cgroup : cause
    if (from >= 0 && colon - from < 48) start = from
  }
  return parseOomKill(line.slice(start)) ? start : -1
}
