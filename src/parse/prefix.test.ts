import { describe, expect, it } from 'vitest'
import { makePrefixPeeler } from './prefix'

describe('makePrefixPeeler', () => {
  it.each<[string, string, string, string]>([
    [
      'Kubernetes CRI',
      '2023-05-15T00:29:00.060915154Z stderr F ',
      '2023-05-15T00:29:00.06097619Z stderr F runtime.throw({0xf084e8?, 0x1679de0?})',
      'runtime.throw({0xf084e8?, 0x1679de0?})',
    ],
    [
      'Kibana date',
      'August 3rd 2017, 19:28:27.000 ',
      'August 3rd 2017, 19:28:28.120    /usr/local/go/src/runtime/panic.go:596 +0x95',
      '/usr/local/go/src/runtime/panic.go:596 +0x95',
    ],
    [
      'dmesg padding',
      '[   90.864905] ',
      '[4838261.071917] haproxy[610]: segfault',
      'haproxy[610]: segfault',
    ],
    ['indentation', '        ', '        \truntime/sema.go:62 +0x25', '\truntime/sema.go:62 +0x25'],
  ])('peels a %s prefix from following lines', (_name, prefix, line, text) => {
    expect(makePrefixPeeler(prefix)(line).text).toBe(text)
  })

  it('leaves a line without the prefix alone', () => {
    const peel = makePrefixPeeler('2023-05-15T00:29:00.060915154Z stderr F ')
    expect(peel('goroutine 1 [running]:')).toEqual({ text: 'goroutine 1 [running]:', prefix: '' })
  })
})
