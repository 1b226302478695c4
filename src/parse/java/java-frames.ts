import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { FrameKind } from '../../model/types'

/**
 * Java frame lines, shared by exception traces and thread dumps.
 *
 * `StackTraceElement.toString()` (JDK 9+, java.base/java/lang/StackTraceElement.java, read
 * 2026-11-22) prints `[loader/][module@version/]Class.method(File.java:12)`; thread dumps
 * (`jstack`, `jcmd Thread.print`, SIGQUIT) print the module inside the parentheses instead:
 * `java.lang.Object.wait(java.base@17.0.15/Native Method)`. Both forms are in the corpus.
 */

// `\tat pkg.Class.method(Loc)`, after any indentation. The call part has no spaces; the
// location may be `File.java:12`, `Native Method`, `Unknown Source`, `module@v/File.java:12`.
const FRAME_RE = /^\s*at ([^\s(]+)\((.*)\)\s*$/

// Hidden classes (lambdas) print their per-run address: `Crash$$Lambda$1/0x00007f92c8000a08`.
const HIDDEN_CLASS_RE = /\/0x[0-9a-fA-F]+/

/** The parts of a Java frame line, before it is interned. */
export type JavaFrameParts = {
  /** `pkg.Class.method`. */
  func: string
  /** The package (`java.lang`), '' for the default package. */
  module: string
  file?: string
  line?: number
  native: boolean
}

/** Parses `at pkg.Class.method(File.java:12)` (any indentation); null if it is not one. */
export function parseJavaFrameLine(text: string): JavaFrameParts | null {
  if (text.indexOf('at ') < 0) return null
  const m = FRAME_RE.exec(text)
  if (!m) return null
  return javaFrameParts(m[1], m[2])
}

/** Splits `[loader/][module@v/]pkg.Class.method` and its `(location)` into frame parts. */
export function javaFrameParts(call: string, location: string): JavaFrameParts {
  let name = call
  // Strip `loader/` and `module@version/` prefixes, but not a hidden class's `/0x...` suffix.
  for (;;) {
    const slash = name.indexOf('/')
    if (slash <= 0 || name.startsWith('0x', slash + 1)) break
    name = name.slice(slash + 1)
  }
  if (name.indexOf('/0x') >= 0) name = name.replace(HIDDEN_CLASS_RE, '')
  const dotMethod = name.lastIndexOf('.')
  const cls = dotMethod > 0 ? name.slice(0, dotMethod) : name
  const dotPkg = cls.lastIndexOf('.')
  const module = dotPkg > 0 ? cls.slice(0, dotPkg) : ''

  let loc = location
  const locSlash = loc.lastIndexOf('/')
  if (locSlash >= 0) loc = loc.slice(locSlash + 1)
  const native = loc === 'Native Method'
  let file: string | undefined
  let line: number | undefined
  if (!native && loc !== 'Unknown Source' && loc !== '') {
    const colon = loc.lastIndexOf(':')
    if (colon > 0 && /^\d+$/.test(loc.slice(colon + 1))) {
      file = loc.slice(0, colon)
      line = Number(loc.slice(colon + 1))
    } else {
      file = loc
    }
  }
  return { func: name, module, file, line, native }
}

/** Packages of the Java platform itself. */
export function isJavaPlatformPackage(module: string): boolean {
  return (
    module.startsWith('java.') ||
    module.startsWith('javax.') ||
    module.startsWith('jdk.') ||
    module.startsWith('sun.') ||
    module.startsWith('com.sun.') ||
    module === 'java' ||
    module === 'sun'
  )
}

/**
 * Frame kind: the Java platform is stdlib; a native method outside it is native code seen
 * from Java; everything else is the application (third-party JARs cannot be told apart).
 */
export function javaFrameKind(parts: JavaFrameParts): FrameKind {
  if (isJavaPlatformPackage(parts.module)) return FrameKind.stdlib
  if (parts.native) return FrameKind.native
  return FrameKind.app
}

export function internJavaFrame(
  builder: IncidentBuilder,
  parts: JavaFrameParts,
): IndexIntoFrameTable {
  return builder.frame({
    func: parts.func,
    file: parts.file,
    line: parts.line,
    module: parts.module || undefined,
    kind: javaFrameKind(parts),
  })
}

// hs_err frame lines: `C  [libc.so.6+0x899a6]  memcpy+0x286`, `V  [libjvm.so+0xed2f94]
// Unsafe_PutLong+0x124`, `j  Crash.main([Ljava/lang/String;)V+5`, `v  ~StubRoutines::call_stub`,
// `J 123 c2 java.lang.String.hashCode()I java.base@17 (55 bytes) @ 0x... [0x...+0x...]`.
// From hotspot's `frame::print_on_error` (src/hotspot/share/runtime/frame.cpp, read 2026-11-22).
const HS_FRAME_RE = /^([CVjJvA])\s(.*)$/
const HS_LIB_RE = /^\[([^\]+]+)\+(0x[0-9a-fA-F]+)\]/
const HS_OFFSET_RE = /\+0x[0-9a-fA-F]+$/

/** Parses one hs_err native/Java frame line into a frame; null if it is not one. */
export function parseHsErrFrame(
  builder: IncidentBuilder,
  text: string,
): IndexIntoFrameTable | null {
  const m = HS_FRAME_RE.exec(text)
  if (!m) return null
  const type = m[1]
  let rest = m[2].trim()
  const libMatch = HS_LIB_RE.exec(rest)
  const lib = libMatch?.[1]
  const address = libMatch?.[2]
  if (libMatch) rest = rest.slice(libMatch[0].length).trim()
  if (type === 'C' || type === 'V' || type === 'v') {
    const symbol = rest.replace(HS_OFFSET_RE, '')
    const kind = type === 'C' ? FrameKind.native : FrameKind.runtime
    if (symbol === '') {
      return builder.frame({
        func: lib ? `unknown in ${lib}` : 'unknown',
        module: lib,
        kind: FrameKind.unknown,
        address,
      })
    }
    return builder.frame({ func: symbol, module: lib, kind, address })
  }
  // Java frames (interpreted, compiled, AOT): the `pkg.Class.method(` part names the method.
  // `j  Crash.main([Ljava/lang/String;)V+5`, `J 123 c2 java.lang.String.hashCode()I ...`: the
  // last word before the first `(` names the method.
  const paren = rest.indexOf('(')
  const before = paren > 0 ? rest.slice(0, paren) : ''
  const call = before.slice(before.lastIndexOf(' ') + 1)
  if (call.indexOf('.') <= 0) {
    if (rest === '') return null
    return builder.frame({ func: rest, kind: FrameKind.runtime })
  }
  const parts = javaFrameParts(call, '')
  return internJavaFrame(builder, parts)
}
