import { describe, expect, it } from 'vitest'
import {
  isFatalSignal,
  signalFromDescription,
  signalFromNumber,
  signalFromShortName,
  signalName,
} from './signals'

describe('the signal table', () => {
  it.each<[string, string | undefined]>([
    ['gdb number', signalName('11')],
    ['Go 0xb', signalFromNumber(0xb)],
    ['sanitizer short name', signalFromShortName('SEGV')],
    ['shell words', signalFromDescription('Segmentation fault')],
    ['name passes through', signalName('SIGSEGV')],
  ])('%s reads as SIGSEGV', (_name, got) => {
    expect(got).toBe('SIGSEGV')
  })

  it('knows what it does not know', () => {
    expect(signalFromNumber(64)).toBeUndefined()
    expect(signalFromShortName('heap-use-after-free')).toBeUndefined()
    expect(signalName('99')).toBe('99')
  })

  it.each([
    ['SIGABRT', true],
    ['6', true],
    ['SIGINT', false],
    ['SIGCHLD', false],
  ])('%s is fatal: %s', (signal, fatal) => {
    expect(isFatalSignal(signal)).toBe(fatal)
  })
})
