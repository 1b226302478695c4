import { describe, expect, it } from 'vitest'
import { FrameKind, frameKindNames } from '../../model/types'
import { classifyNativeFrame, type NativeFrameFacts } from './native-frame'
import { normalizeSymbol, waitStateOf } from './thread-state'

describe('native frame kinds', () => {
  it.each<[string, NativeFrameFacts, string, string]>([
    [
      'libc by module',
      { func: 'raise', module: '/lib/x86_64-linux-gnu/libc.so.6' },
      'raise',
      'stdlib',
    ],
    ['musl loader', { func: 'memcpy', module: '/lib/ld-musl-x86_64.so.1' }, 'memcpy', 'stdlib'],
    ['old glibc name', { func: 'abort', module: '/lib64/libc-2.17.so' }, 'abort', 'stdlib'],
    [
      'libstdc++',
      { func: 'std::terminate()', module: 'libstdc++.so.6' },
      'std::terminate()',
      'stdlib',
    ],
    ['not libc: libcrypto', { func: 'EVP_x', module: '/lib/libcrypto.so.10' }, 'EVP_x', 'native'],
    [
      'glibc source path',
      { func: 'clone3', file: '../sysdeps/unix/sysv/linux/x86_64/clone3.S' },
      'clone3',
      'stdlib',
    ],
    ['program code', { func: 'main', file: 'src/haproxy.c', line: 1933 }, 'main', 'app'],
    ['program module (lldb)', { func: 'main', module: 'crash_zlib' }, 'main', 'app'],
    ['vdso', { func: '__vdso_clock_gettime', module: '[vdso]' }, '__vdso_clock_gettime', 'kernel'],
    [
      'unknown keeps its module',
      { func: '??', module: '/lib/libz.so.1' },
      'unknown in libz.so.1',
      'unknown',
    ],
    [
      'unknown with offset',
      { func: 'n/a', module: 'libc.so.6', moduleOffset: '0x9f002' },
      'unknown in libc.so.6+0x9f002',
      'unknown',
    ],
    [
      'ppc64 dot-name',
      { func: '.g_main_loop_run', module: 'libglib-2.0.so.0' },
      'g_main_loop_run',
      'native',
    ],
  ])('%s', (_name, facts, func, kind) => {
    const f = classifyNativeFrame(facts)
    expect(f.func).toBe(func)
    expect(frameKindNames[f.kind]).toBe(kind)
  })
})

describe('thread wait states', () => {
  it.each([
    ['__GI___libc_read', 'read'],
    ['.__GI___poll', 'poll'],
    ['epoll_wait@@GLIBC_2.3.2', 'epoll_wait'],
    ['___pthread_cond_wait', 'pthread_cond_wait'],
  ])('%s normalizes to %s', (raw, name) => {
    expect(normalizeSymbol(raw)).toBe(name)
  })

  const S = FrameKind.stdlib
  const A = FrameKind.app
  it.each<[string, string[], FrameKind[], string | undefined]>([
    [
      'cond wait above a futex',
      ['__futex_abstimed_wait_common64', '___pthread_cond_wait', 'idle'],
      [S, S, A],
      'cond wait',
    ],
    [
      'a bare futex is a lock wait',
      ['__futex_abstimed_wait_common64', 'worker'],
      [S, A],
      'lock wait',
    ],
    ['io wait', ['epoll_wait', 'loop'], [S, A], 'io wait'],
    ['nothing past the program code', ['compute', 'nanosleep'], [A, S], undefined],
    ['a running leaf', ['memcpy', 'main'], [S, A], undefined],
  ])('%s', (_name, funcs, kinds, state) => {
    expect(waitStateOf(funcs, kinds)).toBe(state)
  })
})
