import { describe, expect, it } from 'vitest'
import { compileUserRegex } from './user-regex'

const test = (source: string, flags: string, text: string) => {
  const compiled = compileUserRegex(source, flags)
  if (typeof compiled !== 'function') throw new Error(compiled.error)
  return compiled(text)
}

describe('compileUserRegex', () => {
  // Each backtracks exponentially in a JavaScript RegExp on this text: the test would not end.
  const bait = 'a'.repeat(50_000) + '!'
  it.each([
    ['(a+)+$', false],
    ['(\\w+\\s?)*$', true],
    ['(a|aa)+$', false],
    ['^(a|a?)+$', false],
  ])('runs /%s/ over 50,000 characters in linear time', (source, expected) => {
    const started = process.cpuUsage()
    expect(test(source, '', bait)).toBe(expected)
    const used = process.cpuUsage(started)
    // Linear: well under a second of CPU (a backtracking engine needs years).
    expect((used.user + used.system) / 1e6).toBeLessThan(2)
  })

  it('reads the flags as JavaScript does', () => {
    expect(test('SEMACQUIRE', 'i', 'runtime.semacquire')).toBe(true)
    expect(test('SEMACQUIRE', '', 'runtime.semacquire')).toBe(false)
    expect(test('^net/', 'm', 'main.go\nnet/http.Get')).toBe(true)
    expect(test('^net/', '', 'main.go\nnet/http.Get')).toBe(false)
    expect(test('go.main', 's', 'go\nmain')).toBe(true)
    expect(test('\\d+ more', '', '... 12 more')).toBe(true)
  })

  it('says what it cannot run in linear time instead of throwing', () => {
    const backreference = compileUserRegex('(a)\\1', '')
    expect(typeof backreference).toBe('object')
    expect((backreference as { error: string }).error).toMatch(/^This regex cannot be read: /)
    expect(compileUserRegex('(unclosed', '')).toHaveProperty('error')
  })
})
