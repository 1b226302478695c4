import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseText } from '../../test/incident-snapshot'
import { findOomKill, parseOomKill, parseOomReaped } from './oom-kill'

const FIXTURE = join(__dirname, '__fixtures__', 'oom-kills-syslog.txt')
const text = readFileSync(FIXTURE, 'utf8')

/** The kill lines as a reader counts them: `Killed process PID (COMM) total-vm:` … */
const killLines = [
  ...text.matchAll(/Killed process (\d+) \((.*)\) total-vm:\d+kB, anon-rss:(\d+)kB/g),
]

describe('OOM killer lines', () => {
  it('reads a 5.x kill with its memory, UID and score', () => {
    expect(
      parseOomKill(
        'Out of memory: Killed process 30211 (api-server) total-vm:6291456kB, anon-rss:3932160kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:8192kB oom_score_adj:-17',
      ),
    ).toEqual({
      cause: 'Out of memory',
      pid: 30211,
      comm: 'api-server',
      totalVmKb: 6291456,
      anonRssKb: 3932160,
      fileRssKb: 10240,
      shmemRssKb: 0,
      uid: 1000,
      oomScoreAdj: -17,
    })
  })

  it('keeps a name with spaces and parentheses whole', () => {
    const kill = parseOomKill(
      'Memory cgroup out of memory: Killed process 2215 ((sd-pam)) total-vm:1kB, anon-rss:2kB, file-rss:3kB, shmem-rss:0kB',
    )
    expect(kill).toMatchObject({
      cause: 'Memory cgroup out of memory',
      comm: '(sd-pam)',
      anonRssKb: 2,
    })
    expect(
      parseOomKill('Killed process 7 (log shipper) total-vm:1kB, anon-rss:2kB, file-rss:3kB'),
    ).toMatchObject({
      cause: '',
      comm: 'log shipper',
    })
  })

  it('refuses lines that only mention a killed process', () => {
    expect(parseOomKill('worker: Killed process 12 (x) total-vm:1kB')).toBeNull()
    expect(parseOomKill('Out of memory: Killed process abc (x) total-vm:1kB')).toBeNull()
    expect(parseOomKill('Out of memory: Killed process 12 (x)')).toBeNull()
    expect(findOomKill('INFO job: Killed process 12 (worker) after a timeout')).toBe(-1)
    expect(parseOomReaped('oom_reaper: reaped process 12 (x), now file-rss:0kB')).toBeNull()
  })

  it('finds where a kill starts in a syslog line, its cause included', () => {
    const line = text.split('\n')[1]
    const at = findOomKill(line)
    expect(line.slice(at)).toMatch(/^Out of memory: Killed process 30211 /)
  })

  it('makes each kill a crash, an event and a record named after the process', async () => {
    const incident = await parseText(text, 'kern.log')
    expect(killLines.length).toBe(4)
    // systemd's own line about the service it killed is its own crash (systemd-format.ts).
    const kernel = incident.crashes.filter((c) => c.format === 'kernel')
    expect(kernel).toHaveLength(killLines.length)
    kernel.forEach((c, i) => {
      const [, pid, comm, anon] = killLines[i]
      expect(c).toMatchObject({ format: 'kernel', kind: 'oom kill', signal: 'SIGKILL' })
      expect(c.threadId).toBe(Number(pid))
      expect(c.message).toContain(`killed process ${pid} (${comm})`)
      expect(c.details).toContain(`anon-rss: ${Number(anon).toLocaleString('en-US')} kB`)
    })
    // The reaper's line is a detail of the kill it follows, and only of that one.
    const reaped = [...text.matchAll(/oom_reaper: reaped process (\d+) /g)].map((m) => Number(m[1]))
    expect(
      kernel.filter((c) => c.details.some((d) => d.startsWith('reaped:'))).map((c) => c.threadId),
    ).toEqual(reaped)
    // One record per kill, grouped by process: the service killed twice is one row of 2.
    const perComm = new Map<string, number>()
    for (const [, , comm] of killLines) perComm.set(comm, (perComm.get(comm) ?? 0) + 1)
    const r = incident.records
    const counted = new Map<string, number>()
    for (let i = 0; i < r.length; i++) {
      if (incident.strings[r.state[i]] !== 'OOM killed') continue
      const comm = incident.strings[r.name[i]]
      counted.set(comm, (counted.get(comm) ?? 0) + r.count[i])
    }
    expect(counted).toEqual(perComm)
    expect(perComm.get('api-server')).toBe(2)
  })
})
