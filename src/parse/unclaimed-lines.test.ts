import { describe, expect, it } from 'vitest'
import type { Incident } from '../model/types'
import { EventKind } from '../model/types'
import { parseText } from '../test/incident-snapshot'

/**
 * A crash's first line that a log printed on its own (`panic: boom` from a recover handler, an
 * exception's `toString()`) is followed by the log's next lines, not by the crash's message.
 * Each reader takes such lines only until it sees they are not its own, and gives them back
 * (`RegionReader.unclaimed`): every log line stays a log event, and no crash message quotes
 * the log.
 */

const LOG_LINES = 25

/** A log line, the opener, then LOG_LINES timestamped ERROR lines; `prefix` before every line. */
function logAround(opener: string, prefix = ''): string {
  const lines = [`${prefix}2026-12-01T10:00:00Z INFO starting job`, `${prefix}${opener}`]
  for (let i = 1; i <= LOG_LINES; i++)
    lines.push(`${prefix}2026-12-01T10:00:${String(i).padStart(2, '0')}Z ERROR retry ${i} failed`)
  return lines.join('\n') + '\n'
}

/** The 0-based lines of the input the timeline has a log event for. */
function logEventLines(incident: Incident): number[] {
  const e = incident.events
  const out: number[] = []
  for (let i = 0; i < e.length; i++) if (e.kind[i] === EventKind.log) out.push(e.line[i])
  return out.sort((a, b) => a - b)
}

/** The lines of `text` that start with a timestamp (0-based), as grep -n would find them. */
function stampedLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (/^2026-12-01T/.test(line) ? [i] : []))
}

const OPENERS = [
  'panic: boom',
  'fatal error: all goroutines are asleep - deadlock!',
  'SIGSEGV: segmentation violation',
  'WARNING: DATA RACE',
  'java.net.ConnectException: Connection refused',
  'Exception in thread "main" java.lang.RuntimeException: x',
  'Error: boom',
  'ValueError: bad',
  'Traceback (most recent call last):',
  '==123==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010',
]

describe('lines a crash reader takes and gives back', () => {
  for (const opener of OPENERS) {
    it(`keeps every log line after a lone "${opener}"`, async () => {
      const text = logAround(opener)
      const incident = await parseText(text)
      expect(logEventLines(incident)).toEqual(stampedLines(text))
      for (const crash of incident.crashes) expect(crash.message).not.toMatch(/retry \d+ failed/)
      // The log resumes right after the opener, or takes it back too.
      const regions = incident.sources[0].regions
      const last = regions[regions.length - 1]
      expect(last).toMatchObject({ format: 'log', lastLine: LOG_LINES + 1 })
      expect(last.firstLine).toBeLessThanOrEqual(2)
    })
  }

  it('gives back the lines after a Rust panic message line that no note followed', async () => {
    // A 1.73+ header always has its message on the next line, which stays the message.
    const text = logAround("thread 'main' panicked at src/main.rs:2:5:")
    const incident = await parseText(text)
    expect(logEventLines(incident)).toEqual(stampedLines(text).filter((line) => line !== 2))
    expect(incident.crashes.map((c) => c.message)).toEqual([
      '2026-12-01T10:00:01Z ERROR retry 1 failed',
    ])
  })

  for (const opener of ['java.net.ConnectException: Connection refused', 'Error: boom']) {
    it(`gives the whole region back to the log after a lone "${opener}"`, async () => {
      // The log the region closed resumes: the line is its message's continuation, as if no
      // region had opened, and the log is one region from its first line to its last.
      const text = logAround(opener)
      const incident = await parseText(text)
      const lines = text.split('\n').length - 1
      expect(incident.sources[0].regions).toEqual([
        { format: 'log', firstLine: 0, lastLine: lines - 1 },
      ])
      expect(incident.sources[0].unrecognizedLines).toBe(0)
      expect(logEventLines(incident)).toEqual(stampedLines(text))
      expect(incident.crashes).toEqual([])
    })
  }

  it('gives a prefixed `panic:` that nothing confirms back to the log, lines after it too', async () => {
    const text = logAround('2026-12-01T10:00:00Z ERROR panic: boom')
    const incident = await parseText(text)
    expect(logEventLines(incident)).toEqual(stampedLines(text))
    expect(incident.crashes).toEqual([])
    expect(new Set(incident.sources[0].regions.map((r) => r.format))).toEqual(new Set(['log']))
  })

  it('keeps a Go panic message that a blank line and a goroutine confirm', async () => {
    const text = [
      'panic: first line',
      'second line',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/app/main.go:7 +0x25',
      '',
    ].join('\n')
    const incident = await parseText(text)
    expect(incident.crashes.map((c) => c.message)).toEqual(['first line\nsecond line'])
    expect(incident.sources[0].regions).toEqual([{ format: 'go', firstLine: 0, lastLine: 5 }])
  })

  it('keeps a Java message line that a frame follows', async () => {
    const text = [
      'Exception in thread "main" java.lang.IllegalStateException: first line',
      'second line',
      '\tat com.example.App.main(App.java:12)',
      '',
    ].join('\n')
    const incident = await parseText(text)
    expect(incident.crashes.map((c) => c.message)).toEqual([
      'java.lang.IllegalStateException: first line\nsecond line',
    ])
  })

  it('keeps the lines of a Rust panic message that its note confirms', async () => {
    const text = [
      "thread 'main' panicked at src/main.rs:2:5:",
      'first line',
      'second line',
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
      '',
    ].join('\n')
    const incident = await parseText(text)
    expect(incident.crashes.map((c) => c.message)).toEqual(['first line\nsecond line'])
  })

  it.each([
    [
      'java.lang.IllegalStateException: a',
      'java.lang.RuntimeException: b',
      '\tat com.example.App.main(App.java:12)',
    ],
    ['Error: a', 'TypeError: b', '    at main (/app/index.js:3:9)'],
  ])(
    "does not take a second header as the first one's message: %s",
    async (first, second, frame) => {
      const incident = await parseText([first, second, frame, ''].join('\n'))
      expect(incident.crashes.map((c) => c.message)).toEqual([second])
      // The lone first header is no crash, and no region keeps it.
      expect(incident.sources[0].regions[0].firstLine).toBe(1)
    },
  )

  it('gives back the log line a Go stack tolerated when the region ends on it', async () => {
    const text = [
      'panic: boom',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/app/main.go:7 +0x25',
      '2026-12-01T10:00:01Z INFO supervisor restarting',
      '2026-12-01T10:00:02Z INFO started',
    ].join('\n')
    const incident = await parseText(text)
    expect(logEventLines(incident)).toEqual(stampedLines(text))
    expect(incident.sources[0].regions[0]).toEqual({ format: 'go', firstLine: 0, lastLine: 4 })
    expect(incident.records.length).toBe(1)
  })

  it('ends a race report after twenty lines of no report, and gives them back', async () => {
    // A race report interleaved with a line or two of test output keeps them; a header
    // followed by a file of other text is not held open, with every line kept, to the end.
    const junk = Array.from({ length: 1000 }, (_, i) => `junk line ${i}`)
    const incident = await parseText(['WARNING: DATA RACE', ...junk, ''].join('\n'))
    const source = incident.sources[0]
    expect(source.regions).toEqual([{ format: 'go', firstLine: 0, lastLine: 0 }])
    expect(source.unrecognizedLines).toBe(junk.length)
  })

  it('gives back lines in a region that the lines it gave back open', async () => {
    // The Java header is among the lines the panic gives back: it opens a region of its own,
    // which gives back the log lines after it in turn.
    const text = [
      'panic: first',
      '2026-12-01T10:00:01Z INFO a log line',
      'java.net.ConnectException: Connection refused',
      ...Array.from({ length: 24 }, (_, i) => `2026-12-01T10:00:02Z ERROR retry ${i} failed`),
    ].join('\n')
    const incident = await parseText(text)
    expect(logEventLines(incident)).toEqual(stampedLines(text))
    expect(incident.crashes.map((c) => c.message)).toEqual(['first'])
  })
})
