import { formatBytes } from '../../lib/format-bytes'
import type { OomKill, OomReaped } from './oom-kill'

/** An OOM kill as the views tell it: the event's label, the crash's message and details. */
export type OomKillTold = { label: string; message: string; details: string[] }

/** `1048576` kB as `1,048,576 kB`: the kernel's own figure, grouped. */
export function formatKb(kb: number): string {
  return `${kb.toLocaleString('en-US')} kB`
}

/**
 * Tells a kill: the memory the process held as people read it (`anon-rss 3.8 GB`) in the
 * message, the kernel's exact kB figures in the details.
 */
export function describeOomKill(kill: OomKill): OomKillTold {
  const held =
    kill.anonRssKb === undefined ? '' : `, anon-rss ${formatBytes(kill.anonRssKb * 1024)}`
  const what = kill.cause || 'Out of memory'
  const details: string[] = []
  const field = (name: string, kb: number | undefined) => {
    if (kb !== undefined) details.push(`${name}: ${formatKb(kb)}`)
  }
  field('total-vm', kill.totalVmKb)
  field('anon-rss', kill.anonRssKb)
  field('file-rss', kill.fileRssKb)
  field('shmem-rss', kill.shmemRssKb)
  if (kill.uid !== undefined) details.push(`UID: ${kill.uid}`)
  if (kill.oomScoreAdj !== undefined) details.push(`oom_score_adj: ${kill.oomScoreAdj}`)
  if (kill.cause.startsWith('Memory cgroup'))
    details.push("a memory cgroup's limit was reached (a container's memory limit)")
  return {
    label: `${what}: killed ${kill.comm}[${kill.pid}]${held}`,
    message: `${what}: killed process ${kill.pid} (${kill.comm})${held}`,
    details,
  }
}

/** The reaper's line as a detail of the kill it follows. */
export function describeOomReaped(reaped: OomReaped): string {
  return `reaped: anon-rss now ${formatKb(reaped.anonRssKb)}`
}
