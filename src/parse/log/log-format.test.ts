import { checkMutatedSamples } from '../../test/mutated-samples'
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Incident } from '../../model/types'
import { EventKind, Level } from '../../model/types'
import { parseInputs } from '../index'
import {
  assertIncidentIntegrity,
  checkIncidentSnapshot,
  dumpIncident,
  inputFromBytes,
} from '../../test/incident-snapshot'
import { logFormat } from './log-format'
import { computeTimeRange, getSeriesNames } from './summary'

const dir = new URL('./__fixtures__/', import.meta.url).pathname
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()

/** Parses with the log format alone, so these tests do not move when other formats land. */
function parseLog(text: string): Promise<Incident> {
  return parseInputs([inputFromBytes('in.log', text)], { formats: [logFormat] })
}

function events(incident: Incident) {
  const e = incident.events
  return Array.from({ length: e.length }, (_, i) => ({
    line: e.line[i],
    kind: e.kind[i],
    level: e.level[i],
    time: e.relative[i] ? e.time[i] : new Date(e.time[i]).toISOString(),
    label: e.label[i] >= 0 ? incident.strings[e.label[i]] : undefined,
  }))
}

function series(incident: Incident, name: string): number[] {
  return [...(incident.series.find((s) => s.name === name)?.value ?? [])]
}

const LEVEL_NAMES = ['-', 'trace', 'debug', 'info', 'warn', 'error', 'fatal']
const KIND_NAMES = ['log', 'crash', 'signal', 'segfault', 'snapshot', 'restart', 'marker']

/** What the log format read, line by line: events with level and time, then series values. */
function dumpLog(incident: Incident): string {
  const out = [`timeRange ${JSON.stringify(computeTimeRange(incident))}`]
  out.push(`charted series ${JSON.stringify(getSeriesNames(incident))}`)
  for (const e of events(incident)) {
    const label = e.label ? ` ${e.label}` : ''
    const time = typeof e.time === 'number' ? `+${e.time}ms` : e.time
    out.push(`${e.line + 1}: ${KIND_NAMES[e.kind]} ${LEVEL_NAMES[e.level]} ${time}${label}`)
  }
  for (const s of incident.series) {
    out.push(`series ${s.name}${s.unit ? ` (${s.unit})` : ''}: ${[...s.value].join(' ')}`)
  }
  return out.join('\n') + '\n'
}

// BSD syslog prints no year: it is inferred from the current one, so pin the clock to keep the
// snapshots of year-less samples stable.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-23T00:00:00Z'))
})
afterAll(() => {
  vi.useRealTimers()
})

/** The text read by the log format alone, from ASCII bytes and from UTF-16. */
function parseAsciiAndUtf16(text: string): Promise<Incident[]> {
  return Promise.all(
    [text, utf16(text)].map((bytes) =>
      parseInputs([inputFromBytes('in.log', bytes)], { formats: [logFormat] }),
    ),
  )
}

/** The text as UTF-16LE with its byte-order mark: read from strings, never from ASCII bytes. */
function utf16(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2)
  out.set([0xff, 0xfe])
  for (let i = 0; i < text.length; i++) out[2 + 2 * i] = text.charCodeAt(i)
  return out
}
describe('log format fixtures', () => {
  it.each(fixtures)('%s', async (name) => {
    await checkIncidentSnapshot(dir + name)
    expect(dumpLog(await parseLog(readFileSync(dir + name, 'utf8')))).toMatchSnapshot()
  })

  // Event counts: one per line with its own timestamp (lnav's own tests count the same).
  it.each([
    ['lnav-access_log.1.txt', 1],
    ['lnav-bunyan.0.txt', 10],
    ['lnav-crlf.0.txt', 2],
    ['lnav-docker_compose_with_ts.0.txt', 22],
    ['lnav-dst.0.txt', 10],
    ['lnav-json.json.txt', 13], // one line's "ts" is "xxx": a continuation
    ['lnav-multiline.0.txt', 2], // "  How are you today?" continues the first
    ['lnav-postgres.0.txt', 21], // blank lines between entries
    ['lnav-syslog.1.txt', 4],
    ['seed002-datadog-agent.txt', 1],
  ])('%s has %i events', async (name, count) => {
    const incident = await parseLog(readFileSync(dir + name, 'utf8'))
    expect(incident.events.length).toBe(count)
    expect(incident.sources[0].unrecognizedLines).toBe(0)
  })

  it('reads the Datadog agent line of seed 002 as one error event spanning its wrapped lines', async () => {
    const incident = await parseLog(readFileSync(dir + 'seed002-datadog-agent.txt', 'utf8'))
    expect(events(incident)).toEqual([
      {
        line: 0,
        kind: EventKind.log,
        level: Level.error,
        time: '2015-03-14T08:23:33.000Z',
        label: undefined,
      },
    ])
    expect(incident.sources[0].regions).toEqual([{ format: 'log', firstLine: 0, lastLine: 2 }])
  })

  it('charts seed 003 goroutines 9 -> 250 -> 400 and marks the quiet restart', async () => {
    const incident = await parseLog(readFileSync(dir + 'seed003-metrics-restart.txt', 'utf8'))
    expect(series(incident, 'goroutines')).toEqual([9, 250, 400, 9])
    expect(getSeriesNames(incident)).toEqual([
      'goroutines',
      'cgo',
      'alloc',
      'totalAlloc',
      'heapAlloc',
    ])
    const restarts = events(incident).filter((e) => e.kind === EventKind.restart)
    expect(restarts).toEqual([
      {
        line: 3,
        kind: EventKind.restart,
        level: Level.warn,
        time: '2014-06-24T20:35:53.000Z',
        label: 'restart: goroutines 400 -> 9',
      },
    ])
    expect(computeTimeRange(incident)).toEqual([
      '2014-06-24T19:50:53.000Z',
      '2014-06-24T20:35:53.000Z',
    ])
  })

  it('gives seed 003 its series from the single METRICS line', async () => {
    const line = readFileSync(dir + 'seed003-metrics-restart.txt', 'utf8').split('\n')[0]
    const incident = await parseLog(`Some prose.\n\n${line}\n\nMore prose.\n`)
    expect(getSeriesNames(incident)).toEqual([
      'goroutines',
      'cgo',
      'alloc',
      'totalAlloc',
      'heapAlloc',
    ])
    expect(events(incident)).toHaveLength(1)
    expect(events(incident)[0].level).toBe(Level.info)
  })

  it('infers the syslog year across Dec -> Jan', async () => {
    const incident = await parseLog(readFileSync(dir + 'lnav-syslog.1.txt', 'utf8'))
    const years = [...incident.events.time].map((t) => new Date(t).getUTCFullYear())
    expect(years).toEqual([2026, 2026, 2026, 2027])
  })
})

describe('log format lines', () => {
  it.each([
    ['empty', '', 0, 0],
    ['only junk', 'hello\nworld\n', 0, 2],
    ['CRLF', '2024-01-01 00:00:00 INFO a\r\n2024-01-01 00:00:01 ERROR b\r\n', 2, 0],
    ['truncated last line', '2024-01-01 00:00:00 INFO a\n2024-01-01 00:0', 1, 0],
    [
      'a prefix on every line (CRI)',
      '2023-05-15T00:29:00.06Z stderr F a: 1\n2023-05-15T00:29:01.06Z stderr F a: 2\n',
      2,
      0,
    ],
    [
      'indented stack trace continues',
      '2024-01-01 00:00:00 ERROR x\n\tat a.b(C.java:1)\n\tat c.d(E.java:2)\n',
      1,
      0,
    ],
    [
      'long prose after a line ends the region',
      '2024-01-01 00:00:00 INFO x\n' + 'prose\n'.repeat(25),
      1,
      5,
    ],
    [
      'prose paragraphs after a pasted line are not part of it',
      '2024-01-01 00:00:00 INFO x\n\nSome prose.\n\nMore.\n',
      1,
      3, // both paragraphs and the blank line between them
    ],
    ['a 100 KB line', '2024-01-01 00:00:00 INFO ' + 'x'.repeat(100_000) + '\n', 0, 1],
  ])('%s', async (_name, text, eventCount, unrecognized) => {
    const incident = await parseLog(text)
    expect(incident.events.length).toBe(eventCount)
    expect(incident.sources[0].unrecognizedLines).toBe(unrecognized)
    assertIncidentIntegrity(incident)
  })

  // Read from ASCII bytes, a line's level field and its fatal and restart words are searched
  // for only when the sniff prefilter found their texts (`logFormat.marks`); read from UTF-16,
  // every line is searched. Both must find the same: a missed mark loses a level or a restart.
  it('reads levels and restarts alike with and without the prefilter marks', async () => {
    const piece = fc.constantFrom(
      'level=error',
      '"level":"warn"',
      'lvl=debug',
      'severity=ERROR',
      '"PRIORITY":"2"',
      '"s":"E"',
      'fatal error: x',
      'panic: boom',
      'FATAL',
      'Starting',
      'restarted',
      'tart',
      'levels',
      'INFO',
      'n=3',
      ' ',
    )
    const line = fc.tuple(fc.nat(59), fc.array(piece, { maxLength: 6 }))
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        const text = lines
          .map(
            ([s, pieces]) => `2024-01-01 00:00:${String(s).padStart(2, '0')} ${pieces.join(' ')}`,
          )
          .join('\n')
        const [fromAscii, fromUtf16] = await parseAsciiAndUtf16(text)
        expect(events(fromAscii)).toEqual(events(fromUtf16))
      }),
      { numRuns: 300 },
    )
  })

  // Read from ASCII bytes, the lines after a log's first one that start with an ISO time are
  // read without a string of their own (`LogReader.pushStamped`: time, level, kernel clock and
  // metrics from the bytes); read from UTF-16, every line is read from its string. Both must
  // find the same events and points: the bytes path reading a timestamp, a level word or a
  // number differently would change them.
  it('reads lines alike from their bytes and from their strings', async () => {
    const stamp = fc.constantFrom(
      '2024-01-01T00:00:SSZ',
      '2024-01-01 00:00:SS.123',
      '2024-01-01T00:00:SS,5+02:00',
      '2024-01-01T00:00:SS-0130',
      '2024-01-01 00:00:SS UTC',
      '2024-01-01 00:00:SS PDT',
      '2024-01-01 00:00:SS FOO',
      '2024-01-01T00:00:SS.123456789Z stderr F',
      '[2024-01-01 00:00:SS]',
      '2024-01-01 00:SS',
      '2024-13-01 00:00:SS',
      'E0101 00:00:SS.000000',
      '  at x',
    )
    const piece = fc.constantFrom(
      'INFO',
      'info:',
      '[error]',
      'E12',
      'I',
      'WARN5',
      '\x1b[31mERROR\x1b[0m',
      'warn-x',
      'error.go',
      'Notice',
      'host kernel: [12.5] x',
      'kernel: [3.25]',
      'n=3',
      'took=12ms',
      'size: 4KB',
      'ratio=0.5',
      'FATAL',
      'Starting',
      'level=warn',
      'x'.repeat(150),
      '',
    )
    const line = fc.tuple(stamp, fc.nat(59), fc.array(piece, { maxLength: 6 }))
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        const text = lines
          .map(([at, s, pieces]) =>
            [at.replace('SS', String(s).padStart(2, '0')), ...pieces].join(' '),
          )
          .join('\n')
        const [fromAscii, fromUtf16] = await parseAsciiAndUtf16(text)
        expect(events(fromAscii)).toEqual(events(fromUtf16))
        expect(fromAscii.series).toEqual(fromUtf16.series)
        expect(fromAscii.sources[0].bootClocks).toEqual(fromUtf16.sources[0].bootClocks)
      }),
      { numRuns: 400 },
    )
  })

  it('marks a "starting" line after a fatal error as a restart', async () => {
    const incident = await parseLog(
      [
        '2024-01-01 00:00:00 INFO serving',
        '2024-01-01 00:00:05 FATAL out of file descriptors',
        '2024-01-01 00:00:06 INFO Starting server on :8080',
        '2024-01-01 00:00:07 INFO started again, no restart here',
      ].join('\n'),
    )
    const restarts = events(incident).filter((e) => e.kind === EventKind.restart)
    expect(restarts.map((e) => [e.line, e.label])).toEqual([[2, 'restart after a fatal error']])
  })

  it('counts a restart once when its "starting" line comes before the metrics fall', async () => {
    const lines = [
      '2024-01-01 00:00:00 INFO METRICS: goroutines: 9',
      '2024-01-01 00:00:01 INFO METRICS: goroutines: 60',
      '2024-01-01 00:00:02 INFO METRICS: goroutines: 120',
      '2024-01-01 00:00:03 FATAL concurrent map writes',
      '2024-01-01 00:00:04 INFO starting api server',
      '2024-01-01 00:00:05 INFO METRICS: goroutines: 9',
    ]
    const incident = await parseLog(lines.join('\n'))
    const restarts = events(incident).filter((e) => e.kind === EventKind.restart)
    const byGrep = lines.filter((l, i) => /start/.test(l) && /FATAL/.test(lines[i - 1])).length
    expect(restarts.map((e) => e.line)).toEqual([4])
    expect(restarts).toHaveLength(byGrep)
  })

  it('gives each of 3,000 keys its own series, keys that share a slot too', async () => {
    // More keys than metrics.ts keeps slots for: most slots are shared by several keys.
    const lines: string[] = []
    for (let i = 0; i < 6000; i++) {
      const a = (i * 7919) % 3000
      const b = (i * 104_729 + 11) % 3000
      lines.push(`2024-01-01 00:00:00 INFO load k${a}=${i} q${b}_total=${i % 97}ms`)
    }
    const incident = await parseLog(lines.join('\n'))
    // The points of each key, taken from the text with a regular expression.
    const expected = new Map<string, number[]>()
    for (const line of lines)
      for (const [, key, value] of line.matchAll(/ (\w+)=(\d+)(?:ms)?/g))
        expected.set(key, [...(expected.get(key) ?? []), Number(value)])
    const got = new Map(incident.series.map((s) => [s.name, [...s.value]]))
    expect(got.size).toBe(expected.size)
    expect(got).toEqual(expected)
  })

  it('reads a restart from metrics again after a restart cleared their histories', async () => {
    const lines = [
      '2024-01-01 00:00:00 INFO goroutines=9',
      '2024-01-01 00:00:01 INFO goroutines=300',
      '2024-01-01 00:00:02 FATAL out of memory',
      '2024-01-01 00:00:03 INFO starting',
      '2024-01-01 00:00:04 INFO goroutines=8',
      '2024-01-01 00:00:05 INFO goroutines=200',
      '2024-01-01 00:00:06 INFO goroutines=400',
      '2024-01-01 00:00:07 INFO goroutines=7',
    ]
    const incident = await parseLog(lines.join('\n'))
    const restarts = events(incident).filter((e) => e.kind === EventKind.restart)
    // The fall to 8 follows the restart's line and is not another; the fall to 7 is one.
    expect(restarts.map((e) => [e.line, e.label])).toEqual([
      [3, 'restart after a fatal error'],
      [7, 'restart: goroutines 400 -> 7'],
    ])
    expect(incident.series.map((s) => [s.name, [...s.value]])).toEqual([
      ['goroutines', [9, 300, 8, 200, 400, 7]],
    ])
  })

  it('does not call a gauge that wobbles a restart', async () => {
    const lines = [100, 40, 120, 60, 130].map((v, i) => `2024-01-01 00:00:0${i} INFO queue=${v}`)
    const incident = await parseLog(lines.join('\n'))
    expect(events(incident).filter((e) => e.kind === EventKind.restart)).toEqual([])
  })

  it('keeps kernel uptime events relative', async () => {
    const incident = await parseLog('[ 3053.681900] usb 1-1: new\n[ 3054.000000] usb 1-1: done\n')
    expect([...incident.events.relative]).toEqual([1, 1])
    expect(computeTimeRange(incident)).toBeNull()
  })

  it('never throws and is deterministic on arbitrary text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const a = await parseLog(text)
        const b = await parseLog(text)
        expect(dumpIncident(a)).toBe(dumpIncident(b))
        assertIncidentIntegrity(a)
      }),
      { numRuns: 200 },
    )
  })

  it('never throws and is deterministic on mutated samples (property)', async () => {
    const samples = fixtures.map((f) => readFileSync(dir + f, 'utf8'))
    await checkMutatedSamples(samples, parseLog, { maxEdits: 6 })
  })
})
