import { describe, expect, it } from 'vitest'
import { messageText } from './message-text'

describe('messageText', () => {
  it.each([
    ['2014-06-24 18:00:38.000 info: listening on :8080', 'info: listening on :8080'],
    ['2024-11-22T18:35:01.123Z ERROR request failed', 'ERROR request failed'],
    ['2015-03-14 08:23:33 UTC | ERROR | (foo.go:12) boom', 'ERROR | (foo.go:12) boom'],
    ['Nov 22 18:35:01 host app[12]: started', 'host app[12]: started'],
    ['2014/06/24 19:50:53 http: panic serving 10.0.0.1', 'http: panic serving 10.0.0.1'],
  ])('%s', (line, message) => {
    expect(messageText(line)).toBe(message)
  })

  it('shows a JSON line by its message, with or without a timestamp before it', () => {
    const json = '{"level":"error","time":"2024-11-22T18:35:01Z","msg":"dial tcp: refused"}'
    expect(messageText(json)).toBe('dial tcp: refused')
    expect(messageText(`2024-11-22T18:35:01.5Z ${json}`)).toBe('dial tcp: refused')
  })

  it('keeps lines whose time is inside them, or that have none', () => {
    const logfmt = 'level=error time=2024-11-22T18:35:01Z msg=x'
    expect(messageText(logfmt)).toBe(logfmt)
    const noMessage = '{"level":"error","time":"2024-11-22T18:35:01Z"}'
    expect(messageText(noMessage)).toBe(noMessage)
    expect(messageText('goroutine 1 [running]:')).toBe('goroutine 1 [running]:')
    expect(messageText('2024-11-22T18:35:01Z')).toBe('2024-11-22T18:35:01Z')
  })
})
