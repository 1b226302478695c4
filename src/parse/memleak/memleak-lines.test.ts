import { describe, expect, it } from 'vitest'
import {
  isAllocationLine,
  parseBlockHeader,
  parseFrame,
  parseSnapshotHeader,
  splitBytesRepr,
} from './memleak-lines'

describe('parseFrame', () => {
  it.each([
    ['\t\tmain+0x6d [allocs]', { func: 'main', module: 'allocs' }],
    [
      '\t\t0x0000564b6c21240b\tbuild_list(int)+0x26 [leaky_service]',
      { func: 'build_list(int)', module: 'leaky_service', address: '0x0000564b6c21240b' },
    ],
    [
      '        std::vector<int>::operator[](unsigned long)+0x1c [libfoo.so]',
      { func: 'std::vector<int>::operator[](unsigned long)', module: 'libfoo.so' },
    ],
    [
      '(anonymous namespace)::grow(int) [clone .part.0]+0x10 [app]',
      { func: '(anonymous namespace)::grow(int) [clone .part.0]', module: 'app' },
    ],
    ['        [unknown] [libzookeeper_mt.so.2.0.0]', { module: 'libzookeeper_mt.so.2.0.0' }],
    ['        [unknown]', {}],
    ['                 bpf_prog_load [kernel]', { func: 'bpf_prog_load', module: 'kernel' }],
    [
      '\t0 [<00007f05944c098c>] _Znwm+0x1c [/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30]',
      { func: '_Znwm', module: 'libstdc++.so.6.0.30', address: '0x00007f05944c098c' },
    ],
    [
      '\t3 [<00007f0594212d90>] [/usr/lib/x86_64-linux-gnu/libc.so.6]',
      { module: 'libc.so.6', address: '0x00007f0594212d90' },
    ],
    ['\t4 [<b515dd6bd2425100>] <null sym>', { address: '0xb515dd6bd2425100' }],
    [
      '        0 [<ffffffffad44ab78>] __alloc_pages_nodemask+0x1e8',
      { func: '__alloc_pages_nodemask', address: '0xffffffffad44ab78' },
    ],
    [
      '\t1 [<0000558508caa1bb>] foo+0x12 foo.c:34',
      { func: 'foo', file: 'foo.c', line: 34, address: '0x0000558508caa1bb' },
    ],
  ])('reads %j', (line, want) => {
    expect(parseFrame(line)).toEqual(want)
  })

  it.each([
    [''],
    ['Each entry printed is a set of allocations that originate from the same call'],
    ['# exit status: 0'],
  ])('refuses %j', (line) => {
    expect(parseFrame(line)).toBeNull()
  })
})

describe('headers', () => {
  it('reads both tools’ snapshot headers, zero-padded or not', () => {
    expect(parseSnapshotHeader('[11:16:33] Top 2 stacks with outstanding allocations:')).toEqual({
      label: '11:16:33',
      top: 2,
    })
    expect(parseSnapshotHeader('[9:5:3] Top 10 stacks with outstanding allocations:')?.label).toBe(
      '9:5:3',
    )
    expect(parseSnapshotHeader('[11:16:33] Top stacks')).toBeNull()
  })

  it('reads block headers with any indentation', () => {
    expect(parseBlockHeader('\t0 bytes in 6261 allocations from stack')).toEqual({
      bytes: 0,
      allocations: 6261,
    })
    expect(parseBlockHeader('7606272 bytes in 1857 allocations from stack')?.bytes).toBe(7606272)
    expect(parseBlockHeader('bytes in allocations from stack')).toBeNull()
  })

  it('tolerates -a lines of both tools', () => {
    expect(isAllocationLine('\taddr = 948cd0 size = 16')).toBe(true)
    expect(isAllocationLine('\taddr = 0x563f625b4110 size = 16')).toBe(true)
    expect(isAllocationLine('\taddr = size = 16')).toBe(false)
  })
})

describe('splitBytesRepr', () => {
  it('unescapes the 2019 bytes repr and drops a cut last frame', () => {
    expect(splitBytesRepr("b'a+0x1 [kernel]\\n\\t\\tb+0x2 [kernel]'")).toEqual({
      frames: ['a+0x1 [kernel]', 'b+0x2 [kernel]'],
      truncated: false,
    })
    expect(splitBytesRepr("b'a+0x1 [kernel]\\n\\t\\tb+0x2 [ker")).toEqual({
      frames: ['a+0x1 [kernel]'],
      truncated: true,
    })
    expect(splitBytesRepr('main+0x6d [allocs]')).toBeNull()
  })
})
