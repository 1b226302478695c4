import { describe, expect, it } from 'vitest'
import { builtinPatterns } from './patterns'
import { compileUserPattern, Redactor } from './redact'

const on = builtinPatterns.filter((p) => p.defaultOn)
const redact = (text: string) => new Redactor(on).redact(text)

describe('built-in redaction patterns', () => {
  it.each([
    ['bearer', 'Authorization: Bearer abcDEF123456._-~+/', 'Authorization: Bearer [bearer-1]'],
    [
      'jwt',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      'token [jwt-1]',
    ],
    ['aws id', 'key=AKIAIOSFODNN7EXAMPLE rest', 'key=[aws-1] rest'],
    ['github', 'GITHUB ghp_abcdefghijklmnopqrstuvwxyz0123456789 x', 'GITHUB [github-1] x'],
    ['password kv', 'db password=hunter2! user=bob', 'db password=[key-value-secret-1] user=bob'],
    ['email', 'mail ops@example.com now', 'mail [email-1] now'],
    ['ipv4', 'from 10.1.2.3:443', 'from [ipv4-1]:443'],
    ['ipv6', 'peer 2001:db8::1 ok', 'peer [ipv6-1] ok'],
    ['home path', '/home/alice/src/main.go:12', '/home/[home-path-1]/src/main.go:12'],
    [
      'webhook secret (seed 001)',
      'POST https://hooks.example.com/webhook/Zx81kPq0aa93LmN2bV7c/ 500',
      'POST https://hooks.example.com/webhook/[url-secret-1]/ 500',
    ],
    ['long hex', 'session 5f4dcc3b5aa765d61d8327deb882cf99 end', 'session [long-hex-1] end'],
  ])('redacts %s', (_name, input, output) => {
    expect(redact(input)).toBe(output)
  })

  it.each([
    ['a Go frame', 'net.lookupIPDeadline(0xc208a3c3c0, 0x3, 0x0)'],
    ['a file:line', '\t/usr/local/go/src/runtime/sema.go:62 +0x25'],
    ['a time of day', '2014-06-24 19:50:53 info:76c0b38e METRICS: goroutines: 9'],
    ['a version', 'go1.19.8 linux/amd64 v1.2.3.4000'],
    ['an invalid IP', 'value 999.1.2.3'],
    ['a plain URL', 'see https://example.com/docs/getting-started/'],
    [
      'a kernel line',
      'haproxy[610]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4',
    ],
  ])('leaves %s alone', (_name, input) => {
    expect(redact(input)).toBe(input)
  })

  it('gives the same secret the same placeholder and counts per pattern', () => {
    const r = new Redactor(on)
    expect(r.redact('a 10.0.0.1 b 10.0.0.2 c 10.0.0.1')).toBe('a [ipv4-1] b [ipv4-2] c [ipv4-1]')
    expect(r.counts).toEqual({ ipv4: 3 })
  })

  it('compiles user patterns and reports bad ones', () => {
    const p = compileUserPattern('custom-1', 'cust-[0-9]+')
    expect('error' in p).toBe(false)
    if (!('error' in p)) expect(new Redactor([p]).redact('id cust-42')).toBe('id [custom-1-1]')
    expect(compileUserPattern('custom-2', '(')).toHaveProperty('error')
    expect(compileUserPattern('custom-3', 'x*')).toHaveProperty('error')
  })
})
