import { pathBasename } from '../../lib/path-basename'
import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { FrameKind } from '../../model/types'

/**
 * Node.js frame lines: V8 JavaScript frames (`    at fn (/path/file.js:3:9)`) and the
 * native frames of a fatal error (` 1: 0xb09c10 node::Abort() [node]`).
 *
 * V8's `CallSite` formatting (v8/src/objects/call-site-info.cc `SerializeJSStackFrame`, read
 * 2026-11-22): `at [async ][new ]Type.fn [as alias] (location)` or `at location`, where the
 * location is `file:line:col`, `native`, `<anonymous>` or `index N` (Promise.all).
 */

/** Parses `at ...` (any indentation) into a frame; null if the line is not one. */
export function parseJsFrameLine(
  builder: IncidentBuilder,
  text: string,
): IndexIntoFrameTable | null {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('at ') || text.length === trimmed.length) return null
  let rest = trimmed.slice(3).trimEnd()
  // The last frame before an error's property block ends in ` {`.
  if (rest.endsWith(' {')) rest = rest.slice(0, -2)
  let func = ''
  let location = rest
  if (rest.endsWith(')')) {
    const open = rest.lastIndexOf(' (')
    if (open > 0) {
      func = rest.slice(0, open)
      location = rest.slice(open + 2, -1)
    }
  }
  if (func.startsWith('async ')) func = func.slice(6)
  const alias = func.indexOf(' [as ')
  if (alias > 0) func = func.slice(0, alias)
  let file: string | undefined = location
  let line: number | undefined
  const m = /^(.*):(\d+):\d+$/.exec(location)
  if (m) {
    file = m[1]
    line = Number(m[2])
  }
  const { kind, module } = jsFrameKind(file)
  return builder.frame({ func: func || '<anonymous>', file, line, module, kind })
}

// Node's own modules: `node:internal/timers`, and before Node 16 `internal/timers.js`,
// `module.js`, `events.js` (paths without a directory root).
const CORE_RE = /^(?:node:|internal\/|[\w-]+\.js$)/

/** Kind and module of a JavaScript frame from its file. */
export function jsFrameKind(file: string | undefined): { kind: FrameKind; module?: string } {
  if (
    file === undefined ||
    file === 'native' ||
    file === '<anonymous>' ||
    file.startsWith('index ')
  )
    return { kind: FrameKind.runtime }
  if (CORE_RE.test(file)) {
    const name = file.replace(/^node:/, '').replace(/\.js$/, '')
    return { kind: FrameKind.runtime, module: `node:${name}` }
  }
  const nm = file.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = file.slice(nm + 13).split('/')
    const pkg = parts[0].startsWith('@') && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0]
    return { kind: FrameKind.library, module: pkg }
  }
  const base = pathBasename(file).replace(/\.[cm]?[jt]sx?$/, '')
  return { kind: FrameKind.app, module: base || undefined }
}

// ` 1: 0xb8d11b node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]` (Linux,
// macOS), ` 1: 00007FF655E1542D node::SetCppgcReference+17693` (Windows: no 0x, `+decimal`,
// no module), ` 4: 0x1113aa5  [node]` (no symbol). From node's `DumpNativeBacktrace`.
const NATIVE_RE = /^\s*(\d+): (0x[0-9a-fA-F]+|[0-9a-fA-F]{8,16})(?: (.*))?$/

/** Parses a native frame line of a fatal error; null if the line is not one. */
export function parseNativeFrameLine(
  builder: IncidentBuilder,
  text: string,
): IndexIntoFrameTable | null {
  const m = NATIVE_RE.exec(text)
  if (!m) return null
  const address = m[2].startsWith('0x') ? m[2] : `0x${m[2]}`
  let rest = (m[3] ?? '').trim()
  let module: string | undefined
  if (rest.endsWith(']')) {
    const open = rest.lastIndexOf('[')
    if (open >= 0) {
      const path = rest.slice(open + 1, -1)
      module = pathBasename(path)
      rest = rest.slice(0, open).trim()
    }
  }
  // Parameter lists and `+offset` are not identity.
  let func = rest.replace(/\+(?:0x[0-9a-fA-F]+|\d+)$/, '')
  const paren = func.indexOf('(')
  if (paren > 0) func = func.slice(0, paren)
  if (func === '')
    return builder.frame({
      func: module ? `unknown in ${module}` : 'unknown',
      module,
      kind: FrameKind.unknown,
      address,
    })
  return builder.frame({ func, module, kind: FrameKind.runtime, address })
}
