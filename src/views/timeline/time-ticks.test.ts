import { describe, expect, it } from 'vitest'
import { computeTimeTicks, formatRoundTime, tickCountFor, ticksInside } from './time-ticks'

const at = (iso: string) => Date.parse(iso)
const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The interval between ticks, checked to be the same for every pair. */
function stepOf(ticks: number[]): number {
  const steps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]))
  expect(steps.size).toBe(1)
  return [...steps][0]
}

describe('computeTimeTicks', () => {
  it('never gives more ticks than asked, so labels keep their room', () => {
    // 27 minutes at 14 ticks: d3's nearest interval is a minute, 28 ticks.
    const { ticks } = computeTimeTicks(
      at('2026-03-14T00:00:00Z'),
      at('2026-03-14T00:27:30Z'),
      'absolute',
      'utc',
      14,
    )
    expect(ticks.length).toBeLessThanOrEqual(14)
    expect(stepOf(ticks)).toBe(5 * MINUTE)
    for (let count = 2; count <= 40; count++) {
      for (const [from, to] of [
        ['2026-03-14T00:00:00Z', '2026-03-14T00:27:30Z'],
        ['2026-03-14T00:00:00Z', '2026-03-14T07:13:00Z'],
        ['2026-03-01T00:00:00Z', '2026-03-14T07:13:00Z'],
      ])
        expect(
          computeTimeTicks(at(from), at(to), 'absolute', 'utc', count).ticks.length,
        ).toBeLessThanOrEqual(count)
      expect(
        computeTimeTicks(0, 1_234_567, 'relative', 'utc', count).ticks.length,
      ).toBeLessThanOrEqual(count)
    }
  })

  // Guards against the metrics axis of issue 15: ticks at 09:16, 11:05:21, 13:07:57.
  it.each([
    // name, from, to, ticks wanted, step expected, first tick
    [
      'two hours of log',
      '2014-06-24T18:03:12Z',
      '2014-06-24T20:29:40Z',
      10,
      15 * MINUTE,
      '2014-06-24T18:15:00Z',
    ],
    [
      'the metrics range of the report',
      '2014-06-24T09:16:00Z',
      '2014-06-24T13:07:57Z',
      5,
      HOUR,
      '2014-06-24T10:00:00Z',
    ],
    [
      'a few minutes',
      '2014-06-24T18:03:12Z',
      '2014-06-24T18:11:40Z',
      8,
      MINUTE,
      '2014-06-24T18:04:00Z',
    ],
    [
      'half an hour at 8 ticks',
      '2014-06-24T18:03:12Z',
      '2014-06-24T18:33:00Z',
      8,
      5 * MINUTE,
      '2014-06-24T18:05:00Z',
    ],
    [
      'four days',
      '2014-06-21T05:00:00Z',
      '2014-06-25T05:00:00Z',
      5,
      24 * HOUR,
      '2014-06-22T00:00:00Z',
    ],
  ])('%s: round ticks a constant step apart', (_name, from, to, count, step, first) => {
    const { ticks } = computeTimeTicks(at(from), at(to), 'absolute', 'utc', count)
    expect(stepOf(ticks)).toBe(step)
    expect(ticks[0]).toBe(at(first))
    expect(ticks[0]).toBeGreaterThanOrEqual(at(from))
    expect(ticks[ticks.length - 1]).toBeLessThanOrEqual(at(to))
    // Every tick falls on a whole multiple of its step (days: midnight UTC).
    for (const t of ticks) expect(t % step).toBe(0)
  })

  it('labels ticks as precisely as their step needs, days by date', () => {
    const hourly = computeTimeTicks(
      at('2014-06-24T21:10:00Z'),
      at('2014-06-25T03:00:00Z'),
      'absolute',
      'utc',
      6,
    )
    expect(hourly.ticks.map(hourly.format)).toEqual([
      '22:00',
      '23:00',
      'Jun 25',
      '01:00',
      '02:00',
      '03:00',
    ])
    const seconds = computeTimeTicks(
      at('2014-06-24T18:00:03Z'),
      at('2014-06-24T18:00:41Z'),
      'absolute',
      'utc',
      4,
    )
    expect(seconds.ticks.map(seconds.format)).toEqual(['18:00:15', '18:00:30'])
  })

  it('counts seconds since boot in round seconds, as many as their long labels have room for', () => {
    const { ticks, format } = computeTimeTicks(4_838_261_071, 4_838_323_500, 'relative', 'utc', 12)
    expect(stepOf(ticks)).toBe(10_000)
    expect(format(ticks[0])).toBe('4838270 s')
    // `4838270 s` is nine characters: the room of 12 five-character labels holds six.
    expect(ticks.length).toBeLessThanOrEqual(Math.floor((12 * 5) / 9))
    const fewer = computeTimeTicks(4_838_261_071, 4_838_323_500, 'relative', 'utc', 6)
    expect(stepOf(fewer.ticks)).toBe(20_000)
  })

  // Events over 200 ms of one second: the labels at both ends of the plot,
  // `19:50:53.000` and `19:50:53.200`, were cut by the chart's edges.
  it('keeps only the ticks whose labels fit beside the plot', () => {
    const min = at('2014-06-24T19:50:53.000Z')
    const max = min + 200
    const all = computeTimeTicks(min, max, 'absolute', 'utc', 12)
    expect(all.ticks).toContain(min)
    expect(all.ticks).toContain(max)
    const inside = ticksInside(all, min, max, 1000, { left: 56, right: 24 })
    expect(inside.ticks).not.toContain(min)
    expect(inside.ticks).not.toContain(max)
    expect(inside.ticks.length).toBe(all.ticks.length - 2)
    // With room enough beside the plot, every tick stays.
    expect(ticksInside(all, min, max, 1000, { left: 80, right: 80 }).ticks).toEqual(all.ticks)
  })

  it('never repeats a tick when seconds since boot are finer than a millisecond', () => {
    const { ticks } = computeTimeTicks(4_838_261_071, 4_838_261_072, 'relative', 'utc', 12)
    expect(new Set(ticks).size).toBe(ticks.length)
  })

  // A Go service's last log lines and its panic, 250 ms apart, on a chart 1,180 pixels wide:
  // thirteen `19:42:56.140` labels 90 pixels apart ran into each other.
  it('gives labels longer than HH:MM the room they need', () => {
    const pixels = 1180
    const count = tickCountFor(pixels)
    const start = at('2026-11-22T19:42:56.122Z')
    const ms = computeTimeTicks(start, start + 250, 'absolute', 'utc', count)
    const longest = Math.max(...ms.ticks.map((t) => ms.format(t).length))
    expect(longest).toBe(12)
    // Each label keeps the room of a 5-character `HH:MM` label per 90 pixels, scaled.
    expect(ms.ticks.length).toBeLessThanOrEqual(Math.floor((count * 5) / longest))
    const seconds = computeTimeTicks(start, start + 40_000, 'absolute', 'utc', count)
    expect(seconds.format(seconds.ticks[0])).toHaveLength(8)
    expect(seconds.ticks.length).toBeLessThanOrEqual(Math.floor((count * 5) / 8))
    const minutes = computeTimeTicks(start, start + 3 * HOUR, 'absolute', 'utc', count)
    expect(minutes.ticks.length).toBeGreaterThan(Math.floor((count * 5) / 8))
  })

  it('gives the single time of an empty range', () => {
    expect(computeTimeTicks(5, 5, 'absolute', 'utc', 5).ticks).toEqual([5])
  })
})

describe('formatRoundTime', () => {
  it('reads sub-second steps to the millisecond', () => {
    expect(formatRoundTime(at('2014-06-24T18:00:03.250Z'), 250, 'utc')).toBe('18:00:03.250')
  })
})
