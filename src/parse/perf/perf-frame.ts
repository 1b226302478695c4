/**
 * One frame of a sample's call chain in `perf script` output (builtin-script.c
 * `sample__fprintf_callchain` -> util/evsel_fprintf.c, Linux 6.1): a tab, the address in hex
 * right-aligned to 16, the symbol with `+0xoffset` (`-F sym` without `symoff` drops it) and
 * the DSO in parentheses:
 *
 *     	            125f hash_block+0x47 (/usr/local/bin/perf-threads-demo)
 *     	             7bd [unknown] ([vdso])
 *     	           3fbf3 msort_with_tmp+0x293 (inlined)
 *     	          4e85d9 ext4_file_read_iter (/lib/modules/4.13.0-rc1/build/vmlinux)
 *     	    552c0000552c [unknown] ([unknown])
 *
 * The same `addr sym (dso)` ends a header line of a sample recorded without call chains.
 */
export type PerfFrame = {
  /** `0x125f`. */
  address: string
  /** The symbol without its offset; `[unknown]` when perf could not name it. */
  func: string
  /** The DSO as printed (`/usr/lib/x86_64-linux-gnu/libc.so.6`, `[kernel.kallsyms]`), or ''. */
  dso: string
}

/** Reads a frame (its text already trimmed); null when the text is not one. */
export function parsePerfFrame(text: string): PerfFrame | null {
  const space = text.indexOf(' ')
  const address = space < 0 ? text : text.slice(0, space)
  if (address.length === 0 || address.length > 16 || !/^[0-9a-f]+$/.test(address)) return null
  let rest = space < 0 ? '' : text.slice(space + 1).trim()
  let dso = ''
  if (rest.endsWith(')')) {
    // The DSO's own parentheses may nest: `(/usr/bin/app (deleted))`.
    let depth = 0
    let open = -1
    for (let i = rest.length - 1; i >= 0; i--) {
      const c = rest.charCodeAt(i)
      if (c === 41 /* ) */) depth++
      else if (c === 40 /* ( */ && --depth === 0) {
        open = i
        break
      }
    }
    if (open === 0 || (open > 0 && rest.charCodeAt(open - 1) === 32)) {
      dso = rest.slice(open + 1, -1)
      rest = rest.slice(0, open).trim()
    }
  }
  return { address: `0x${address}`, func: stripOffset(rest), dso }
}

/** `hash_block+0x47` -> `hash_block`. */
function stripOffset(sym: string): string {
  const plus = sym.lastIndexOf('+0x')
  if (plus <= 0) return sym
  for (let i = plus + 3; i < sym.length; i++) {
    const c = sym.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return sym
  }
  return plus + 3 < sym.length ? sym.slice(0, plus) : sym
}
