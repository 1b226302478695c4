import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toIncidentJson } from '../cli/incident-json'
import { EventKind, type Incident } from '../model/types'
import { parseText } from '../test/incident-snapshot'
import { LineClock } from './line-clock'

// Guards issue 12 item 6: a crash printed after the last dated line (`kubectl logs --previous`)
// never reached the timeline, and most formats added no event for their crash at all.

const fixture = (format: string, name: string) =>
  readFileSync(join(__dirname, format, '__fixtures__', name), 'utf8')

/** Dated service lines, as `kubectl logs --previous` prints them before the crash. */
const LOG = [
  '2024-03-05T10:14:02.113Z INFO redirect matcher loaded rules=18342',
  '2024-03-05T10:14:09.481Z INFO serving origin=edge-7 rps=5120',
  '2024-03-05T10:15:47.902Z WARN request latency p99=2.4s',
]
const ISO_AT_START = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s/

/** The time of the last line before `line` that starts with an ISO date, read by hand. */
function lastDatedBefore(lines: readonly string[], line: number): number {
  for (let i = line; i >= 0; i--) {
    const m = ISO_AT_START.exec(lines[i])
    if (m) return Date.parse(m[1])
  }
  return NaN
}

function crashEventsAt(incident: Incident, line: number): number[] {
  const e = incident.events
  const out: number[] = []
  for (let i = 0; i < e.length; i++) {
    const k = e.kind[i]
    const crashLike = k === EventKind.crash || k === EventKind.signal || k === EventKind.segfault
    if (crashLike && e.line[i] === line) out.push(i)
  }
  return out
}

// One real sample per format that reports a crash, none of which dates its own lines.
const SAMPLES: [format: string, file: string][] = [
  ['go', 'gotfmt-nil-deref-signal0xb-go12.txt'],
  ['go', 'gotfmt-issue9307-race-go14.txt'],
  ['gdb', 'run-glibc-assert-bt.txt'],
  ['glibc', 'stderr-double-free.txt'],
  ['java', 'exception-caused-by.txt'],
  ['java', 'native-crash-stdout.txt'],
  ['python', 'satyr-python-01.txt'],
  ['rust', 'panic-index-backtrace1.txt'],
  ['node', 'satyr-node-01.txt'],
  ['sanitizer', 'asan-clang14-double-free.txt'],
  ['lldb', 'issue-llvm-58525-lldb-stop-reason-exc-bad-access.txt'],
  ['eu-stack', 'core-source-inlines.txt'],
  ['valgrind', 'drd-race.txt'],
]

describe('a crash no line dates', () => {
  it.each(SAMPLES)(
    '%s %s: takes the last dated line’s time, approximate, as a timeline event',
    async (format, file) => {
      const sample = fixture(format, file)
      expect(sample.split('\n').some((l) => ISO_AT_START.test(l))).toBe(false)
      const text = [...LOG, sample].join('\n')
      const lines = text.split('\n')
      const incident = await parseText(text)
      expect(incident.crashes.length).toBeGreaterThan(0)
      for (const crash of incident.crashes) {
        expect(crash.line).toBeGreaterThanOrEqual(LOG.length)
        expect(crash.time).toBe(lastDatedBefore(lines, crash.line))
        expect(crash.timeApprox).toBe(true)
        const events = crashEventsAt(incident, crash.line)
        expect(events).toHaveLength(1)
        expect(incident.events.time[events[0]]).toBe(crash.time)
        expect(incident.events.relative[events[0]]).toBe(0)
      }
      const json = toIncidentJson(incident)
      expect(json.crash?.timeIso).toBe('2024-03-05T10:15:47.902Z')
      expect(json.crash?.timeApprox).toBe(true)
      expect(json.crash?.time).toBe(Date.parse('2024-03-05T10:15:47.902Z'))
    },
  )

  it('keeps a crash exact when its own line is dated (`kubectl logs --timestamps`)', async () => {
    const sample = fixture('go', 'gotfmt-nil-deref-signal0xb-go12.txt').split('\n')
    const base = Date.parse('2024-03-05T10:15:48.000Z')
    const stamped = sample.map(
      (line, i) => `${new Date(base + i).toISOString().replace('Z', '123456Z')} ${line}`,
    )
    const lines = [...LOG, ...stamped]
    const incident = await parseText(lines.join('\n'))
    const [crash] = incident.crashes
    const crashLine = lines.findIndex((l) => / panic: /.test(l))
    expect(crash.line).toBe(crashLine)
    expect(crash.time).toBeCloseTo(lastDatedBefore(lines, crashLine) + 0.123456, 3)
    expect(crash.timeApprox).toBeUndefined()
    expect(toIncidentJson(incident).crash?.timeApprox).toBe(false)
    expect(crashEventsAt(incident, crash.line)).toHaveLength(1)
  })

  it('leaves a crash without a time when nothing before it is dated', async () => {
    const incident = await parseText(fixture('rust', 'panic-index-backtrace1.txt'))
    expect(incident.crashes[0].time).toBeUndefined()
    expect(toIncidentJson(incident).crash?.timeIso).toBeNull()
    // Still an event, for the list; the charts need a time.
    expect(crashEventsAt(incident, incident.crashes[0].line)).toHaveLength(1)
  })

  it('keeps a kernel crash on its since-boot clock rather than an unrelated log line', async () => {
    const text = [...LOG, fixture('kernel', 'dmesg-raw.txt')].join('\n')
    const incident = await parseText(text)
    expect(incident.crashes.length).toBeGreaterThan(0)
    for (const crash of incident.crashes) expect(crash.time).toBeUndefined()
  })
})

describe('LineClock', () => {
  it('answers the last dated line at or before a line, exact only on the line itself', () => {
    const clock = new LineClock(4)
    expect(clock.timeAt(5)).toBeNull()
    for (const [line, time] of [
      [2, 200],
      [4, 400],
      [7, 700],
      [8, 800],
      [11, 1100],
    ])
      clock.note(line, time)
    expect(clock.timeAt(7)).toEqual({ time: 700, exact: true })
    expect(clock.timeAt(9)).toEqual({ time: 800, exact: false })
    expect(clock.timeAt(50)).toEqual({ time: 1100, exact: false })
    // Line 2 fell out of the ring of 4: the earliest held time, never exact.
    expect(clock.timeAt(3)).toEqual({ time: 400, exact: false })
  })
})

// The Go dumps our generator writes (a real Go 1.19 program) log through
// `log.New(os.Stderr, "edgeproxy: ", ...)` before they panic. The logger prints its prefix
// before the date, and those lines, the watchdog's among them, were taken for no format.
describe('a Go service that logs with a prefix, then panics', () => {
  it('has its log lines as events and its panic timed by the last of them', async () => {
    const text = fixture('go', 'local-go119-gen-dump-n300-wait61s.txt')
    const lines = text.split('\n')
    const PREFIXED = /^\w+: (\d{4})\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d\.\d+) /
    const dated = lines.flatMap((l, i) => {
      const m = PREFIXED.exec(l)
      return m ? [{ i, time: Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}Z`) }] : []
    })
    expect(dated.length).toBeGreaterThan(1)
    const incident = await parseText(text)
    expect(incident.sources[0].unrecognizedLines).toBe(0)
    const e = incident.events
    const logged = Array.from({ length: e.length }, (_, k) => k).filter(
      (k) => e.kind[k] !== EventKind.crash,
    )
    expect(logged.map((k) => [e.line[k], Math.floor(e.time[k])])).toEqual(
      dated.map((d) => [d.i, Math.floor(d.time)]),
    )
    const crash = incident.crashes[0]
    expect(Math.floor(crash.time!)).toBe(Math.floor(dated[dated.length - 1].time))
    expect(crash.timeApprox).toBe(true)
  })
})

// A Go service's zap JSON lines, then its panic: the time is inside the line, under a key.
describe('a crash after JSON log lines', () => {
  it('takes the last JSON line’s time, approximate', async () => {
    const json = [
      '{"level":"info","ts":"2024-03-05T10:14:02.113Z","msg":"serving"}',
      '{"level":"warn","ts":"2024-03-05T10:15:47.902Z","msg":"request latency p99=2.4s"}',
    ]
    const text = [...json, fixture('go', 'gotfmt-nil-deref-signal0xb-go12.txt')].join('\n')
    const incident = await parseText(text)
    const crash = incident.crashes[0]
    expect(crash.line).toBeGreaterThanOrEqual(json.length)
    expect(crash.time).toBe(Date.parse('2024-03-05T10:15:47.902Z'))
    expect(crash.timeApprox).toBe(true)
  })
})
