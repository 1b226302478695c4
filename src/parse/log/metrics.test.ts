import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../../model/builder'
import { isMetricKey } from './metric-keys'
import { extractMetrics, extractMetricsOfBytes, selectMetricSeries } from './metrics'

function metrics(text: string, from = 0): [string, number, string | undefined][] {
  const out: [string, number, string | undefined][] = []
  extractMetrics(text, from, (name, value, unit) => out.push([name, value, unit]))
  return out
}

// Seed 003: the instrumented server's metrics line, as printed in the postmortem.
const seed003 = readFileSync(
  new URL('./__fixtures__/seed003-metrics-restart.txt', import.meta.url),
  'utf8',
).split('\n')[0]

describe('extractMetrics', () => {
  it('reads the seed 003 METRICS line with no configuration', () => {
    expect(seed003).toBe(
      '2014-06-24 19:50:53 info:76c0b38e METRICS: goroutines: 9, cgo: 40, alloc: 7377040, totalAlloc: 54761416, heapAlloc: 7377040',
    )
    expect(metrics(seed003, 19)).toEqual([
      ['goroutines', 9, undefined],
      ['cgo', 40, undefined],
      ['alloc', 7377040, undefined],
      ['totalAlloc', 54761416, undefined],
      ['heapAlloc', 7377040, undefined],
    ])
  })

  it.each([
    [
      'logfmt',
      'msg=done took=12.5ms size=4KiB',
      [
        ['took', 12.5, 'ms'],
        ['size', 4096, 'B'],
      ],
    ],
    ['seconds become ms', 'gc pause=1.5s', [['pause', 1500, 'ms']]],
    ['microseconds', 'latency=250us', [['latency', 0.25, 'ms']]],
    [
      'percent',
      'cpu_usage: 37% mem=12.5%',
      [
        ['cpu_usage', 37, '%'],
        ['mem', 12.5, '%'],
      ],
    ],
    ['MB', 'rss: 512MB', [['rss', 512e6, 'B']]],
    [
      'a unit after a space',
      'latency: 120 ms, queue: 4',
      [
        ['latency', 120, 'ms'],
        ['queue', 4, undefined],
      ],
    ],
    [
      'JSON numbers',
      '{"durationMillis":120,"connectionCount":22461,"ratio":-0.5}',
      [
        ['durationMillis', 120, undefined],
        ['connectionCount', 22461, undefined],
        ['ratio', -0.5, undefined],
      ],
    ],
    ['quoted logfmt number', 'queue="17"', [['queue', 17, undefined]]],
    [
      'first occurrence of a key only',
      '{"a1":{"n":1},"b1":{"fileCount":1},"c1":{"fileCount":2}}',
      [['fileCount', 1, undefined]],
    ],
  ])('%s', (_name, line, expected) => {
    expect(metrics(line)).toEqual(expected)
  })

  it.each([
    ['hex ids', 'info:76c0b38e commit=598e0338d5374d6bc404b02a58094132c5eeceb8'],
    ['zero padded', 'commit=00000000 code=007'],
    ['ids', 'pid=1 id: 51803 connectionId=162095 reqId=42 request_id=7'],
    ['ports and IPs', 'host=192.168.1.100 port=51762 remote: 10.29.42.162:56982'],
    ['host:port', 'Creating connection to <zoo-ts_one:2181> with namespace'],
    ['file:line', 'E1122 18:35:01.123456 12345 file.go:12] boom'],
    ['versions', 'version=11.5.2 redis version=7.2.0'],
    ['clocks and times', 'session time: 0:00:02.112 ts=1700000000 time=12'],
    ['years', 'year=2024'],
    ['unknown units', 'other=5s2 count=12abc'],
    ['URLs', 'url=http://elasticsearch:9200/nextcloud'],
    ['escaped JSON in a string', '{"request":"{\\"Uriport\\":9200}"}'],
    ['dates', 'date=2024-01-02'],
  ])('skips %s', (_name, line) => {
    expect(metrics(line)).toEqual([])
  })

  // A key is first looked for where the line before had one: a longer key ending in it, a
  // shorter one it ends in, or one at the line's start must still be read whole.
  it('reads the keys of each line after lines of the same shape', () => {
    const lines: [string, number, [string, number, string | undefined][]][] = [
      [
        'a duration=5ms bytes=10',
        0,
        [
          ['duration', 5, 'ms'],
          ['bytes', 10, undefined],
        ],
      ],
      [
        'a xduration=6ms bytes=11',
        0,
        [
          ['xduration', 6, 'ms'],
          ['bytes', 11, undefined],
        ],
      ],
      [
        'a ration=7ms xbytes=12',
        0,
        [
          ['ration', 7, 'ms'],
          ['xbytes', 12, undefined],
        ],
      ],
      [
        'ration=8ms bytes=13',
        0,
        [
          ['ration', 8, 'ms'],
          ['bytes', 13, undefined],
        ],
      ],
      [
        'xration=9ms bytes=14',
        1,
        [
          ['ration', 9, 'ms'],
          ['bytes', 14, undefined],
        ],
      ],
      ['a 9ration=1 status=200 bytes=15', 0, [['bytes', 15, undefined]]],
      [
        'a ration=2 bytes=16',
        0,
        [
          ['ration', 2, undefined],
          ['bytes', 16, undefined],
        ],
      ],
    ]
    for (const [line, from, expected] of lines) expect(metrics(line, from), line).toEqual(expected)
  })

  it('stops at MAX_METRICS_PER_LINE', () => {
    const line = Array.from({ length: 100 }, (_, i) => `k${i}=${i}`).join(' ')
    expect(metrics(line)).toHaveLength(32)
  })

  it('reads units written with µ, and a non-ASCII word is no unit', () => {
    expect(metrics('gc took=12µs pause=3 µs wait=5ñs')).toEqual([
      ['took', 0.012, 'ms'],
      ['pause', 0.003, 'ms'],
    ])
  })

  it('reads a line in the bytes of its chunk as in its own text', () => {
    const lines = [
      '2026-03-14T00:00:00.029Z INFO  runtime stats goroutines=250 heap_alloc=186MB gc=2.01ms',
      '{"ts":1,"durationMillis":120,"msg":"x=\\"Uriport\\":9200"} size: 4KiB',
      'line with no separators at all',
      'took=5s2 ids=0042 big=12345678901234567 neg=-3.5 pct="37%" q="12 ms"',
    ]
    const chunk = new TextEncoder().encode(lines.join('\n') + '\n')
    let start = 0
    for (const line of lines) {
      const fromBytes: [string, number, string | undefined][] = []
      extractMetricsOfBytes(chunk, start, start + line.length, (name, value, unit) =>
        fromBytes.push([name, value, unit]),
      )
      expect(fromBytes).toEqual(metrics(line))
      start += line.length + 1
    }
    expect(metrics(lines[0], 24).map(([name]) => name)).toEqual(['goroutines', 'heap_alloc', 'gc'])
  })

  // Separators are searched four bytes at a time from an aligned byte: a line at any offset,
  // of any length and read from any column, must read as its own text does. (A search that
  // began past its line's last aligned word once went back before its start, and looped.)
  it('reads a line at every offset and from every column as in its own text (property)', () => {
    const piece = fc.constantFrom('a=1', ' ', 'x: 12ms', '=', ':', '"k":3.5', 'lag=4 batch', 'é')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.nat(7), (pieces, pad) => {
        const line = pieces.join('')
        const bytes = new TextEncoder().encode('#'.repeat(pad) + line + '\n')
        const end = bytes.length - 1
        for (let from = pad; from <= end; from++) {
          const fromBytes: [string, number, string | undefined][] = []
          extractMetricsOfBytes(bytes, from, end, (name, value, unit) =>
            fromBytes.push([name, value, unit]),
          )
          const text = new TextDecoder().decode(bytes.subarray(from, end))
          expect(fromBytes).toEqual(metrics(text))
        }
      }),
      { numRuns: 500 },
    )
  })

  // The key read on the line before is compared four bytes at a time, its last group masked
  // to its length, and byte by byte where the line ends its bytes: a key of any length that
  // differs from it in one byte, or is followed by other bytes, must be read as itself.
  it('tells a key from the one the line before read, at every length and at the end of its bytes (property)', () => {
    const letter = fc.constantFrom(...'abcxyz_')
    fc.assert(
      fc.property(
        fc.array(letter, { minLength: 2, maxLength: 13 }),
        fc.nat(12),
        letter,
        fc.nat(3),
        (chars, at, other, pad) => {
          const key = chars.join('')
          const changed = [...chars]
          changed[at % chars.length] = other
          const next = changed.join('')
          const read = (line: string) => {
            // The line ends its bytes: no room past the key for a four-byte read.
            const bytes = new TextEncoder().encode('#'.repeat(pad) + line + '\n')
            const out: string[] = []
            extractMetricsOfBytes(bytes, pad, bytes.length - 1, (name) => out.push(name))
            return out
          }
          const expected = (name: string) => (isMetricKey(name) ? [name] : [])
          const names = (line: string) => metrics(line).map(([name]) => name)
          expect(names(`t ${key}=1 ${key}x=2`)).toEqual([...expected(key), ...expected(`${key}x`)])
          expect(names(`t ${next}=1 ${next}y=2`)).toEqual([
            ...expected(next),
            ...expected(`${next}y`),
          ])
          expect(read(`t ${key}=1`)).toEqual(expected(key))
          expect(read(`t ${next}=1`)).toEqual(expected(next))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it.each([
    ['goroutines', true],
    ['durationMillis', true],
    ['connectionId', false],
    ['created_at', false],
    ['srcPort', false],
    ['x', false],
  ])('isMetricKey(%s)', (key, ok) => {
    expect(isMetricKey(key)).toBe(ok)
  })
})

describe('extractMetrics numbers', () => {
  // Numbers are read digit by digit; a value must be the very double that parsing the text
  // gives (a 1-ulp difference would split a chart's series or change a restart's label).
  it('reads the same double as Number() for any decimal', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        digits(0, 14),
        fc.option(digits(1, 12)),
        fc.constantFrom('', 'ms', 's', 'MB', '%', 'KiB', ' ms'),
        (negative, lead, rest, fraction, unit) => {
          const number =
            (negative ? '-' : '') + lead + rest.join('') + (fraction ? '.' + fraction.join('') : '')
          const found = metrics(`t=1 depth=${number}${unit} next`)
          const factor = { '': 1, ms: 1, ' ms': 1, s: 1000, MB: 1e6, '%': 1, KiB: 1024 }[unit]!
          expect(found).toHaveLength(1)
          expect(Object.is(found[0][1], Number(number) * factor)).toBe(true)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['-0', -0],
    ['0.1', 0.1],
    ['123456789012345', 123456789012345],
    ['12345678901.23456', 12345678901.23456],
    ['0.30000000000000004', 0.30000000000000004],
  ])('reads %s', (text, value) => {
    expect(Object.is(metrics(`depth=${text}`)[0][1], value)).toBe(true)
  })
})

describe('selectMetricSeries', () => {
  it('keeps metrics seen on two lines or printed three at a time, drops one-offs', () => {
    const b = new IncidentBuilder()
    b.beginSource('a.log', 0, '')
    b.addSeriesPoint('goroutines', 1, 9)
    b.addSeriesPoint('goroutines', 2, 250)
    b.addSeriesPoint('once', 3, 1)
    b.addSeriesPoint('cgo', 4, 40)
    b.addSeriesPoint('alloc', 4, 7377040)
    b.addSeriesPoint('heapAlloc', 4, 7377040)
    expect(selectMetricSeries(b.build()).map((s) => s.name)).toEqual([
      'goroutines',
      'cgo',
      'alloc',
      'heapAlloc',
    ])
  })
})
