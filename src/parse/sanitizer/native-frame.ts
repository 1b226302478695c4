import type { FrameInput } from '../../model/builder'
import { FrameKind } from '../../model/types'

/**
 * Helpers shared by the native leak and memory-error parsers (sanitizers, valgrind,
 * heaptrack, jemalloc, tcmalloc): what kind of code a native frame is, and how an unknown
 * function is named so that two unknown frames at the same module offset still group.
 */

// Allocator and sanitizer runtime functions: interceptors and the allocator entry points they
// replace. Skipped when looking for the first application frame.
const RUNTIME_FUNC =
  /^(?:__interceptor_|__asan_|__tsan_|__msan_|__lsan_|__ubsan_|__sanitizer_|__hwasan_|___interceptor_|wrap_|__wrap_|__libc_(?:malloc|calloc|realloc|free)\b|(?:malloc|calloc|realloc|free|valloc|memalign|posix_memalign|aligned_alloc|reallocarray|strdup|strndup)$|operator new|operator delete|je_|_Znwm|_Znam|_ZdlPv|_ZdaPv)/
// Sanitizer runtimes and valgrind preloads (module paths and source paths).
const RUNTIME_PATH =
  /(?:lib[almt]san\.so|libubsan|libhwasan|clang_rt\.|compiler-rt\/|libsanitizer\/|vgpreload_|vg_replace_malloc\.c|libjemalloc|libtcmalloc|libheaptrack)/
// The C runtime, the C++ standard library and the platform's loader (glibc source paths as
// printed in debug info: `../sysdeps/...`, `csu/../csu/libc-start.c`, `./nptl/...`).
const STDLIB_PATH =
  /(?:^|\/)(?:libc\.so|libc-[\d.]+\.so|libpthread|libstdc\+\+|libc\+\+|libgcc_s|libm\.so|ld-linux|ld-musl|libdyld\.dylib|libsystem_|sysdeps\/|csu\/|nptl\/|string\/\.\/string|include\/c\+\+\/|rustlib\/src\/rust\/library\/)/

/** The kind of a native frame from its function, file and module. */
export function nativeFrameKind(func: string, file?: string, module?: string): FrameKind {
  if (RUNTIME_FUNC.test(func)) return FrameKind.runtime
  if ((file && RUNTIME_PATH.test(file)) || (module && RUNTIME_PATH.test(module)))
    return FrameKind.runtime
  if ((file && STDLIB_PATH.test(file)) || (module && STDLIB_PATH.test(module)))
    return FrameKind.stdlib
  if (func.startsWith('__libc_start') || func === '_start' || func === 'start_thread')
    return FrameKind.stdlib
  if (func === 'clone' || func === 'clone3' || func.startsWith('__GI_')) return FrameKind.stdlib
  return FrameKind.app
}

/** The last path component of a module (`/lib/x86_64-linux-gnu/libc.so.6` -> `libc.so.6`). */
export function moduleBaseName(module: string): string {
  const slash = module.lastIndexOf('/')
  return slash >= 0 ? module.slice(slash + 1) : module
}

/** Function names tools print when they do not know the function. */
export function isUnknownFunc(func: string): boolean {
  return (
    func === '' ||
    func === '??' ||
    func === '???' ||
    func === '<null>' ||
    func === '[unknown]' ||
    func === '<unknown>' ||
    func === '<null sym>' ||
    func === 'n/a'
  )
}

/**
 * A frame whose function is unknown: named `unknown in <module>+<offset>` (or `unknown` when
 * nothing is known), so unknown frames at one module offset share an identity.
 */
export function unknownFrame(module?: string, offset?: string, address?: string): FrameInput {
  const where = module ? moduleBaseName(module) + (offset ? `+${offset}` : '') : (offset ?? '')
  return {
    func: where ? `unknown in ${where}` : 'unknown',
    module: module || undefined,
    kind: FrameKind.unknown,
    address,
  }
}

/** Parses a decimal count with thousands separators (`8,032`); NaN when it is not one. */
export function parseCount(text: string): number {
  return Number(text.replace(/,/g, ''))
}
