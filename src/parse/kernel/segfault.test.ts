import { describe, expect, it } from 'vitest'
import {
  decodePageFaultError,
  describePageFaultError,
  libraryOffset,
  parseUserFault,
  trapSignal,
} from './segfault'
import { commStart, kernelTime, parseOopsHeader, sniffKernel } from './kernel-lines'
import { parseRip, parseTraceFrame } from './oops'

describe('decodePageFaultError', () => {
  it.each([
    ['4', 'user-mode read of a not-present page'],
    ['5', 'user-mode read of a protected page'],
    ['6', 'user-mode write to a not-present page'],
    ['7', 'user-mode write to a protected page'],
    ['14', 'user-mode instruction fetch from a not-present page'],
    ['15', 'user-mode instruction fetch from a protected page'],
    ['0', 'kernel-mode read of a not-present page'],
    ['c', 'user-mode read of a not-present page (reserved bit set in a page-table entry)'],
  ])('error %s reads "%s"', (code, words) => {
    expect(describePageFaultError(decodePageFaultError(code))).toBe(words)
  })
})

describe('parseUserFault', () => {
  it('reads the seed HAProxy line and computes ip - base with BigInt', () => {
    const f = parseUserFault(
      'haproxy[610]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]',
    )
    expect(f).toMatchObject({ comm: 'haproxy', pid: 610, addr: '7fdb0426e000', error: '4' })
    // 0x7fdb0403305b - 0x7fdb03fe2000 = 0x5105b, done by hand: 0x4033305b - 0x3fe2000 ... in
    // the low 32 bits 0x0403305b - 0x03fe2000 = 0x5105b.
    expect(libraryOffset(f!.ip, f!.mapping!)).toEqual({
      offset: '5105b',
      basis: 'mapping',
      inMapping: '5105b',
    })
  })

  it('uses the file offset the 6.7+ kernel prints and keeps the offset in the mapping', () => {
    const f = parseUserFault(
      'compressor[25233]: segfault at 7fedb74eb000 ip 00007fedb966f809 sp 00007fedb7cfad88 error 4 in libc.so.6[16d809,7fedb9528000+156000] likely on CPU 0 (core 0, socket 0)',
    )!
    expect(f.cpu).toEqual({ cpu: 0, core: 0, socket: 0 })
    expect(libraryOffset(f.ip, f.mapping!)).toEqual({
      offset: '16d809',
      basis: 'file',
      inMapping: '147809',
    })
  })

  it('keeps a thread name with spaces and brackets', () => {
    const f = parseUserFault(
      'gnal Dispatcher[11646]: segfault at 0 ip 0000000000000000 sp 00007ffd1780dca8 error 14',
    )
    expect(f).toMatchObject({ comm: 'gnal Dispatcher', pid: 11646 })
    expect(f?.mapping).toBeUndefined()
    const g = parseUserFault('a[b] c[12]: segfault at 0 ip 0 sp 0 error 4')
    expect(g?.comm).toBe('a[b] c')
  })

  it.each([
    ['trap divide error', 'divide error', 'SIGFPE'],
    ['trap invalid opcode', 'invalid opcode', 'SIGILL'],
    ['general protection fault', 'general protection', 'SIGSEGV'],
  ])('reads traps: %s', (words, kind, signal) => {
    const f = parseUserFault(
      `traps: glibc_abort[20416] ${words} ip:55aef9e4523b sp:7fff6d26d120 error:0 in glibc_abort[123b,55aef9e45000+1000]`,
    )!
    expect(f.kind).toBe(kind)
    expect(trapSignal(f.kind)).toBe(signal)
    expect(f.mapping?.fileOffset).toBe('123b')
  })

  it('refuses lines that only mention a segfault', () => {
    expect(parseUserFault('the worker got a segfault at startup')).toBeNull()
    expect(parseUserFault('x[1]: segfault at zz ip 0 sp 0 error 4')).toBeNull()
  })

  it('returns null for an ip below the mapping base instead of a negative offset', () => {
    expect(libraryOffset('1000', { file: 'x', base: '2000', size: '10' })).toBeNull()
  })
})

describe('sniffKernel', () => {
  it.each([
    ['[ 3583.482160] compressor[25233]: segfault at 7f ip 0 sp 0 error 4', 15],
    [
      'May  2 14:51:13 host kernel: [5870170.864740] turnserver[15494]: segfault at bd ip 1 sp 2 error 4',
      46,
    ],
    ['Apr 06 17:30:15 single3 kernel: nft[70030]: segfault at 0 ip 0 sp 0 error 14', 32],
    ['kernel: [4838261.071917] haproxy[610]: segfault', 25],
    ['[ 12.0] gnal Dispatcher[11646]: segfault at 0 ip 0 sp 0 error 4', 8],
    ['[ 3589.423851] traps: glibc_abort[25554] trap divide error ip:1 sp:2 error:0', 15],
    [
      '2024-08-20T17:07:25.819863+00:00 sonic kernel: [   29.909886] show_signal_msg: 1 callbacks suppressed',
      62,
    ],
    ['NMI watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [pulseaudio:1580]', 0],
    ['[   42.863016] kernel BUG at include/net/cfg80211.h:2473!', 15],
    ['[ 1123.442202] [ INFO: suspicious RCU usage. ]', 15],
    ['[16164.389572] ------------[ cut here ]------------', 15],
  ])('finds the message start in %s', (line, anchor) => {
    expect(sniffKernel(line)).toBe(anchor)
  })

  it.each([
    ['WARNING: ThreadSanitizer: data race (pid=1)'],
    ['BUG: the cache is stale'],
    ['the worker got a segfault at startup'],
    ['Oops: something went wrong'],
    ['Code: 48 89 e5'],
  ])('leaves %s to other formats', (line) => {
    expect(sniffKernel(line)).toBe(-1)
  })

  it('finds comm after a prefix even with no prefix terminator', () => {
    const line = 'some long prefix here foo[1]: segfault'
    expect(commStart(line, line.indexOf('['))).toBe(line.indexOf('foo'))
  })
})

describe('oops lines', () => {
  it.each([
    [
      ' [<ffffffff8119fdc2>] ? drop_super+0x22/0x30',
      { func: 'drop_super', unreliable: true, address: 'ffffffff8119fdc2' },
    ],
    [
      ' amdgpu_vm_sdma_update+0x17d/0x240 [amdgpu]',
      { func: 'amdgpu_vm_sdma_update', module: 'amdgpu', unreliable: false },
    ],
    [
      '([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])',
      { func: 'will_oops_init', module: 'will_oops' },
    ],
    [' [<000003fffd4a1d92>] 0x3fffd4a1d92', { func: '0x000003fffd4a1d92' }],
  ])('parses the trace frame %s', (line, want) => {
    expect(parseTraceFrame(line)).toMatchObject(want)
  })

  it('reads the faulting function from RIP lines, skipping user-mode ones', () => {
    expect(
      parseRip('RIP: 0010:[<ffffffff81171b02>]  [<ffffffff81171b02>] find_get_entry+0x42/0xc0'),
    ).toMatchObject({
      frame: { func: 'find_get_entry' },
      pc: 'ffffffff81171b02',
    })
    expect(parseRip('RIP: 0010:amdgpu_vm_sdma_commit+0x46/0x120 [amdgpu]')?.frame.module).toBe(
      'amdgpu',
    )
    expect(parseRip('RIP: 0033:0x7fd1f18192fb')).toBeNull()
  })

  it('tells oops kinds apart', () => {
    expect(
      parseOopsHeader('BUG: unable to handle kernel NULL pointer dereference at 0000000000000008')
        ?.kind,
    ).toBe('page fault')
    expect(
      parseOopsHeader(
        'general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP PTI',
      )?.kind,
    ).toBe('general protection fault')
    expect(parseOopsHeader('WARNING: CPU: 3 PID: 1 at kernel/foo.c:12 f+0x1/0x2')?.kind).toBe(
      'warning',
    )
    expect(
      parseOopsHeader('INFO: task kworker/0:1:123 blocked for more than 120 seconds.')?.kind,
    ).toBe('hung task')
  })
})

describe('kernelTime', () => {
  it.each([
    ['[ 3583.482160] ', '', 3583.48216, false],
    ['kernel: [4838261.071917] ', '', 4838261.071917, false],
    ['May  2 14:51:13 host kernel: [5870170.864740] ', '', 5870170.86474, true],
    ['2024-08-20T17:38:27.488639+00:00 sonic kernel: [   90.864905] ', '', 90.864905, true],
    ['[Sun Nov 22 19:34:35 2026] ', '', NaN, true],
    ['August 3rd 2017, 19:28:27.000 kernel: ', '', NaN, true],
    ['', '[ 1123.992320]', 1123.99232, false],
    ['', 'haproxy[610]: segfault', NaN, false],
  ])('reads %j %j', (prefix, text, seconds, hasDate) => {
    const t = kernelTime(prefix, text)
    if (Number.isNaN(seconds)) expect(t.seconds).toBeNaN()
    else expect(t.seconds).toBeCloseTo(seconds, 6)
    expect(t.hasDate).toBe(hasDate)
  })
})
