import type { FrameInput } from '../../model/builder'
import { isUnknownFunc, nativeFrameKind, unknownFrame } from '../native/native-frame'

/**
 * One frame of a sanitizer stack, as the sanitizer symbolizer prints it (compiler-rt
 * `sanitizer_stacktrace_printer.cpp`, default `stack_trace_format` "    #%n %p %F %L"; the
 * same for gcc's libsanitizer). Forms seen in the corpus (docs/formats/sanitizer.md):
 *
 *     #0 0x5652deb47738 in handle_request /path/mem_errors.c:24:84      clang: file:line:col
 *     #0 0x7fa4d4163808 in __interceptor_malloc ../asan_malloc_linux.cc:144   gcc: no column
 *     #0 0x5652deb0bea2 in free (/tmp/me_asan+0xa3ea2) (BuildId: dfae06...)  module+offset
 *     #0 0x4b9808  (/home/ubuntu/fuzz/cstring/app+0x4b9808)              unsymbolized: two spaces
 *     #1 <null> <null> (libtsan.so.0+0x29b3d)                            TSan: no address
 *     #0 record_hit /path/tsan_race.c:12:62 (tsan_race+0xd02f1)          TSan: no "in"
 *     #6 0x7fff7dd12144 in start (libdyld.dylib:x86_64+0x1144)           macOS: module:arch+offset
 *
 * The function part can hold spaces and parentheses (C++ signatures), so the module and the
 * file:line are taken from the right.
 */
export type SanitizerFrame = { index: number; frame: FrameInput }

// `#N ` at the start (after indentation).
const FRAME_HEAD = /^\s*#(\d+) /
// Trailing ` (BuildId: HEX)`, LLVM 15+ and gcc 13+.
const BUILD_ID = / ?\(BuildId: [0-9a-fA-F]+\)$/
// Trailing `(module+0xoff)` / `(module:arch+0xoff)`; the module part has no parentheses.
const MODULE_OFFSET = /\(([^()]+?)(?::(?:x86_64h?|arm64e?|i386|aarch64))?\+(0x[0-9a-fA-F]+)\)$/
// `file:line[:col]` as the last token; Markdown sometimes appends `_*` (eaten emphasis).
const FILE_LINE = /^(.+?):(\d+)(?::\d+)?[_*]*$/

/** Parses a frame line (indentation allowed); null when the line is not one. */
export function parseSanitizerFrame(line: string): SanitizerFrame | null {
  const head = FRAME_HEAD.exec(line)
  if (!head) return null
  let rest = line.slice(head[0].length).trim()
  let address: string | undefined
  if (rest.startsWith('0x')) {
    let end = 2
    while (end < rest.length && isHex(rest.charCodeAt(end))) end++
    if (end === 2) return null
    address = rest.slice(0, end)
    rest = rest.slice(end).trimStart()
    if (rest.startsWith('in ')) rest = rest.slice(3)
  }
  rest = rest.replace(BUILD_ID, '')
  let module: string | undefined
  let offset: string | undefined
  const mo = MODULE_OFFSET.exec(rest)
  if (mo) {
    module = mo[1]
    offset = mo[2]
    rest = rest.slice(0, mo.index).trimEnd()
  }
  let func = rest
  let file: string | undefined
  let lineNo: number | undefined
  const space = rest.lastIndexOf(' ')
  if (space > 0) {
    const last = rest.slice(space + 1)
    const fl = FILE_LINE.exec(last)
    if (fl) {
      file = fl[1]
      lineNo = Number(fl[2])
      func = rest.slice(0, space)
    } else if (last === '<null>') {
      func = rest.slice(0, space)
    }
  }
  if (module === '[stack]') module = undefined
  if (isUnknownFunc(func)) {
    if (!module && !file && !address) return null
    return { index: Number(head[1]), frame: unknownFrame(module, offset ?? address, address) }
  }
  return {
    index: Number(head[1]),
    frame: {
      func,
      file,
      line: lineNo,
      module,
      kind: nativeFrameKind(func, file, module),
      address: address ?? offset,
    },
  }
}

/**
 * Whether a line looks like a sanitizer frame, cheaply enough for `sniff`: `#N 0xHEX in `,
 * `#N 0xHEX  (`, or the TSan form ending in `+0xHEX)` with an optional BuildId.
 */
export function looksLikeSanitizerFrame(line: string, hash: number): boolean {
  let i = hash + 1
  const digits = i
  while (i < line.length && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++
  if (i === digits || line.charCodeAt(i) !== 32) return false
  // The frame number must be indented (4 spaces in every sanitizer) or at a prefix boundary.
  if (hash > 0 && line.charCodeAt(hash - 1) !== 32) return false
  i++
  if (line.startsWith('0x', i)) {
    let j = i + 2
    while (j < line.length && isHex(line.charCodeAt(j))) j++
    return line.startsWith(' in ', j) || line.startsWith('  (', j)
  }
  if (line.startsWith('<null> <null> (', i)) return true
  const body = line.replace(BUILD_ID, '')
  return body.endsWith(')') && MODULE_OFFSET.test(body)
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
}
