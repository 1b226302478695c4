import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectLevel } from './levels'
import { detectLevelOfBytes } from './level-of-bytes'

const STAMP = '2026-03-14T00:00:00.029Z'

/** `detectLevelOfBytes` of each line in turn, each held in a buffer of its own bytes. */
function levelsOfBytes(messages: string[]): number[] {
  return messages.map((message) => {
    const line = STAMP + message
    const bytes = new TextEncoder().encode(line + '\n')
    return detectLevelOfBytes(bytes, 0, STAMP.length, line.length)
  })
}

describe('detectLevelOfBytes', () => {
  it('reads each line as detectLevel does, whatever the line before began with', () => {
    // Each after a line that began with INFO at the same column: the word must end where
    // the line before's did, and be the same word in the same case.
    const messages = [
      ' INFO  http request',
      ' INFOx http request',
      ' INFO  http request',
      ' INFO5 http request',
      ' INFO  http request',
      ' INFO_ http request',
      ' INFO  http request',
      ' INFO',
      ' INFO  http request',
      '  INFO http request',
      ' INFO  http request',
      ' info  http request',
      ' INFO  http request',
      ' WARN  http request',
      ' INFO  http request',
      ' INFORMATION here',
      ' INFO  http request',
      ' \u001b[1mINFO\u001b[0m here',
      ' INFO  http request',
      ' INF',
    ]
    expect(levelsOfBytes(messages)).toEqual(
      messages.map((message) => detectLevel(STAMP + message, STAMP.length, false)),
    )
  })

  it('agrees with detectLevel on any run of lines', () => {
    const piece = fc.constantFrom(
      ' ',
      '  ',
      'INFO',
      'info',
      'WARN',
      'ERROR',
      'DEBUG',
      'WARNING',
      'CRITICAL',
      'EMERGENCY',
      'x',
      '5',
      '_',
      '-',
      '.',
      '/',
      ':',
      '[',
      'http',
      '\u001b[31m',
    )
    const message = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), (messages) => {
        expect(levelsOfBytes(messages)).toEqual(
          messages.map((m) => detectLevel(STAMP + m, STAMP.length, false)),
        )
      }),
    )
  })
})
