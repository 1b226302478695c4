import { FrameKind } from '../../model/types'

/**
 * Rust backtrace symbols: cleaning them for identity and telling the standard library and
 * dependencies from the application.
 *
 * Symbols come demangled by std's backtrace printer (library/std/src/sys/backtrace.rs, read
 * 2026-11-22): legacy mangling keeps a `::h<16 hex>` hash (2016-era builds add three more
 * characters, `::hb120982054a416e35nu`, or print it in decimal); v0 mangling prints crate
 * disambiguators, `std[e28293b1aa0f68bd]::panicking::...` (rustc 1.95 sample).
 */

const HASH_RE = /::h[0-9a-f]{16}[0-9A-Za-z]{0,4}$/
const DISAMBIGUATOR_RE = /\[[0-9a-f]{16}\]/g
// Legacy-mangling escapes left in 2016-era output: `_$u7b$$u7b$closure$u7d$$u7d$`.
const ESCAPE_RE = /\$(LT|GT|RF|BP|C|SP|LP|RP|u[0-9a-f]{2})\$/g
const ESCAPES: Record<string, string> = {
  LT: '<',
  GT: '>',
  RF: '&',
  BP: '*',
  C: ',',
  SP: '@',
  LP: '(',
  RP: ')',
}

/** The symbol without its hash, crate disambiguators and legacy escapes. */
export function cleanRustSymbol(symbol: string): string {
  let s = symbol.trim()
  if (s.indexOf('::h') >= 0) s = s.replace(HASH_RE, '')
  if (s.indexOf('[') >= 0) s = s.replace(DISAMBIGUATOR_RE, '')
  if (s.indexOf('$') >= 0) {
    s = s.replace(ESCAPE_RE, (_, code: string) =>
      code.startsWith('u') ? String.fromCharCode(parseInt(code.slice(1), 16)) : ESCAPES[code],
    )
    s = s.replace(/::_(?=[{<])/g, '::')
  }
  return s
}

// Crates of the Rust distribution.
const STD_CRATES = new Set([
  'std',
  'core',
  'alloc',
  'panic_unwind',
  'panic_abort',
  'backtrace',
  'std_detect',
  'compiler_builtins',
  '__rustc',
])
// 2016-era backtraces print std's own paths without the `std::` prefix.
const LEGACY_STD_ROOTS = new Set(['sys', 'sys_common', 'panicking', 'rt', 'boxed', 'unwind'])
// The C runtime around `main`, seen at the root of every backtrace.
const C_RUNTIME_RE =
  /^(?:_start|__libc_start_\w+|__libc_start_call_main|start_thread|clone3?|__clone\d*|main)$/

/** The crate a symbol belongs to: its first path segment, or the impl's type or trait. */
export function rustCrate(symbol: string): string {
  let s = symbol
  if (s.startsWith('<')) {
    // `<alloc::vec::Vec<T,A> as core::ops::index::Index<I>>::index`: the type's crate when it
    // is a path, else the trait's (`<usize as core::slice::index::SliceIndex<[T]>>::index`).
    s = s.slice(1).replace(/^(?:&(?:mut )?|dyn |\*const |\*mut )+/, '')
    const typeCrate = firstSegment(s)
    if (typeCrate !== '') return typeCrate
    const as = s.indexOf(' as ')
    if (as >= 0) return firstSegment(s.slice(as + 4).replace(/^(?:dyn )/, ''))
    return ''
  }
  return firstSegment(s)
}

function firstSegment(s: string): string {
  const m = /^([A-Za-z_][\w]*)::/.exec(s)
  return m ? m[1] : ''
}

/** Frame kind and module (crate) for a cleaned symbol and its source file, if known. */
export function rustFrameKind(
  symbol: string,
  file: string | undefined,
): { kind: FrameKind; module: string | undefined } {
  if (symbol === '<unknown>' || symbol === '') return { kind: FrameKind.unknown, module: undefined }
  const crate = rustCrate(symbol)
  if (file !== undefined && (file.includes('.cargo/registry') || file.includes('.cargo/git')))
    return { kind: FrameKind.library, module: crate || undefined }
  if (
    symbol.startsWith('__rust') ||
    symbol.includes('rust_begin_unwind') ||
    symbol.includes('__rust_begin_short_backtrace') ||
    symbol.includes('__rust_end_short_backtrace')
  )
    return { kind: FrameKind.runtime, module: crate || 'std' }
  if (STD_CRATES.has(crate)) {
    // The panic and backtrace machinery and the entry shim are the runtime; the rest is std.
    const runtime =
      symbol.includes('panicking::') ||
      symbol.includes('backtrace') ||
      symbol.includes('rt::lang_start') ||
      symbol.includes('catch_unwind')
    return { kind: runtime ? FrameKind.runtime : FrameKind.stdlib, module: crate }
  }
  if (crate === '' && C_RUNTIME_RE.test(symbol))
    return { kind: FrameKind.runtime, module: undefined }
  if (LEGACY_STD_ROOTS.has(crate) || symbol.startsWith('__rust_try'))
    return { kind: FrameKind.runtime, module: 'std' }
  return { kind: FrameKind.app, module: crate || undefined }
}
