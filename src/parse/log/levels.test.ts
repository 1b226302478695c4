import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Level } from '../../model/types'
import { detectLevel, levelFromWord } from './levels'

describe('detectLevel', () => {
  // [name, line, column where the message starts, level]
  it.each([
    [
      'Datadog agent | ERROR |',
      '2015-03-14 08:23:33 UTC | ERROR | dd.collector |',
      23,
      Level.error,
    ],
    [
      'seed 003 lowercase first word',
      '2014-06-24 19:50:53 info:76c0b38e METRICS: goroutines: 9',
      19,
      Level.info,
    ],
    ['Python logging :DEBUG:', '2012-07-02 10:22:40,672:DEBUG:foo bar baz', 23, Level.debug],
    ['WARN', '2014-10-08 16:56:38,344:WARN:foo bar baz', 23, Level.warn],
    [
      'after a pid, not INFOrmative',
      '2015-04-24T21:09:39.296 25376]ERROR:somemodule:Something very INFOrmative.',
      23,
      Level.error,
    ],
    [
      'lowercase err first word',
      '2015-04-24T21:08:10.313913+00:00 err rbd  [22968]lotuscreds:x',
      32,
      Level.error,
    ],
    ['bracketed [ERROR]', '2024/01/01 00:00:00 [ERROR] failed', 19, Level.error],
    ['bracketed [error] (nginx)', '2024/01/01 00:00:00 [error] 123#0: *1 open()', 19, Level.error],
    ['java INFO', '2025-01-24T07:00:30,139 INFO [main   ] Version', 23, Level.info],
    ['postgres LOG', '2025-08-13 01:45:01.123 PDT [12345] LOG:  starting', 27, Level.info],
    ['postgres FATAL', '2025-08-13 01:45:01.123 PDT [12345] FATAL:  role', 27, Level.fatal],
    ['CRIT', 'Nov 22 18:35:01 host app: CRIT disk full', 15, Level.fatal],
    ['zerolog console INF', '2024-03-14T08:23:34Z INF request ok latency_ms=80', 20, Level.info],
    ['zerolog console WRN', '2024-03-14T08:23:35Z WRN slow latency_ms=900', 20, Level.warn],
    ['zerolog console DBG', '2024-03-14T08:23:36Z DBG cache miss key=a', 20, Level.debug],
    ['zerolog console TRC', '2024-03-14T08:23:36Z TRC enter', 20, Level.trace],
    ['zerolog console FTL', '2024-03-14T08:23:37Z FTL cannot bind port=80', 20, Level.fatal],
    ['zerolog console PNC', '2024-03-14T08:23:37Z PNC boom', 20, Level.fatal],
    ['PANIC', '2024-01-01 00:00:00 PANIC something', 19, Level.fatal],
    ['EMERG', '2024-01-01 00:00:00 [EMERG] x', 19, Level.fatal],
    ['ALERT', '2024-01-01 00:00:00 ALERT x', 19, Level.fatal],
    ['NOTICE', '2024-01-01 00:00:00 NOTICE x', 19, Level.info],
    ['TRACE', '2024-01-01 00:00:00 TRACE x', 19, Level.trace],
    [
      'WARNING in ANSI colour',
      '2024-04-25T05:32:35.600215839Z \x1b[31m\x1b[1mWARNING: This is',
      30,
      Level.warn,
    ],
    ['klog E', 'E1122 18:35:01.123456 12345 file.go:12] boom', 21, Level.error],
    ['klog W', 'W1122 18:35:01.123456 12345 file.go:12] hmm', 21, Level.warn],
    ['klog I', 'I1122 18:35:01.123456 12345 file.go:12] ok', 21, Level.info],
    ['klog F', 'F1122 18:35:01.123456 12345 file.go:12] dead', 21, Level.fatal],
    ['syslog <3>', '<3>Nov 22 18:35:01 host x', 0, Level.error],
    ['syslog <12> (warning)', '<12>Nov 22 18:35:01 host x', 0, Level.warn],
    ['syslog <2> (crit)', '<2>Nov 22 18:35:01 host x', 0, Level.fatal],
    ['logfmt level=error', 'ts=2024-01-01T00:00:00Z level=error msg=x', 0, Level.error],
    ['logfmt lvl=warn', 'ts=2024-01-01T00:00:00Z lvl=warn msg=x', 0, Level.warn],
    ['JSON "level":"error"', '{"level":"error","ts":1700000000}', 0, Level.error],
    ['JSON "lvl": "DEBUG5"', '{"ts": "2013-09-06T22:00:59Z", "lvl": "DEBUG5"}', 0, Level.debug],
    ['bunyan 50', '{"name":"x","level":50,"msg":"y"}', 0, Level.error],
    ['bunyan 20', '{"name":"x","level":20,"msg":"y"}', 0, Level.debug],
    ['Nextcloud 3', '{"reqId":"x","level":3,"time":"2023-10-01T02:39:09+00:00"}', 0, Level.error],
    ['journald PRIORITY', '{ "__REALTIME_TIMESTAMP" : "1", "PRIORITY" : "1" }', 0, Level.fatal],
    [
      'MongoDB "s":"W"',
      '{"t":{"$date":"2026-03-10T20:58:10.004+00:00"},"s":"W",  "c":"STORAGE"}',
      0,
      Level.warn,
    ],
    ['no level', '2024-01-01 00:00:00 something happened', 19, Level.none],
    ['not a level word mid-sentence', '2024-01-01 00:00:00 user reported an error', 19, Level.none],
    ['empty', '', 0, Level.none],
  ])('%s', (_name, line, from, level) => {
    expect(detectLevel(line, from)).toBe(level)
  })

  it.each([
    ['ERROR', Level.error],
    ['Warning', Level.warn],
    ['DEBUG3', Level.debug],
    ['STATS', Level.none],
    ['I', Level.info],
    ['x', Level.none],
  ])('levelFromWord(%s)', (word, level) => {
    expect(levelFromWord(word)).toBe(level)
  })

  // The field and word readers match in place by char codes; these are the slicing,
  // lowercasing and per-key searching readers they replaced, kept as the reference.
  const WORDS = new Map<string, Level>([
    ...(['trace'] as const).map((w) => [w, Level.trace] as const),
    ...(['debug'] as const).map((w) => [w, Level.debug] as const),
    ...(['info', 'information', 'notice', 'log'] as const).map((w) => [w, Level.info] as const),
    ...(['warn', 'warning'] as const).map((w) => [w, Level.warn] as const),
    ...(['error', 'err', 'severe'] as const).map((w) => [w, Level.error] as const),
    ...(['fatal', 'crit', 'critical', 'panic', 'emerg', 'emergency', 'alert'] as const).map(
      (w) => [w, Level.fatal] as const,
    ),
  ])
  const LETTERS: Record<string, Level> = {
    I: Level.info,
    W: Level.warn,
    E: Level.error,
    F: Level.fatal,
    D: Level.debug,
  }
  const SYSLOG = [0, 0, 0, 1, 2, 3, 3, 4].map(
    (i) => [Level.fatal, Level.error, Level.warn, Level.info, Level.debug][i],
  )
  function referenceWord(word: string): Level {
    const w = word.replace(/[0-9]+$/, '')
    if (w.length === 1) return LETTERS[w] ?? Level.none
    return WORDS.get(w.toLowerCase()) ?? Level.none
  }
  function referenceNumber(n: number): Level {
    if (n >= 10) return n < 20 ? 1 : n < 30 ? 2 : n < 40 ? 3 : n < 50 ? 4 : n < 60 ? 5 : 6
    return [Level.debug, Level.info, Level.warn, Level.error, Level.fatal][n] ?? Level.none
  }
  function referenceField(line: string): Level {
    if (!line.includes('=') && !line.includes('"')) return Level.none
    for (const key of ['level', 'lvl', 'severity', 'PRIORITY', '"s"']) {
      for (let at = line.indexOf(key); at >= 0; at = line.indexOf(key, at + 1)) {
        const before = at === 0 ? ' ' : line[at - 1]
        if (!' "{,'.includes(before) && key[0] !== '"') continue
        let i = at + key.length
        if (line[i] === '"' && key[0] !== '"') i++
        while (line[i] === ' ') i++
        if (line[i] !== '=' && line[i] !== ':') continue
        i++
        while (line[i] === ' ') i++
        if (line[i] === '"') i++
        const value = /^[0-9A-Za-z]{1,16}/.exec(line.slice(i))?.[0]
        if (!value) continue
        const level = /^[0-9]+$/.test(value)
          ? key === 'PRIORITY'
            ? SYSLOG[+value & 7]
            : referenceNumber(+value)
          : referenceWord(value)
        if (level !== Level.none) return level
      }
    }
    return Level.none
  }

  it('reads fields and words as the slicing reference does', () => {
    const piece = fc.oneof(
      fc.constantFrom('level', 'lvl', 'severity', 'PRIORITY', '"s"', 'xlevel', 'LEVEL'),
      fc.constantFrom('=', ':', ' ', '"', '{', ',', ' = ', '" : "', 'x', '\u0130'),
      fc.constantFrom('error', 'WARN', 'Info', 'DEBUG5', 'E', 'w', '50', '3', '12', '7x', 'errors'),
      fc.string({ maxLength: 4 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        // A leading space keeps the klog and syslog checks out: only the field is read.
        const line = ' ' + pieces.join('')
        expect(detectLevel(line, line.length)).toBe(referenceField(line))
      }),
      { numRuns: 5000 },
    )
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 14 }), fc.constantFrom(...WORDS.keys())), (w) => {
        const word = w.replace(/[^A-Za-z0-9]/g, '')
        expect(levelFromWord(word)).toBe(referenceWord(word))
      }),
    )
  })
})
