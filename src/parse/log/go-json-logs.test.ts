import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../../model/types'
import { Level } from '../../model/types'
import { parseFixture } from '../../test/incident-snapshot'

/**
 * Logs of Go services as their loggers write them (zap, zerolog, logrus, slog), under
 * `docker compose logs`, and lines that start with epoch milliseconds. Each event's time and
 * level are checked against the line itself, read here with JSON.parse.
 */
const dir = new URL('./__fixtures__/', import.meta.url).pathname
const lines = (name: string) =>
  readFileSync(dir + name, 'utf8')
    .split('\n')
    .filter((l) => l !== '')

/** The time a JSON line states, in ms: a number by magnitude (s, ms, ns), or an ISO string. */
function statedTime(record: Record<string, unknown>): number {
  const t = record.ts ?? record.time
  if (typeof t === 'string') return Date.parse(t)
  const n = Number(t)
  return n < 1e11 ? n * 1000 : n < 1e14 ? n : n / 1e6
}

const LEVELS: Record<string, Level> = {
  info: Level.info,
  warn: Level.warn,
  warning: Level.warn,
  error: Level.error,
}

function eventsOf(incident: Incident) {
  const e = incident.events
  return Array.from({ length: e.length }, (_, i) => ({ time: e.time[i], level: e.level[i] }))
}

describe('Go JSON loggers', () => {
  it.each([
    'go-zap-production.txt',
    'go-zap-epoch-millis.txt',
    'go-zap-epoch-nanos.txt',
    'go-zerolog.txt',
    'go-zerolog-ms.txt',
    'go-logrus.txt',
    'go-slog.txt',
  ])('%s: one event per line at the time and level the line states', async (name) => {
    const incident = await parseFixture(dir + name)
    const stated = lines(name).map((l) => JSON.parse(l) as Record<string, unknown>)
    const events = eventsOf(incident)
    expect(events.length).toBe(stated.length)
    events.forEach((e, i) => {
      // Within a millisecond: the float `ts` carries more digits than a double keeps.
      expect(Math.abs(e.time - statedTime(stated[i]))).toBeLessThan(1)
      expect(e.level).toBe(LEVELS[String(stated[i].level).toLowerCase()])
    })
    expect(incident.sources[0].unrecognizedLines).toBe(0)
    // The `goroutines` field of each request line becomes a metric.
    const series = incident.series.find((s) => s.name === 'goroutines')
    expect([...(series?.value ?? [])]).toEqual(
      stated.filter((s) => 'goroutines' in s).map((s) => s.goroutines),
    )
  })
})

describe('docker compose logs', () => {
  // Guards against a Caddy log under docker compose giving 0 events.
  it('times every JSON line after a service prefix, at the ts it states', async () => {
    const name = 'compose-caddy-and-api.txt'
    const incident = await parseFixture(dir + name)
    const caddy = lines(name)
      .filter((l) => l.includes('  | {'))
      .map((l) => JSON.parse(l.slice(l.indexOf('| {') + 2)) as Record<string, unknown>)
    const timed = eventsOf(incident).filter((e) => !Number.isNaN(e.time))
    expect(timed.length).toBe(caddy.length)
    timed.forEach((e, i) => {
      expect(Math.abs(e.time - statedTime(caddy[i]))).toBeLessThan(1)
      expect(e.level).toBe(LEVELS[String(caddy[i].level)])
    })
  })
})

describe('lines that start with epoch milliseconds', () => {
  it('reads the time of each line', async () => {
    const name = 'shell-epoch-ms.txt'
    const incident = await parseFixture(dir + name)
    const stated = lines(name).map((l) => Number(l.slice(0, 13)))
    const events = eventsOf(incident)
    expect(events.map((e) => e.time)).toEqual(stated)
    expect(events.at(-1)!.level).toBe(Level.error)
  })
})
