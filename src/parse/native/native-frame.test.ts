import { describe, expect, it } from 'vitest'
import { frameKindNames } from '../../model/types'
import {
  classifyNativeFrame,
  nativeFrameKind,
  unknownFrame,
  type NativeFrameFacts,
} from './native-frame'

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
      'C++ library template, bare header (valgrind text)',
      {
        func: 'std::__new_allocator<int>::allocate(unsigned long, void const*)',
        file: 'new_allocator.h',
        line: 137,
      },
      'std::__new_allocator<int>::allocate(unsigned long, void const*)',
      'stdlib',
    ],
    [
      'libstdc++ extension namespace',
      { func: '__gnu_cxx::__verbose_terminate_handler()' },
      '__gnu_cxx::__verbose_terminate_handler()',
      'stdlib',
    ],
    [
      'the program, named like a library',
      { func: 'stdx::run()', file: 'run.cc' },
      'stdx::run()',
      'app',
    ],
    ["glibc's loader calling initialisers", { func: 'call_init' }, 'call_init', 'stdlib'],
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

// Guards against the two classifiers this one replaced, which disagreed: gdb called libz's
// `inflate` native and the leak reports app; gdb called `malloc` stdlib and the leak reports
// runtime; only the leak reports knew `<null>`. So a stack's first application frame and its
// colours changed with the tool that printed it.
describe('one answer whichever tool printed the frame', () => {
  const kind = (func: string, file?: string, module?: string) =>
    frameKindNames[nativeFrameKind(func, file, module)]

  it.each<[string, string, string | undefined, string | undefined, string]>([
    [
      'inflate in libz (gdb, full path)',
      'inflate',
      undefined,
      '/lib/x86_64-linux-gnu/libz.so.1',
      'native',
    ],
    ['inflate in libz (ASan module)', 'inflate', undefined, '/usr/lib/libz.so.1.2.13', 'native'],
    ['inflate in libz (valgrind obj)', 'inflate', undefined, 'libz.so.1', 'native'],
    ['bare malloc', 'malloc', undefined, undefined, 'stdlib'],
    ['malloc in libc', 'malloc', undefined, '/lib/x86_64-linux-gnu/libc.so.6', 'stdlib'],
    ['operator new printed bare', 'operator new(unsigned long)', undefined, undefined, 'stdlib'],
    [
      'malloc intercepted by ASan',
      'malloc',
      undefined,
      '/lib/x86_64-linux-gnu/libasan.so.8',
      'runtime',
    ],
    [
      'malloc in compiler-rt source',
      'malloc',
      '/src/llvm/compiler-rt/lib/asan/asan_malloc_linux.cpp',
      undefined,
      'runtime',
    ],
    ['malloc replaced by valgrind', 'malloc', 'vg_replace_malloc.c', undefined, 'runtime'],
    ['an interceptor symbol', '__interceptor_free', undefined, undefined, 'runtime'],
    ['jemalloc entry point', 'je_malloc_default', undefined, undefined, 'runtime'],
    ['libc start by name', '__libc_start_main', undefined, undefined, 'stdlib'],
    ['thread start by name', 'start_thread', undefined, undefined, 'stdlib'],
    [
      'libstdc++ header',
      'std::vector<int>::push_back',
      '/usr/include/c++/12/bits/stl_vector.h',
      undefined,
      'stdlib',
    ],
    ['the program by path', 'main', '/app/src/main.c', '/app/bin/server', 'app'],
    ['vDSO', '__vdso_clock_gettime', undefined, 'linux-vdso.so.1', 'kernel'],
    // perf script names the running kernel's DSO so, or the vmlinux image it read symbols from.
    ['perf kernel DSO', 'do_syscall_64', undefined, '[kernel.kallsyms]', 'kernel'],
    ['vmlinux image', 'vfs_read', undefined, '/lib/modules/4.13.0-rc1/build/vmlinux', 'kernel'],
    // Only the kernel's own names: a program called `vmlinuxtool` is the program.
    ['not the kernel', 'main', undefined, '/usr/bin/vmlinuxtool', 'app'],
  ])('%s', (_name, func, file, module, want) => {
    expect(kind(func, file, module)).toBe(want)
  })

  it.each(['<null>', '<null sym>', '??', '[unknown]', 'n/a'])('%s is unknown', (func) => {
    expect(frameKindNames[classifyNativeFrame({ func, module: 'libfoo.so' }).kind]).toBe('unknown')
  })

  it('a debugger frame and a leak-report frame of one function agree', () => {
    const fromGdb = classifyNativeFrame({ func: 'inflate', module: '/lib/libz.so.1' })
    expect(fromGdb.kind).toBe(nativeFrameKind('inflate', undefined, '/lib/libz.so.1'))
  })

  it('names an unknown leak-report frame by module and offset', () => {
    expect(unknownFrame('/usr/lib/libzookeeper_mt.so.2', '0x1a2b').func).toBe(
      'unknown in libzookeeper_mt.so.2+0x1a2b',
    )
  })
})
