import { pathBasename } from '../../lib/path-basename'
import type { FrameInput } from '../../model/builder'
import { FrameKind } from '../../model/types'

/**
 * The one classifier of native frames, for every format that prints C, C++ or Rust stacks:
 * debuggers (gdb, lldb, eu-stack, glibc's backtrace) and leak or memory-error reports
 * (sanitizers, valgrind, heaptrack, jemalloc, tcmalloc). One stack gets the same kinds, so the
 * same "first application frame" and colours, whichever tool printed it.
 *
 * The kinds, in the order they are decided:
 * - kernel: the vDSO (`[vdso]`, `__vdso_*`, `__kernel_vsyscall`) and the kernel itself as
 *   profilers name it (perf's `[kernel.kallsyms]`, a `vmlinux` image);
 * - runtime: a sanitizer, valgrind or allocator runtime by its path (`libasan.so`,
 *   `compiler-rt/`, `vg_replace_malloc.c`, `libjemalloc`), or an interceptor symbol
 *   (`__interceptor_malloc`, `__asan_memcpy`, `je_malloc`);
 * - stdlib: the C and C++ runtime by module (`libc.so.6`, `libstdc++`, `ld-musl`), by glibc's
 *   source tree (`../sysdeps/...`), by glibc's internal symbols (`__GI_raise`) or the C++
 *   library's namespaces (`std::`, `__gnu_cxx::`), and the
 *   allocator entry points printed bare (`malloc`, `free`, `operator new`): libc's;
 * - native: any other shared library (`libz.so.1`'s `inflate`): code the team links but did
 *   not write;
 * - app: the program itself;
 * - unknown: a function the tool could not name (`??`, `<null>`, `[unknown]`).
 */

/** What a tool printed for one frame, before classification. */
export type NativeFrameFacts = {
  /** The symbol as printed, or '' / `??` / `n/a` / `<null>` when unknown. */
  func: string
  file?: string
  line?: number
  /** Shared object path or name (`/lib/x86_64-linux-gnu/libz.so.1`, `libc.so.6`). */
  module?: string
  address?: string
  /** Offset inside the module when that is all the tool knows (`libc.so.6 + 0x9f002`). */
  moduleOffset?: string
}

// The C and C++ runtime: glibc (libc, libpthread, libm, libdl, librt, ld-linux), musl
// (ld-musl-*, libc.musl-*), libstdc++/libc++, libgcc_s, macOS libsystem_* and Windows CRT.
const STDLIB_MODULE =
  /^(?:libc|libstdc\+\+|libc\+\+|libc\+\+abi|libpthread|libm|libdl|librt|libresolv|libutil|libgcc_s|libsystem_[a-z_]+|libdyld|ld-linux[\w-]*|ld-musl[\w-]*|libc\.musl[\w-]*|ld64|ld|msvcrt|ucrtbase|ntdll|kernel32|KERNELBASE)(?:\.|-\d|$)/

/** Whether a module (basename) is the C/C++ runtime. */
export function isStdlibModule(base: string): boolean {
  return STDLIB_MODULE.test(base)
}

/** Whether a module name is a shared library rather than the program itself. */
export function isSharedLibrary(base: string): boolean {
  return /\.(?:so|dylib|dll)(?:\.|$)/.test(base) || base.startsWith('lib')
}

// Sanitizer runtimes, valgrind preloads and replacement allocators (module and source paths).
const RUNTIME_PATH =
  /(?:lib[almt]san\.so|libubsan|libhwasan|clang_rt\.|compiler-rt\/|libsanitizer\/|vgpreload_|vg_replace_malloc\.c|libjemalloc|libtcmalloc|libheaptrack)/

// Interceptors and the runtimes' own entry points, whatever module they are printed with.
const RUNTIME_FUNC =
  /^(?:__interceptor_|___interceptor_|__asan_|__tsan_|__msan_|__lsan_|__ubsan_|__sanitizer_|__hwasan_|wrap_|__wrap_|je_)/

// The allocator entry points printed bare: libc's (or libstdc++'s, for `operator new`).
const ALLOCATOR_FUNC =
  /^(?:__libc_(?:malloc|calloc|realloc|free)\b|(?:malloc|calloc|realloc|free|valloc|memalign|posix_memalign|aligned_alloc|reallocarray|strdup|strndup)$|operator new|operator delete|_Znwm|_Znam|_ZdlPv|_ZdaPv)/

// The C runtime and the C++ and Rust standard libraries by source path as debug info prints
// it: glibc's tree (`../sysdeps/...`, `csu/../csu/libc-start.c`, `./nptl/...`), libstdc++
// headers, Rust's std sources.
const STDLIB_PATH =
  /(?:^|\/)(?:libc\.so|libc-[\d.]+\.so|libpthread|libstdc\+\+|libc\+\+|libgcc_s|libm\.so|ld-linux|ld-musl|libdyld\.dylib|libsystem_|sysdeps\/|csu\/|nptl\/|string\/\.\/string|include\/c\+\+\/|rustlib\/src\/rust\/library\/)/
const GLIBC_SOURCE =
  /^(?:\.\.?\/)+(?:sysdeps|nptl|csu|stdlib|string|posix|malloc|libio|assert|debug|signal|misc|elf|io|socket|time|stdio-common|iconv|dlfcn|login|resolv|wcsmbs|locale|setjmp|intl|dirent|inet|sunrpc|nss|rt)\//

// glibc's internal symbol spellings (`__GI_raise`, `__libc_read`, `___pthread_join`,
// `__memcpy_avx512_unaligned_erms`, `_IO_file_write`) and its thread and process entry
// points, seen without debug info or module.
const GLIBC_SYMBOL =
  /^(?:__GI_|__libc_|___?pthread_|__futex_|__lll_|__mem(?:cpy|move|set|cmp)|__str|_IO_|__assert_fail|__stack_chk_fail|__fortify_fail|__clone|__sleep|__nanosleep|_dl_|(?:_start|start_thread|clone|clone3|call_init)$)/

// The C++ standard library by its namespaces (libc++ spells `std::__1::`): a program may not
// add to `std`, so a frame there is the library's code even when printed with a bare header
// name (`std::__new_allocator<int>::allocate ... (new_allocator.h:137)`), as valgrind's text does.
const CXX_STDLIB_FUNC = /^(?:std|__gnu_cxx|__cxxabiv1)::/

/** Whether this is a function name that only says "unknown". */
export function isUnknownFunc(func: string): boolean {
  return (
    func === '' ||
    func === '??' ||
    func === '???' ||
    func === 'n/a' ||
    func === '<null>' ||
    func === '<null sym>' ||
    func === '[unknown]' ||
    func === '<unknown>'
  )
}

/** Cleans a printed symbol: ppc64 ELFv1 function descriptors print as `.raise`. */
export function cleanFunc(func: string): string {
  return func.length > 1 && func.charCodeAt(0) === 46 /* . */ && /^\.[A-Za-z_]/.test(func)
    ? func.slice(1)
    : func
}

/** The kind of a named native frame from its function, source file and module (see above). */
export function nativeFrameKind(func: string, file?: string, module?: string): FrameKind {
  const base = module === undefined ? undefined : pathBasename(module)
  if (base === '[vdso]' || base?.startsWith('linux-vdso') || base?.startsWith('linux-gate'))
    return FrameKind.kernel
  if (func === '__kernel_vsyscall' || func.startsWith('__vdso_')) return FrameKind.kernel
  if (base?.startsWith('[kernel.') || base === 'vmlinux' || base?.startsWith('vmlinux-'))
    return FrameKind.kernel
  if (RUNTIME_FUNC.test(func)) return FrameKind.runtime
  if ((file && RUNTIME_PATH.test(file)) || (module && RUNTIME_PATH.test(module)))
    return FrameKind.runtime
  if (file && (STDLIB_PATH.test(file) || GLIBC_SOURCE.test(file))) return FrameKind.stdlib
  if (base !== undefined) {
    if (isStdlibModule(base) || STDLIB_PATH.test(module!)) return FrameKind.stdlib
    if (isSharedLibrary(base)) return FrameKind.native
    // `malloc (/srv/bin/app+0x4c8e23)`: an allocator inside the program itself is a sanitizer
    // runtime linked in statically, not the program's code.
    if (ALLOCATOR_FUNC.test(func)) return FrameKind.runtime
    return FrameKind.app
  }
  if (GLIBC_SYMBOL.test(func) || ALLOCATOR_FUNC.test(func) || CXX_STDLIB_FUNC.test(func))
    return FrameKind.stdlib
  return FrameKind.app
}

/**
 * Turns printed facts into a frame identity with its kind; a frame the tool could not name
 * becomes `unknown in <module>+<offset>` (see `unknownFrame`).
 */
export function classifyNativeFrame(f: NativeFrameFacts): FrameInput {
  const module = f.module ? pathBasename(f.module) : undefined
  const func = cleanFunc(f.func)
  if (isUnknownFunc(func)) {
    let name = module ? `unknown in ${module}` : 'unknown'
    if (module && f.moduleOffset) name += `+${f.moduleOffset}`
    return {
      func: name,
      file: f.file,
      line: f.line,
      module,
      address: f.address,
      kind: FrameKind.unknown,
    }
  }
  return {
    func,
    file: f.file,
    line: f.line,
    module,
    address: f.address,
    kind: nativeFrameKind(func, f.file, module),
  }
}

/**
 * A frame whose function is unknown, as leak reports print it (a module path and offset):
 * named `unknown in <module>+<offset>` (or `unknown` when nothing is known), so unknown
 * frames at one module offset share an identity. The module path is kept whole.
 */
export function unknownFrame(module?: string, offset?: string, address?: string): FrameInput {
  const where = module ? pathBasename(module) + (offset ? `+${offset}` : '') : (offset ?? '')
  return {
    func: where ? `unknown in ${where}` : 'unknown',
    module: module || undefined,
    kind: FrameKind.unknown,
    address,
  }
}
