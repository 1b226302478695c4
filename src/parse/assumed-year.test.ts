import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Incident } from '../model/types'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'

/**
 * Classic syslog (`May  2 14:51:13`) and klog print no year. Guards against issue 12 item 8:
 * such dates silently took the current year, so last December's log landed eleven months
 * in the future.
 */
const SYSLOG_DEC_JAN = join(__dirname, 'log/__fixtures__/lnav-syslog.1.txt')
const KERN_LOG = join(__dirname, 'kernel/__fixtures__/issue-coturn-kern-log-classic-syslog.txt')

function parseWithDate(path: string, lastModified: number | undefined): Promise<Incident> {
  const input = inputFromBytes('input.log', readFileSync(path))
  return parseInputs([{ ...input, lastModified }])
}

const years = (incident: Incident) => [...incident.events.time].map(yearOf)
const yearOf = (t: number) => new Date(t).getUTCFullYear()

/** `Mmm dd` of each line that starts with a BSD syslog date, counted here with a regex. */
function syslogMonths(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((l) => /^([A-Z][a-z]{2}) [ \d]\d \d\d:\d\d:\d\d /.exec(l)?.[1] ?? [])
}

// Without a file date the current year stands in: pin it.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-23T00:00:00Z'))
})
afterAll(() => {
  vi.useRealTimers()
})

describe('the year of dates printed without one', () => {
  it("is the one that puts the last line at or before the file's mtime", async () => {
    // kern.log's one line is `May  2 14:51:13`; the file was last written that afternoon.
    const sameDay = await parseWithDate(KERN_LOG, Date.UTC(2019, 4, 2, 15, 0, 0))
    expect(years(sameDay)).toEqual([2019])
    expect(sameDay.crashes.map((c) => c.time && yearOf(c.time))).toEqual([2019])
    // Modified the next January: May 2 of that year is still to come, so it is the May before.
    const nextJanuary = await parseWithDate(KERN_LOG, Date.UTC(2020, 0, 10))
    expect(years(nextJanuary)).toEqual([2019])
    expect(nextJanuary.sources[0].assumedYear).toEqual({
      first: 2019,
      last: 2019,
      from: 'modified',
    })
  })

  it('puts the lines before a December -> January step in the year before', async () => {
    const months = syslogMonths(SYSLOG_DEC_JAN)
    expect(months).toEqual(['Dec', 'Dec', 'Dec', 'Jan'])
    // The last line is `Jan  3 09:47:02`; the file was modified on 5 January 2025.
    const incident = await parseWithDate(SYSLOG_DEC_JAN, Date.UTC(2025, 0, 5, 8, 0, 0))
    expect(years(incident)).toEqual(months.map((m) => (m === 'Dec' ? 2024 : 2025)))
    expect(new Date(incident.events.time[0]).toISOString()).toBe('2024-12-03T09:23:38.000Z')
    expect(incident.sources[0].assumedYear).toEqual({ first: 2024, last: 2025, from: 'modified' })
  })

  it('allows for local times read as UTC: a line up to 14 hours after the mtime', async () => {
    // Written at 23:30 local on 31 December in UTC+4, i.e. 19:30 UTC, and read as 23:30 UTC.
    const text = 'Dec 31 23:30:00 host app: last line\n'
    const incident = await parseInputs([
      { ...inputFromBytes('a.log', text), lastModified: Date.UTC(2025, 11, 31, 19, 30, 5) },
    ])
    expect(years(incident)).toEqual([2025])
  })

  it('says which year was assumed and why in the warnings', async () => {
    const dated = await parseWithDate(SYSLOG_DEC_JAN, Date.UTC(2025, 0, 5))
    expect(dated.sources[0].warnings).toEqual([
      "Dates without a year: year assumed: 2024, and 2025 after the turn of the year (from the file's modification date, 2025-01-05). Set the year in Sources on the Timeline if it is wrong.",
    ])
    const kern = await parseWithDate(KERN_LOG, Date.UTC(2019, 4, 2, 15))
    expect(kern.sources[0].warnings).toContain(
      "Dates without a year: year assumed: 2019 (from the file's modification date, 2019-05-02). Set the year in Sources on the Timeline if it is wrong.",
    )
  })

  it('is the current year for pasted text, still with a warning', async () => {
    const pasted = await parseWithDate(KERN_LOG, undefined)
    expect(years(pasted)).toEqual([2026])
    expect(pasted.sources[0].assumedYear).toEqual({ first: 2026, last: 2026, from: 'today' })
    expect(pasted.sources[0].warnings.join('\n')).toContain(
      'year assumed: 2026 (the current year: the input has no modification date)',
    )
  })

  it('follows a dated line before it, with nothing assumed', async () => {
    const text = '2019-06-01T00:00:00Z start\nJun  2 10:00:00 host x\n'
    const incident = await parseInputs([
      { ...inputFromBytes('a.log', text), lastModified: Date.UTC(2026, 0, 1) },
    ])
    expect(years(incident)).toEqual([2019, 2019])
    expect(incident.sources[0].assumedYear).toBeUndefined()
    expect(incident.sources[0].warnings.join('\n')).not.toContain('year assumed')
  })

  it('takes the klog year from the mtime too', async () => {
    const text = 'I1231 23:59:59.000000 1 a.go:1] x\nW0101 00:00:01.000000 1 a.go:1] y\n'
    const incident = await parseInputs([
      { ...inputFromBytes('k.log', text), lastModified: Date.UTC(2024, 0, 1, 1) },
    ])
    expect(years(incident)).toEqual([2023, 2024])
  })

  it('is chosen per input', async () => {
    const a = {
      ...inputFromBytes('a.log', readFileSync(KERN_LOG)),
      lastModified: Date.UTC(2018, 5, 1),
    }
    const b = {
      ...inputFromBytes('b.log', readFileSync(KERN_LOG)),
      lastModified: Date.UTC(2021, 5, 1),
    }
    const incident = await parseInputs([a, b])
    expect(years(incident)).toEqual([2018, 2021])
  })
})
