import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatClockOffset, parseClockOffset } from './clock-offset'

const S = 1000
const M = 60 * S
const H = 60 * M

describe('parseClockOffset', () => {
  it.each([
    ['empty', '', 0],
    ['zero', '0', 0],
    ['hours', '+2h', 2 * H],
    ['negative seconds', '-90s', -90 * S],
    ['milliseconds', '-1500ms', -1500],
    ['clock with seconds', '+00:05:00', 5 * M],
    ['clock hours and minutes (a UTC offset)', '+02:00', 2 * H],
    ['clock with a fraction', '-0:00:01.5', -1500],
    ['several terms', '1h30m', H + 30 * M],
    ['terms with spaces', '- 1h 30m 15s', -(H + 30 * M + 15 * S)],
    ['long unit names', '5min 2sec', 5 * M + 2 * S],
    ['decimals', '1.5h', 1.5 * H],
    ['days', '+1d', 24 * H],
    ['upper case and padding', '  +2H ', 2 * H],
    ['a typographic minus', '−30s', -30 * S],
    ['minus zero', '-0s', 0],
  ])('%s: %j', (_name, text, ms) => {
    expect(parseClockOffset(text)).toEqual({ type: 'ok', ms })
  })

  it.each([
    ['no unit', '90'],
    ['unknown unit', '3 weeks'],
    ['trailing junk', '2h later'],
    ['minutes over 59 in a clock', '1:75'],
    ['only a sign', '+'],
    ['a unit glued to a word', '2hours'],
    ['more than a year', '400d'],
  ])('refuses %s: %j', (_name, text) => {
    const parsed = parseClockOffset(text)
    expect(parsed.type).toBe('error')
  })
})

describe('formatClockOffset', () => {
  it.each([
    [0, '0'],
    [2 * H, '+2h'],
    [-90 * S, '-1m30s'],
    [-1500, '-1s500ms'],
    [26 * H + 5 * M, '+1d2h5m'],
  ])('%d -> %s', (ms, text) => {
    expect(formatClockOffset(ms)).toBe(text)
  })

  it('is read back as the same offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300 * 24 * H, max: 300 * 24 * H }), (ms) => {
        expect(parseClockOffset(formatClockOffset(ms))).toEqual({ type: 'ok', ms })
      }),
    )
  })
})
