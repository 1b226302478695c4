import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { jsonMessage } from './json-message'

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')

/** The first `"key": "…"` string of a line, read with a regex, not a JSON parser. */
function quotedField(line: string, key: string): string | null {
  const m = new RegExp(`"${key}"\\s*:\\s*("(?:\\\\.|[^"\\\\])*")`).exec(line)
  return m ? (JSON.parse(m[1]) as string) : null
}

describe('jsonMessage on real JSON logs', () => {
  it.each([
    ['lnav-json.json.txt', 'msg'],
    ['lnav-bunyan.0.txt', 'msg'],
    ['lnav-mongodb.0.txt', 'msg'],
    ['lnav-nextcloud.0.txt', 'message'],
    ['lnav-journald.json.txt', 'MESSAGE'],
  ])('%s shows each line by its %s field', (name, key) => {
    const lines = fixture(name)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) {
      const expected = quotedField(line, key)
      // A line without the field (or not JSON at all) is shown as it is.
      if (expected === null) expect(jsonMessage(line)).toBeNull()
      else expect(jsonMessage(line)?.startsWith(expected.replace(/\r?\n$/, ''))).toBe(true)
    }
  })
})

describe('jsonMessage', () => {
  it.each([
    {
      name: 'zap',
      line: '{"level":"error","ts":1700000000.12,"caller":"srv/h.go:41","msg":"request failed","error":"context deadline exceeded"}',
      want: 'request failed  error=context deadline exceeded',
    },
    {
      name: 'zerolog',
      line: '{"level":"warn","time":"2024-11-22T18:35:01Z","message":"slow query"}',
      want: 'slow query',
    },
    {
      name: 'docker json-file keeps no trailing newline',
      line: '{"log":"panic: boom\\n","stream":"stderr","time":"2024-11-22T18:35:01.1Z"}',
      want: 'panic: boom',
    },
    {
      name: 'Serilog CLEF',
      line: '{"@t":"2024-11-22T18:35:01Z","@m":"Disk full on /var","@l":"Error","@x":"IOException"}',
      want: 'Disk full on /var  @x=IOException',
    },
    { name: 'msg wins over message', line: '{"message":"b","msg":"a"}', want: 'a' },
    { name: 'an empty msg falls back', line: '{"msg":"","message":"b"}', want: 'b' },
    { name: 'leading spaces', line: '   {"msg":"x"}', want: 'x' },
    { name: 'an object message is not shown as text', line: '{"msg":{"a":1}}', want: null },
    { name: 'no message field', line: '{"level":"info","ts":1}', want: null },
    { name: 'truncated object', line: '{"level":"info","msg":"cut', want: null },
    { name: 'an array', line: '[{"msg":"x"}]', want: null },
    { name: 'plain text', line: 'msg="x" level=info', want: null },
    { name: 'empty', line: '', want: null },
  ])('$name', ({ line, want }) => {
    expect(jsonMessage(line)).toBe(want)
  })
})
