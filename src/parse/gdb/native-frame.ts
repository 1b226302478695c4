import type { FrameInput } from '../../model/builder'
import { FrameKind } from '../../model/types'

/**
 * Frame classification shared by the native debugger formats (gdb, lldb, eu-stack, glibc's
 * old backtrace). They all print the same facts in different orders: a function (or none), a
 * source location (or none) and a shared object (or none).
 */

/** What a native debugger printed for one frame, before classification. */
export type NativeFrameFacts = {
  /** The symbol as printed, or '' / `??` / `n/a` when unknown. */
  func: string
  file?: string
  line?: number
  /** Shared object path or name (`/lib/x86_64-linux-gnu/libz.so.1`, `libc.so.6`). */
  module?: string
  address?: string
  /** Offset inside the module when that is all the tool knows (`libc.so.6 + 0x9f002`). */
  moduleOffset?: string
}

/** `/lib/x86_64-linux-gnu/libz.so.1` -> `libz.so.1`. */
export function moduleBasename(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return slash < 0 ? path : path.slice(slash + 1)
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

// glibc's source tree as debug info names it: `../sysdeps/...`, `./nptl/...`, `../csu/...`.
const GLIBC_SOURCE =
  /^(?:\.\.?\/)+(?:sysdeps|nptl|csu|stdlib|string|posix|malloc|libio|assert|debug|signal|misc|elf|io|socket|time|stdio-common|iconv|dlfcn|login|resolv|wcsmbs|locale|setjmp|intl|dirent|inet|sunrpc|nss|rt)\//

// glibc's internal symbol spellings (`__GI_raise`, `__libc_read`, `___pthread_join`,
// `__memcpy_avx512_unaligned_erms`, `_IO_file_write`), seen without debug info or module.
const GLIBC_SYMBOL =
  /^(?:__GI_|__libc_|___?pthread_|__futex_|__lll_|__mem(?:cpy|move|set|cmp)|__str|_IO_|__assert_fail|__stack_chk_fail|__fortify_fail|__clone|__sleep|__nanosleep|_dl_)/

/** Whether this is a function name that only says "unknown". */
export function isUnknownFunc(func: string): boolean {
  return (
    func === '' ||
    func === '??' ||
    func === '???' ||
    func === 'n/a' ||
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

/**
 * Turns printed facts into a frame identity with its kind:
 * unknown for `??` (keeping the module), kernel for `[vdso]`, stdlib for the C runtime
 * (by module, glibc source path or glibc symbol), native for other shared libraries, app
 * for the program's own code.
 */
export function classifyNativeFrame(f: NativeFrameFacts): FrameInput {
  const module = f.module ? moduleBasename(f.module) : undefined
  const func = cleanFunc(f.func)
  const base = { file: f.file, line: f.line, module, address: f.address }
  if (isUnknownFunc(func)) {
    let name = module ? `unknown in ${module}` : 'unknown'
    if (module && f.moduleOffset) name += `+${f.moduleOffset}`
    return { ...base, func: name, kind: FrameKind.unknown }
  }
  return { ...base, func, kind: nativeKind(func, f.file, module) }
}

function nativeKind(func: string, file: string | undefined, module: string | undefined): FrameKind {
  if (module !== undefined) {
    if (module === '[vdso]' || module.startsWith('linux-vdso') || module.startsWith('linux-gate'))
      return FrameKind.kernel
    if (isStdlibModule(module)) return FrameKind.stdlib
    if (isSharedLibrary(module)) return FrameKind.native
    return FrameKind.app
  }
  if (func === '__kernel_vsyscall' || func.startsWith('__vdso_')) return FrameKind.kernel
  if (file !== undefined && GLIBC_SOURCE.test(file)) return FrameKind.stdlib
  if (GLIBC_SYMBOL.test(func)) return FrameKind.stdlib
  return FrameKind.app
}

/** Signal numbers as old gdb prints them (`Program terminated with signal 11, ...`). */
const SIGNAL_NAMES: Record<string, string> = {
  '1': 'SIGHUP',
  '2': 'SIGINT',
  '3': 'SIGQUIT',
  '4': 'SIGILL',
  '5': 'SIGTRAP',
  '6': 'SIGABRT',
  '7': 'SIGBUS',
  '8': 'SIGFPE',
  '9': 'SIGKILL',
  '11': 'SIGSEGV',
  '13': 'SIGPIPE',
  '15': 'SIGTERM',
  '31': 'SIGSYS',
}

/** `11` -> `SIGSEGV`; names pass through. */
export function signalName(signal: string): string {
  return SIGNAL_NAMES[signal] ?? signal
}

/** Signals that mean the program died of a fault rather than being stopped or interrupted. */
export function isFatalSignal(signal: string): boolean {
  return /^SIG(?:SEGV|BUS|ABRT|IOT|ILL|FPE|TRAP|SYS|KILL)$/.test(signalName(signal))
}
