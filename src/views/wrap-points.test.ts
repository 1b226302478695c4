import { describe, expect, it } from 'vitest'
import { wrapPoints } from './wrap-points'

describe('wrapPoints', () => {
  it('cuts a Go symbol between its parts, and the parts join to the text', () => {
    const func = 'example.com/edgeproxy/internal/dns.(*singleflightGroup).Do'
    const parts = wrapPoints(func)
    expect(parts.join('')).toBe(func)
    expect(parts).toEqual([
      'example.',
      'com/',
      'edgeproxy/',
      'internal/',
      'dns.',
      '(*singleflightGroup)',
      '.',
      'Do',
    ])
  })

  it('never cuts a file:line token', () => {
    const line = '/usr/local/go/src/runtime/cgocall.go:133 +0x29'
    const parts = wrapPoints(line)
    expect(parts.join('')).toBe(line)
    expect(parts).toContain('cgocall.go:133 +0x29')
    for (const part of parts.slice(0, -1)) expect(part.endsWith('/')).toBe(true)
    expect(wrapPoints('src/image/resize.c:42:7')).toEqual(['src/', 'image/', 'resize.c:42:7'])
    expect(wrapPoints('at main.c:9, in libredis.so.1')).toEqual([
      'at main.c:9, in libredis.',
      'so.',
      '1',
    ])
  })

  it('cuts before an argument list, never beside a space', () => {
    expect(wrapPoints('runtime.cgocall(0x4a1b20, 0xc0000)')).toEqual([
      'runtime.',
      'cgocall',
      '(0x4a1b20, 0xc0000)',
    ])
    expect(wrapPoints('')).toEqual([''])
    expect(wrapPoints('plain words only')).toEqual(['plain words only'])
  })

  it('keeps a file:line word whole however long its path', () => {
    const long = `${'dir/'.repeat(5000)}${'a'.repeat(5000)}.go:1`
    const parts = wrapPoints(long)
    expect(parts.join('')).toBe(long)
    expect(parts.at(-1)).toBe(`${'a'.repeat(5000)}.go:1`)
    expect(parts.length).toBe(5001)
  })
})
