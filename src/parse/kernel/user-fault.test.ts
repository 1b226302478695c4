import { describe, expect, it } from 'vitest'
import { parseUserFault } from './segfault'
import { describeUserFault } from './user-fault'

// Seed 001's kernel line, as HAProxy under musl printed it.
const SEED_001 =
  'haproxy[610]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]'

describe('a user-space fault, told', () => {
  it('names the library offset as ip minus the mapping base, the frame repeats group by', () => {
    const told = describeUserFault(parseUserFault(SEED_001)!, 4838261.071917, 1, 0)
    const offset = (0x7fdb0403305bn - 0x7fdb03fe2000n).toString(16)
    expect(told.frame.func).toBe(`ld-musl-x86_64.so.1+0x${offset}`)
    expect(told.message).toBe(
      `haproxy[610] user-mode read of a not-present page at 0x7fdb0426e000 in ld-musl-x86_64.so.1 at offset 0x${offset}`,
    )
    expect(told.state).toBe('user read, not present')
    expect(told.signal).toBe('SIGSEGV')
    expect(told.ip).toBe('0x7fdb0403305b')
    expect(told.details).toContain('kernel time 4838261.071917 s since boot')
  })

  it('says how many lines were joined and how many messages rate limiting dropped', () => {
    const told = describeUserFault(parseUserFault(SEED_001)!, NaN, 3, 7)
    expect(told.details).toContain('joined from 3 wrapped lines')
    expect(told.details).toContain('7 message(s) suppressed by rate limiting before this')
    expect(told.details.some((d) => d.startsWith('kernel time'))).toBe(false)
  })

  it('calls a fault at ip 0 a call through a null pointer', () => {
    const told = describeUserFault(
      parseUserFault('app[9]: segfault at 0 ip 0000000000000000 sp 00007ffc0 error 14')!,
      NaN,
      1,
      0,
    )
    expect(told.frame.func).toBe('unknown at address 0')
    expect(told.message).toContain('with ip 0 (a call through a null pointer)')
  })
})
