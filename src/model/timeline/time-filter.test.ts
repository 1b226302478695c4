import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseText } from '../../test/incident-snapshot'
import { computeGroups } from '../group'
import { computeRecordTimes, filterRecordsByTime } from './time-filter'

// Guards issue 12 item 9: brushing 10:35-12:20 on a day of HAProxy segfaults left Stacks at
// all 128 records.

/**
 * Seed 2's syslog shape (Kibana export of `kernel: [secs] haproxy[pid]: segfault ...`), one
 * line about every five minutes with an info line between, written out for the test.
 */
function segfaultSyslog(): string {
  const lines: string[] = []
  const start = Date.UTC(2024, 10, 22, 8, 0, 29)
  const boot = 4838261.071917
  for (let i = 0; i < 128; i++) {
    const at = start + i * 5 * 60_000 + (i % 7) * 1_000
    const d = new Date(at)
    const hms = d.toISOString().slice(11, 19)
    const pid = 610 + i
    const since = (boot + (at - start) / 1000).toFixed(6)
    lines.push(
      `Nov 22 ${hms} lb-1 kernel: [${since}] haproxy[${pid}]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]`,
      `Nov 22 ${hms} lb-1 haproxy[1]: Proxy www started.`,
    )
  }
  return lines.join('\n') + '\n'
}

/** Segfault lines whose clock time is in [from, to], counted by hand as awk would. */
function countSegfaults(text: string, from: string, to: string): number {
  return text
    .split('\n')
    .filter((l) => l.includes('segfault at'))
    .filter((l) => l.slice(7, 15) >= from && l.slice(7, 15) <= to).length
}

describe('filterRecordsByTime', () => {
  it('keeps the kernel segfaults of the brushed range, as many as the lines say', async () => {
    const text = segfaultSyslog()
    const incident = await parseText(text, 'kern.log')
    expect(incident.records.length).toBe(countSegfaults(text, '00:00:00', '23:59:59'))
    const year = new Date(incident.events.time[0]).getUTCFullYear()
    const range: [number, number] = [
      Date.UTC(year, 10, 22, 10, 35),
      Date.UTC(year, 10, 22, 12, 20) - 1,
    ]
    const times = computeRecordTimes(incident, 'absolute')
    const brushed = filterRecordsByTime(incident, times, range)
    const expected = countSegfaults(text, '10:35:00', '12:19:59')
    expect(expected).toBeGreaterThan(10)
    expect(brushed.inRange).toBe(expected)
    expect(brushed.timeless).toBe(0)
    expect(brushed.dropped).toBe(incident.records.length - expected)
    expect(brushed.incident.records.length).toBe(expected)
    const total = computeGroups(brushed.incident).reduce((n, g) => n + g.count, 0)
    expect(total).toBe(expected)
  })

  it('keeps records without a time and counts them', async () => {
    const dump = readFileSync(
      join(__dirname, '../../parse/go/__fixtures__/gotfmt-nil-deref-signal0xb-go12.txt'),
      'utf8',
    )
    // A log line without time before the dump: nothing dates the dump.
    const incident = await parseText(`INFO before\n${dump}`)
    const goroutines = (dump.match(/^goroutine \d+ \[/gm) ?? []).length
    expect(incident.records.length).toBe(goroutines)
    const times = computeRecordTimes(incident, 'absolute')
    const brushed = filterRecordsByTime(incident, times, [0, 1])
    expect(brushed.timeless).toBe(goroutines)
    expect(brushed.incident).toBe(incident)
  })

  it('times the goroutines of a dump by the dated line before it', async () => {
    const dump = readFileSync(
      join(__dirname, '../../parse/go/__fixtures__/gotfmt-nil-deref-signal0xb-go12.txt'),
      'utf8',
    )
    const incident = await parseText(`2024-03-05T10:15:47.902Z INFO before\n${dump}`)
    const goroutines = (dump.match(/^goroutine \d+ \[/gm) ?? []).length
    const at = Date.parse('2024-03-05T10:15:47.902Z')
    const times = computeRecordTimes(incident, 'absolute')
    expect(filterRecordsByTime(incident, times, [at, at + 1000]).inRange).toBe(goroutines)
    const before = filterRecordsByTime(incident, times, [0, at - 1])
    expect(before.dropped).toBe(goroutines)
    expect(before.incident.records.length).toBe(0)
  })
})
