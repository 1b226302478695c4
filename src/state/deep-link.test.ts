import { describe, expect, it } from 'vitest'
import { formatDeepLink, parseDeepLink } from './deep-link'

describe('deep links', () => {
  it('round-trips every field', () => {
    const link = {
      view: 'timeline' as const,
      group: '1x2y3z',
      frame: 'net.lookupIPDeadline',
      event: 'app.log:120',
      t: [1700000000000, 1700000600000] as [number, number],
      mode: 'top3',
      q: '/lookup|dial/ & more',
      find: 'semacquire',
      filter: '/timeout|refused/',
      level: 'warn',
    }
    expect(parseDeepLink('#' + formatDeepLink(link))).toEqual(link)
  })

  it.each([
    ['unknown view', '#view=admin', {}],
    ['group with symbols', '#group=<script>', {}],
    ['backwards range', '#t=20..10', {}],
    ['event without a line', '#event=app.log', {}],
    ['mode with symbols', '#mode=<b>', {}],
    ['a search longer than 500 characters', `#q=${'x'.repeat(501)}`, {}],
    ['an event filter longer than 500 characters', `#filter=${'x'.repeat(501)}`, {}],
    ['a level with symbols', '#level=<b>', {}],
    ['other keys', '#constructor=1&__proto__=x&view=flame', { view: 'flame' }],
  ])('ignores %s', (_name, hash, expected) => {
    expect(parseDeepLink(hash)).toEqual(expected)
  })

  it('keeps parameters it does not own', () => {
    expect(formatDeepLink({ view: 'flame' }, '#share=abc&group=old')).toBe('share=abc&view=flame')
  })
})
