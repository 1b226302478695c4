import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  createTimestampState,
  detectTimestamp,
  getTimestampPatternNames,
  type TimestampState,
} from './timestamps'

const utc = (iso: string) => Date.parse(iso) // test-side only: fixed ISO strings

function detect(
  line: string,
  state: TimestampState = createTimestampState({ referenceYear: 2026 }),
) {
  return detectTimestamp(line, state)
}

describe('detectTimestamp', () => {
  // [name, line, expected time (ISO, or ms when relative), relative, pattern, timestamp text]
  it.each([
    [
      'RFC 3339 with T and Z',
      '2024-08-20T17:38:27.488Z x',
      '2024-08-20T17:38:27.488Z',
      'iso',
      '2024-08-20T17:38:27.488Z',
    ],
    [
      'ISO with a space, no zone (UTC)',
      '2014-06-24 19:50:53 info:76c0b38e METRICS:',
      '2014-06-24T19:50:53Z',
      'iso',
      '2014-06-24 19:50:53',
    ],
    [
      'comma fraction (Python logging)',
      '2012-07-02 10:22:40,672:DEBUG:foo',
      '2012-07-02T10:22:40.672Z',
      'iso',
      '2012-07-02 10:22:40,672',
    ],
    [
      'dmesg --time-format=iso',
      '2026-11-22T19:25:45,681900+00:00 kernel',
      '2026-11-22T19:25:45.681Z',
      'iso',
      '2026-11-22T19:25:45,681900+00:00',
    ],
    [
      '+hh:mm zone',
      '2015-04-24T21:08:10.313913+02:00 err',
      '2015-04-24T19:08:10.313Z',
      'iso',
      '2015-04-24T21:08:10.313913+02:00',
    ],
    [
      '+hhmm zone',
      '2024-01-01T00:00:00-0130 x',
      '2024-01-01T01:30:00Z',
      'iso',
      '2024-01-01T00:00:00-0130',
    ],
    [
      'UTC word (Datadog agent)',
      '2015-03-14 08:23:33 UTC | ERROR | dd.collector |',
      '2015-03-14T08:23:33Z',
      'iso',
      '2015-03-14 08:23:33 UTC',
    ],
    [
      'zone abbreviation (postgres)',
      '2025-08-13 01:45:01.123 PDT [12345] LOG:',
      '2025-08-13T08:45:01.123Z',
      'iso',
      '2025-08-13 01:45:01.123 PDT',
    ],
    [
      'nanoseconds',
      '2025-01-01 01:00:00.987654321:WARN:nano',
      '2025-01-01T01:00:00.987Z',
      'iso',
      '2025-01-01 01:00:00.987654321',
    ],
    [
      'bracketed ISO',
      '[2023-03-03 10:55:38.405][ERROR][1] x',
      '2023-03-03T10:55:38.405Z',
      'iso',
      '2023-03-03 10:55:38.405]',
    ],
    [
      'Kubernetes CRI prefix',
      '2023-05-15T00:29:00.060915154Z stderr F panic: x',
      '2023-05-15T00:29:00.060Z',
      'cri',
      '2023-05-15T00:29:00.060915154Z stderr F ',
    ],
    [
      'journald short-iso',
      '2026-11-22T18:35:01+0000 host prog[1]: x',
      '2026-11-22T18:35:01Z',
      'iso',
      '2026-11-22T18:35:01+0000',
    ],
    [
      'BSD syslog',
      'Nov 22 18:35:01 host prog[12]: x',
      '2026-11-22T18:35:01Z',
      'syslog',
      'Nov 22 18:35:01',
    ],
    [
      'BSD syslog, padded day',
      'May  2 14:51:13 host kernel: x',
      '2026-05-02T14:51:13Z',
      'syslog',
      'May  2 14:51:13',
    ],
    [
      'journald short-precise',
      'Nov 22 18:35:01.123456 host x',
      '2026-11-22T18:35:01.123Z',
      'syslog',
      'Nov 22 18:35:01.123456',
    ],
    [
      'syslog priority',
      '<3>Nov 22 18:35:01 host x',
      '2026-11-22T18:35:01Z',
      'syslog',
      'Nov 22 18:35:01',
    ],
    [
      'RFC 5424',
      '<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - x',
      '2003-10-11T22:14:15.003Z',
      'rfc5424',
      '2003-10-11T22:14:15.003Z',
    ],
    [
      'dmesg -T',
      '[Sun Nov 22 19:25:45 2026] haproxy[610]: segfault',
      '2026-11-22T19:25:45Z',
      'dmesg-T',
      '[Sun Nov 22 19:25:45 2026]',
    ],
    [
      'dmesg -T, padded day',
      '[Mon Nov  2 19:25:45 2026] x',
      '2026-11-02T19:25:45Z',
      'dmesg-T',
      '[Mon Nov  2 19:25:45 2026]',
    ],
    [
      'Go log',
      '2014/06/24 19:50:53 http: panic serving',
      '2014-06-24T19:50:53Z',
      'go-log',
      '2014/06/24 19:50:53',
    ],
    [
      'Go log with microseconds',
      '2014/06/24 19:50:53.123456 x',
      '2014-06-24T19:50:53.123Z',
      'go-log',
      '2014/06/24 19:50:53.123456',
    ],
    [
      'klog',
      'E1122 18:35:01.123456 12345 file.go:12] boom',
      '2026-11-22T18:35:01.123Z',
      'klog',
      'E1122 18:35:01.123456',
    ],
    [
      'logfmt ts=',
      'level=info ts=2024-01-02T03:04:05.5Z msg=x',
      '2024-01-02T03:04:05.500Z',
      'logfmt',
      '2024-01-02T03:04:05.5Z',
    ],
    [
      'logfmt quoted time=',
      'time="2024-01-02T03:04:05Z" level=warning',
      '2024-01-02T03:04:05Z',
      'logfmt',
      '2024-01-02T03:04:05Z',
    ],
    [
      'logfmt Grafana t=',
      'logger=settings t=2025-04-24T19:51:48.520963849Z level=info',
      '2025-04-24T19:51:48.520Z',
      'logfmt',
      '2025-04-24T19:51:48.520963849Z',
    ],
    [
      'logfmt epoch seconds',
      'ts=1700000000.25 caller=main.go:1',
      '2023-11-14T22:13:20.250Z',
      'logfmt',
      '1700000000.25',
    ],
    [
      'JSON time string',
      '{"level":30,"time":"2023-03-24T14:26:16.243Z","v":0}',
      '2023-03-24T14:26:16.243Z',
      'json',
      '2023-03-24T14:26:16.243Z',
    ],
    [
      'JSON @timestamp',
      '{"@timestamp":"2024-01-02T03:04:05.000Z","message":"x"}',
      '2024-01-02T03:04:05Z',
      'json',
      '2024-01-02T03:04:05.000Z',
    ],
    [
      'JSON epoch seconds',
      '{"ts": 1700000000, "msg": "x"}',
      '2023-11-14T22:13:20Z',
      'json',
      '1700000000',
    ],
    [
      'JSON epoch milliseconds',
      '{"time": 1700000000123}',
      '2023-11-14T22:13:20.123Z',
      'json',
      '1700000000123',
    ],
    [
      'JSON epoch microseconds',
      '{"ts": 1700000000123456}',
      '2023-11-14T22:13:20.123Z',
      'json',
      '1700000000123456',
    ],
    [
      'JSON epoch nanoseconds',
      '{"ts": 1700000000123456789}',
      '2023-11-14T22:13:20.123Z',
      'json',
      '1700000000123456789',
    ],
    [
      'journald json',
      '{ "__REALTIME_TIMESTAMP" : "1534860261221373", "PRIORITY" : "6" }',
      '2018-08-21T14:04:21.221Z',
      'json',
      '1534860261221373',
    ],
    [
      'MongoDB $date',
      '{"t":{"$date":"2026-03-10T20:58:09.401+00:00"},"s":"I"}',
      '2026-03-10T20:58:09.401Z',
      'json',
      '2026-03-10T20:58:09.401+00:00',
    ],
    [
      'Apache access log',
      '10.112.81.15 - - [15/Feb/2013:06:00:31 +0000] "-" 400 0',
      '2013-02-15T06:00:31Z',
      'apache',
      '15/Feb/2013:06:00:31 +0000]',
    ],
    [
      'nginx with zone offset',
      '1.2.3.4 - - [22/Nov/2024:18:35:01 -0500] "GET /"',
      '2024-11-22T23:35:01Z',
      'apache',
      '22/Nov/2024:18:35:01 -0500]',
    ],
    [
      'Kibana',
      'August 3rd 2017, 19:28:27.000 haproxy[610]: segfault',
      '2017-08-03T19:28:27Z',
      'kibana',
      'August 3rd 2017, 19:28:27.000',
    ],
    [
      'Kibana, three-letter month',
      'May 21st 2019, 01:02:03.500 x',
      '2019-05-21T01:02:03.500Z',
      'kibana',
      'May 21st 2019, 01:02:03.500',
    ],
    [
      'docker compose',
      '\x1b[2Kweb-1  | 2024-04-25T05:32:35.584725130Z  * Serving',
      '2024-04-25T05:32:35.584Z',
      'compose',
      '2024-04-25T05:32:35.584725130Z',
    ],
  ])('%s', (_name, line, iso, pattern, text) => {
    const m = detect(line)
    expect(m).not.toBeNull()
    expect(m!.relative).toBe(false)
    expect(Math.floor(m!.time)).toBe(utc(iso))
    expect(m!.pattern).toBe(pattern)
    expect(line.slice(m!.start, m!.end)).toBe(text)
  })

  it.each([
    ['kernel monotonic', '[4838261.071917] haproxy[610]: segfault', 4838261071.917, 'kernel'],
    ['kernel monotonic, padded', '[    4.591020] usb 1-1: new', 4591.02, 'kernel'],
    [
      'valgrind --time-stamp',
      '==12345== 00:00:00:01.234 Memcheck, a memory error detector',
      1234,
      'valgrind',
    ],
    ['valgrind, days', '==1== 01:02:03:04.005 x', ((26 * 60 + 3) * 60 + 4) * 1000 + 5, 'valgrind'],
    [
      'bcc memleak time of day, no date known',
      '[17:34:55] Top 10 stacks with outstanding allocations:',
      (17 * 3600 + 34 * 60 + 55) * 1000,
      'clock',
    ],
  ])('%s is relative', (_name, line, ms, pattern) => {
    const m = detect(line)
    expect(m?.relative).toBe(true)
    expect(m!.time).toBeCloseTo(ms, 3)
    expect(m!.pattern).toBe(pattern)
  })

  it.each([
    ['empty', ''],
    ['a Go frame', '\t/usr/local/go/src/runtime/panic.go:520 +0x69'],
    ['a goroutine header', 'goroutine 281550311 [semacquire, 27 minutes]:'],
    ['prose', 'That looked pretty normal. Then I ran the acceptance tests.'],
    ['a bad month', 'Foo 22 18:35:01 host'],
    ['month 13', '2024-13-01 00:00:00 x'],
    ['hour 25', '2024-01-01 25:00:00 x'],
    ['a version, not a time', 'ts=7.2.0 x'],
    ['JSON without a time', '{"level":"info","msg":"no time here"}'],
    ['JSON with a bad time', '{"ts": "xxx", "lvl": "DEBUG3"}'],
    ['a short count as logfmt time', 'time=250 goroutines=9'],
  ])('%s has no timestamp', (_name, line) => {
    expect(detect(line)).toBeNull()
  })

  it('infers the year of BSD syslog across Dec -> Jan', () => {
    const state = createTimestampState({ referenceYear: 2013 })
    const times = [
      'Dec  3 09:23:38 veridian automount[7998]: lookup',
      'Dec 31 23:59:59 veridian x',
      'Jan  3 09:47:02 veridian sudo: timstack',
      'Feb  1 00:00:00 veridian x',
    ].map((l) => new Date(detectTimestamp(l, state)!.time).toISOString())
    expect(times).toEqual([
      '2013-12-03T09:23:38.000Z',
      '2013-12-31T23:59:59.000Z',
      '2014-01-03T09:47:02.000Z',
      '2014-02-01T00:00:00.000Z',
    ])
  })

  it('keeps the year when months go back a little (reordered lines, DST)', () => {
    const state = createTimestampState({ referenceYear: 2020 })
    detectTimestamp('Mar  3 01:01:03 host x', state)
    expect(new Date(detectTimestamp('Feb 28 01:00:00 host x', state)!.time).getUTCFullYear()).toBe(
      2020,
    )
  })

  it('infers the klog year across Dec -> Jan', () => {
    const state = createTimestampState({ referenceYear: 2025 })
    detectTimestamp('I1231 23:59:59.000000 1 a.go:1] x', state)
    const m = detectTimestamp('W0101 00:00:01.000000 1 a.go:1] x', state)
    expect(new Date(m!.time).toISOString()).toBe('2026-01-01T00:00:01.000Z')
  })

  it('takes the year of syslog lines from a dated line before them', () => {
    const state = createTimestampState({ referenceYear: 2000 })
    detectTimestamp('2019-06-01T00:00:00Z start', state)
    const m = detectTimestamp('Jun  2 10:00:00 host x', state)
    expect(new Date(m!.time).toISOString()).toBe('2019-06-02T10:00:00.000Z')
  })

  it('defaults the reference year to the current year', () => {
    const m = detectTimestamp('Nov 22 18:35:01 host x', createTimestampState())
    expect(new Date(m!.time).getUTCFullYear()).toBe(new Date().getUTCFullYear())
  })

  it('dates a bcc [HH:MM:SS] by the last absolute timestamp and steps over midnight', () => {
    const state = createTimestampState()
    detectTimestamp('2024-02-03 23:59:00 memleak started', state)
    const a = detectTimestamp('[23:59:30] Top 10 stacks', state)
    const b = detectTimestamp('[00:00:05] Top 10 stacks', state)
    expect(a?.relative).toBe(false)
    expect(new Date(a!.time).toISOString()).toBe('2024-02-03T23:59:30.000Z')
    expect(new Date(b!.time).toISOString()).toBe('2024-02-04T00:00:05.000Z')
  })

  it('locks onto the pattern of the previous line', () => {
    const state = createTimestampState()
    detectTimestamp('Nov 22 18:35:01 host x', state)
    const locked = state.locked
    expect(getTimestampPatternNames()[locked]).toBe('syslog')
    detectTimestamp('no time', state)
    expect(state.locked).toBe(locked)
    detectTimestamp('2024-01-01 00:00:00 x', state)
    expect(getTimestampPatternNames()[state.locked]).toBe('iso')
  })

  it("'start' scope skips patterns that search inside the line", () => {
    const state = createTimestampState()
    expect(detectTimestamp('level=info ts=2024-01-02T03:04:05Z', state, 'start')).toBeNull()
    expect(detectTimestamp('level=info ts=2024-01-02T03:04:05Z', state)).not.toBeNull()
  })

  it('never throws and keeps the match inside the line (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (a, b) => {
        const state = createTimestampState({ referenceYear: 2024 })
        for (const line of [
          a,
          '2024-01-01 00:00:00' + a,
          'Nov 22 18:35:01' + b + a,
          '{"ts":' + a,
        ]) {
          const m = detectTimestamp(line, state)
          if (m) {
            expect(m.start).toBeGreaterThanOrEqual(0)
            expect(m.end).toBeLessThanOrEqual(line.length)
            expect(m.start).toBeLessThanOrEqual(m.end)
            expect(Number.isNaN(m.time)).toBe(false)
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('agrees with Date.parse on generated RFC 3339 times (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1971-01-01Z'),
          max: new Date('2100-01-01Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('T', ' '),
        fc.constantFrom('.', ','),
        (date, sep, frac) => {
          const iso = date.toISOString()
          const line = iso.slice(0, 10) + sep + iso.slice(11, 19) + frac + iso.slice(20, 23) + 'Z x'
          expect(detect(line)!.time).toBe(date.getTime())
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('detectTimestamp on a line read just before', () => {
  // The scanner and the log reader both detect every log line with their own states; the
  // second detection replays the first when the pattern reads the line alone. It must give
  // what reading gives, and leave the state as reading leaves it.
  const dir = new URL('./__fixtures__/', import.meta.url)
  const lines = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => readFileSync(new URL(name, dir), 'utf8').split('\n'))
    .concat([
      '[4838261.071917] oom-kill',
      '[Sun Nov 22 19:25:45 2026] usb 1-1: new device',
      'August 3rd 2017, 19:28:27.000 INFO x',
      '==12345== 00:00:00:01.234 Memcheck',
      '2014/06/24 19:50:53 starting',
      '2023-05-15T00:29:00.060915154Z stderr F hello',
    ])

  it('equals reading the line, in result and in state', () => {
    const twice = createTimestampState({ referenceYear: 2020 })
    const other = createTimestampState({ referenceYear: 2001 })
    const once = createTimestampState({ referenceYear: 2020 })
    for (const line of lines) {
      detectTimestamp(line, other, 'start')
      const replayed = detectTimestamp(line, twice)
      const read = detectTimestamp(line, once)
      expect(replayed).toEqual(read)
      expect(twice).toEqual(once)
      // And a third time, replayed on the state that read it.
      detectTimestamp(line, other, 'start')
      expect(detectTimestamp(line, once)).toEqual(read)
    }
    expect(once.locked).toBeGreaterThanOrEqual(0)
  })
})
