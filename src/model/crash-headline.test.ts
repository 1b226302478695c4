import { describe, expect, it } from 'vitest'
import { crashHeadline, signalBesideMessage } from './crash-headline'

describe('a crash headline', () => {
  it('names the signal once, beside a message that does not start with it', () => {
    expect(
      crashHeadline({ kind: 'signal', signal: 'SIGSEGV', message: 'Segmentation fault' }),
    ).toBe('signal SIGSEGV: Segmentation fault')
    expect(
      crashHeadline({ kind: 'signal', signal: 'SIGSEGV', message: 'SIGSEGV (0xb) at pc=0x7f7c' }),
    ).toBe('signal: SIGSEGV (0xb) at pc=0x7f7c')
    expect(crashHeadline({ kind: 'panic', message: 'boom' })).toBe('panic: boom')
  })

  it('keeps the signal when the message starts with another one', () => {
    // A handler that crashed again: the signal of record is not the one the message names.
    expect(signalBesideMessage({ signal: 'SIGABRT', message: 'SIGSEGV: nested' })).toBe('SIGABRT')
    expect(
      signalBesideMessage({ signal: 'SIGSEGV', message: 'SIGSEGV: segmentation violation' }),
    ).toBe(undefined)
  })
})
