import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SAMPLE_YEAR } from './timestamp-fields'
import { TIMESTAMP_PATTERNS } from './timestamp-patterns'
import { TimestampReader, type TimestampMatch } from './timestamps'

const utc = (iso: string) => Date.parse(iso) // test-side only: fixed ISO strings

/** What a match says of its line. */
const fields = (m: TimestampMatch) => [m.time, m.relative, m.start, m.end, m.pattern]
/** What a reader keeps of a source's dates, and the pattern it tries first. */
const dates = (r: TimestampReader) => [
  r.year,
  r.lastMonth,
  r.day,
  r.lastClock,
  r.inferred,
  r.firstInferredYear,
  r.lastInferred,
  r.dated,
  r.lockedPattern,
]

function detect(line: string, reader = new TimestampReader({ referenceYear: 2026 })) {
  return reader.read(line)
}

describe('timestamp patterns', () => {
  const samples = TIMESTAMP_PATTERNS.flatMap((p) =>
    p.samples.map((sample) => ({ pattern: p.name, ...sample })),
  )

  it('have a unique name and samples each', () => {
    const names = TIMESTAMP_PATTERNS.map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
    for (const p of TIMESTAMP_PATTERNS) expect(p.samples.length, p.name).toBeGreaterThan(0)
  })

  // A pattern that stops reading its samples, or a pattern earlier in the table that starts
  // taking another's lines, fails here.
  it.each(samples)('$pattern reads $line', ({ pattern, line, time, text, as }) => {
    const reader = new TimestampReader({ referenceYear: SAMPLE_YEAR })
    const m = reader.read(line)
    expect(m).not.toBeNull()
    expect(reader.lockedPattern).toBe(pattern)
    expect(m!.pattern).toBe(as ?? pattern)
    if (typeof time === 'string') {
      expect(m!.relative).toBe(false)
      expect(Math.floor(m!.time)).toBe(utc(time))
    } else {
      expect(m!.relative).toBe(true)
      expect(m!.time).toBeCloseTo(time, 3)
    }
    if (text !== undefined) expect(line.slice(m!.start, m!.end)).toBe(text)
  })
})

describe('TimestampReader', () => {
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
    const reader = new TimestampReader({ referenceYear: 2013 })
    const times = [
      'Dec  3 09:23:38 veridian automount[7998]: lookup',
      'Dec 31 23:59:59 veridian x',
      'Jan  3 09:47:02 veridian sudo: timstack',
      'Feb  1 00:00:00 veridian x',
    ].map((l) => new Date(reader.read(l)!.time).toISOString())
    expect(times).toEqual([
      '2013-12-03T09:23:38.000Z',
      '2013-12-31T23:59:59.000Z',
      '2014-01-03T09:47:02.000Z',
      '2014-02-01T00:00:00.000Z',
    ])
  })

  it('keeps the year when months go back a little (reordered lines, DST)', () => {
    const reader = new TimestampReader({ referenceYear: 2020 })
    reader.read('Mar  3 01:01:03 host x')
    expect(new Date(reader.read('Feb 28 01:00:00 host x')!.time).getUTCFullYear()).toBe(2020)
  })

  it('infers the klog year across Dec -> Jan', () => {
    const reader = new TimestampReader({ referenceYear: 2025 })
    reader.read('I1231 23:59:59.000000 1 a.go:1] x')
    const m = reader.read('W0101 00:00:01.000000 1 a.go:1] x')
    expect(new Date(m!.time).toISOString()).toBe('2026-01-01T00:00:01.000Z')
  })

  it('takes the year of syslog lines from a dated line before them', () => {
    const reader = new TimestampReader({ referenceYear: 2000 })
    reader.read('2019-06-01T00:00:00Z start')
    const m = reader.read('Jun  2 10:00:00 host x')
    expect(new Date(m!.time).toISOString()).toBe('2019-06-02T10:00:00.000Z')
  })

  it('defaults the reference year to the current year', () => {
    const m = new TimestampReader().read('Nov 22 18:35:01 host x')
    expect(new Date(m!.time).getUTCFullYear()).toBe(new Date().getUTCFullYear())
  })

  it('dates a bcc [HH:MM:SS] by the last absolute timestamp and steps over midnight', () => {
    const reader = new TimestampReader()
    reader.read('2024-02-03 23:59:00 memleak started')
    const a = reader.read('[23:59:30] Top 10 stacks')
    const b = reader.read('[00:00:05] Top 10 stacks')
    expect(a?.relative).toBe(false)
    expect(new Date(a!.time).toISOString()).toBe('2024-02-03T23:59:30.000Z')
    expect(new Date(b!.time).toISOString()).toBe('2024-02-04T00:00:05.000Z')
  })

  it('locks onto the pattern of the previous line', () => {
    const reader = new TimestampReader()
    reader.read('Nov 22 18:35:01 host x')
    expect(reader.lockedPattern).toBe('syslog')
    reader.read('no time')
    expect(reader.lockedPattern).toBe('syslog')
    reader.read('2024-01-01 00:00:00 x')
    expect(reader.lockedPattern).toBe('iso')
  })

  it("'start' scope skips patterns that search inside the line", () => {
    const reader = new TimestampReader()
    expect(reader.read('level=info ts=2024-01-02T03:04:05Z', 'start')).toBeNull()
    expect(reader.read('level=info ts=2024-01-02T03:04:05Z')).not.toBeNull()
  })

  it('never throws and keeps the match inside the line (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (a, b) => {
        const reader = new TimestampReader({ referenceYear: 2024 })
        for (const line of [
          a,
          '2024-01-01 00:00:00' + a,
          'Nov 22 18:35:01' + b + a,
          '{"ts":' + a,
        ]) {
          const m = reader.read(line)
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

describe('TimestampReader of one source', () => {
  // Each source (and the log regions in it) reads with a reader of its own: what another
  // reader read must not change what this one reads or remembers.
  const dir = new URL('./__fixtures__/', import.meta.url)
  const lines = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => readFileSync(new URL(name, dir), 'utf8').split('\n'))
    .concat(TIMESTAMP_PATTERNS.flatMap((p) => p.samples.map((sample) => sample.line)))

  it('reads alike whatever other readers read in between', () => {
    const alone = new TimestampReader({ referenceYear: 2020 })
    const interleaved = new TimestampReader({ referenceYear: 2020 })
    const other = new TimestampReader({ referenceYear: 2001 })
    for (const line of lines) {
      other.read(line, 'start')
      const a = interleaved.read(line)
      other.read(line)
      expect(a).toEqual(alone.read(line))
      expect(interleaved).toEqual(alone)
    }
    expect(alone.lockedPattern).not.toBeNull()
  })

  // The scanner reads a line's timestamp, then its log region's reader reads the same line:
  // the second read takes what the first read, and must end as a read of its own would.
  it('reads a line alike when another reader has just read it', () => {
    const own = new TimestampReader({ referenceYear: 2020 })
    const after = new TimestampReader({ referenceYear: 2020 })
    const other = new TimestampReader({ referenceYear: 2001 })
    let dated = 0
    for (const line of lines) {
      new TimestampReader().read('2001-01-01 00:00:00 another line')
      const m = own.read(line)
      other.read(line)
      expect(after.read(line)).toEqual(m)
      expect(after).toEqual(own)
      if (m?.pattern === 'iso') dated++
    }
    expect(dated).toBeGreaterThan(10)
  })

  // The scanner reads each line's time with its reader, then the line's log region follows it
  // with its own (`follow`): the region's reader must answer and end as if it read the line,
  // though the scanner's reader read other lines before (other regions, prefixes, 'start'
  // reads) and so locks onto other patterns and infers other years.
  it('follows another reader as if it read each line itself (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...lines),
      fc.constantFrom(
        '2024-12-31T23:59:59.5Z x',
        '2025-01-01 00:00:01 y level=info',
        'Dec 31 23:59:59 host x',
        'Jan  1 00:00:02 host y',
        'I0101 00:00:03.000000 1 a.go:1] z',
        '[00:00:04] Top 10 stacks',
        '<3>Jan  1 00:00:05 host w',
        'ts=2023-05-05T05:05:05Z msg=x',
        '{"time":"2022-02-02T02:02:02Z"}',
        'no time at all',
        '',
      ),
      fc.string({ maxLength: 40 }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(piece, fc.constantFrom('both', 'scanner', 'start')), {
          maxLength: 60,
        }),
        (steps) => {
          const scanner = new TimestampReader({ referenceYear: 2019 })
          const region = new TimestampReader({ referenceYear: 2023 })
          const alone = new TimestampReader({ referenceYear: 2023 })
          for (const [line, who] of steps) {
            if (who === 'start') scanner.read(line, 'start')
            if (who !== 'both') {
              scanner.read(line)
              continue
            }
            const seen = scanner.read(line)
            const m = region.follow(line, seen)
            const own = alone.read(line)
            expect(m === null ? null : fields(m)).toEqual(own === null ? null : fields(own))
            expect(dates(region)).toEqual(dates(alone))
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('takes the lines of a log from the other reader once both read them alike', () => {
    const scanner = new TimestampReader()
    const region = new TimestampReader()
    scanner.read('Nov 22 18:35:01 host x')
    const log = ['2026-03-14T00:00:00.029Z INFO x', '2026-03-14T00:00:00.031Z WARN y']
    const taken = log.map((line) => {
      const seen = scanner.read(line)
      return region.follow(line, seen) === seen
    })
    // The first line is read (the region's reader locks onto nothing yet), the next taken.
    expect(taken).toEqual([false, true])
    // A syslog line's year depends on the reader: read, not taken.
    const line = 'Nov 22 18:35:02 host x'
    scanner.read(line)
    const seen = scanner.read(line)
    expect(region.follow(line, seen)).not.toBe(seen)
  })

  it('agrees with Date.parse on a run of RFC 3339 times read in order (property)', () => {
    // One reader keeps the last date's midnight: times of one day, of the next, and of another
    // year must all come out as Date.parse reads them.
    fc.assert(
      fc.property(
        fc.array(
          fc.date({
            min: new Date('1971-01-01Z'),
            max: new Date('2100-01-01Z'),
            noInvalidDate: true,
          }),
          { minLength: 1, maxLength: 20 },
        ),
        fc.nat({ max: 3 * 86_400_000 }),
        (dates, step) => {
          const reader = new TimestampReader()
          for (const date of dates.flatMap((d) => [d, new Date(d.getTime() + step)])) {
            if (date.getUTCFullYear() >= 10_000) continue
            const line = date.toISOString().replace('T', ' ') + ' x'
            expect(reader.read(line)!.time).toBe(date.getTime())
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
