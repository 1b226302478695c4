import { pathBasename } from '../../lib/path-basename'
import { isSharedLibrary } from '../native/native-frame'

/**
 * Whether a symbol perf printed is a Go function: Go programs are linked statically, so their
 * functions sit in the program's own DSO, named `package.Function` with the import path
 * before it (`crypto/sha256.block.abi0`, `main.main.func1`, `sort.(*IntSlice).Less`). C has no
 * `.` in its names but for the compiler's clones (`msort_with_tmp.part.0`,
 * `finish_task_switch.isra.0`, `foo.cold`); C++ and Rust say `::`.
 */
export function isGoSymbol(func: string, dso: string): boolean {
  if (dso === '' || dso.startsWith('[')) return false
  const base = pathBasename(dso)
  if (isSharedLibrary(base) || base === 'vmlinux' || base.startsWith('vmlinux-')) return false
  if (func.includes('::') || COMPILER_CLONE.test(func)) return false
  return GO_NAME.test(func)
}

// `pkg.Name`, `path/to/pkg.Name`, `pkg.(*Type).Method`: a lower-case package path, a dot,
// then a name or a method receiver.
const GO_NAME = /^[a-z][\w.~/-]*\.[\w(*]/
const COMPILER_CLONE = /\.(?:part|isra|constprop|cold|lto_priv|llvm|localalias|clone)(?:\.|$)/
