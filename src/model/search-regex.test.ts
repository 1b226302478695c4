import { describe, expect, it } from 'vitest'
import { nestedRepeat } from './search-regex'

describe('search regexes that can backtrack forever are refused', () => {
  // Guards against a #q= or #find= link freezing the tab of whoever opens it.
  it.each(['(a+)+$', '(\\w+\\s?)*$', '(?:a*)*b', '((ab)+c?)+$', '(x{2,})*y', '([a-z]+\\d)+!'])(
    'refuses %s',
    (source) => {
      expect(nestedRepeat(source)).toMatch(/repeats a group that already repeats/)
    },
  )
  it.each([
    'net\\.lookup',
    '^main\\.(handler|serve)$',
    '(a|b)+',
    '[(a+)]+',
    'a\\(b+\\)+',
    'x+y*',
    '(ab)+',
  ])('runs %s', (source) => {
    expect(nestedRepeat(source)).toBeNull()
  })
})
