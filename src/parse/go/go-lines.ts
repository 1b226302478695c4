/**
 * Line grammar of Go tracebacks: panics, fatal errors, goroutine dumps, the race detector and
 * `/debug/pprof/goroutine?debug=1`.
 *
 * Reference: the runtime's printers, `src/runtime/traceback.go` (`goroutineheader`,
 * `traceback2`/`printFuncName`, `printcreatedby1`, `printAncestorTraceback`), `panic.go`
 * (`printpanics`, `fatalthrow`), `signal_unix.go` (`sigpanic` -> `[signal ...]`),
 * `runtime/pprof/pprof.go` (`printCountProfile`), at go1.19 .. go1.23
 * (https://github.com/golang/go/blob/go1.23.4/src/runtime/traceback.go), read 2026-11-22, and
 * the samples in `__fixtures__/` going back to go1.2. Every classifier works on a line whose
 * indentation may have been changed by a paste (tabs become 8 or 2 spaces, or vanish), so
 * classification is by content, not by indentation.
 */
import { FrameKind } from '../../model/types'
import { signalFromNumber } from '../signals'

/** Removes trailing spaces and the ` - ` suffix Kibana exports add to every line. */
export function cleanTail(text: string): string {
  let end = text.length
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--
  if (end === 1 && text.charCodeAt(0) === 45) return ''
  if (end >= 2 && text.charCodeAt(end - 1) === 45 /* - */ && isSpace(text.charCodeAt(end - 2))) {
    end -= 2
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--
  }
  return end === text.length ? text : text.slice(0, end)
}

/** Index of the first non-space character (tab or space), or `text.length`. */
export function indentOf(text: string): number {
  let i = 0
  while (i < text.length && isSpace(text.charCodeAt(i))) i++
  return i
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

// `goroutine 1 [running]:`, go1.23 GOTRACEBACK=system `goroutine 17 gp=0xc000006700 m=1
// mp=0xc00006a008 [syscall, locked to thread]:` (or `m=nil`). The bracket holds the wait
// reason, then optionally `, N minutes` and `, locked to thread` (traceback.go
// goroutineheader).
const GOROUTINE_HEADER =
  /^goroutine (\d+)(?: gp=0x[0-9a-f]+ m=(?:\d+|nil)(?: mp=0x[0-9a-f]+)?)? \[([^\]]*)\]:$/

export type GoroutineHeader = {
  id: number
  state: string
  waitMinutes: number | undefined
  lockedToThread: boolean
}

/** Parses a goroutine header (already trimmed), or returns null. */
export function parseGoroutineHeader(text: string): GoroutineHeader | null {
  if (!text.startsWith('goroutine ') || !isDigit(text.charCodeAt(10))) return null
  // The common `goroutine N [inner]:`, which the regex would read the same, by hand.
  let d = 11
  while (isDigit(text.charCodeAt(d))) d++
  const n = text.length
  if (
    text.charCodeAt(d) === 32 &&
    text.charCodeAt(d + 1) === 91 /* [ */ &&
    text.charCodeAt(n - 1) === 58 /* : */ &&
    text.charCodeAt(n - 2) === 93 /* ] */ &&
    d + 2 <= n - 2
  ) {
    const close = text.indexOf(']', d + 2)
    if (close === n - 2) {
      const bracket = parseBracket(text.slice(d + 2, close))
      return {
        id: Number(text.slice(10, d)),
        state: bracket.state,
        waitMinutes: bracket.waitMinutes,
        lockedToThread: bracket.lockedToThread,
      }
    }
  }
  const m = GOROUTINE_HEADER.exec(text)
  if (!m) return null
  const bracket = parseBracket(m[2])
  return {
    id: Number(m[1]),
    state: bracket.state,
    waitMinutes: bracket.waitMinutes,
    lockedToThread: bracket.lockedToThread,
  }
}

type Bracket = Pick<GoroutineHeader, 'state' | 'waitMinutes' | 'lockedToThread'>
// A dump of 420,000 goroutines has a few dozen distinct brackets (`semacquire, 27 minutes`):
// each is split once. Bounded so a hostile input cannot grow it without limit.
const bracketCache = new Map<string, Bracket>()

function parseBracket(inner: string): Bracket {
  const cached = bracketCache.get(inner)
  if (cached) return cached
  const parts = inner.split(', ')
  let waitMinutes: number | undefined
  let lockedToThread = false
  const rest: string[] = []
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]
    if (p === 'locked to thread') lockedToThread = true
    else if (p.endsWith(' minutes') && isDigit(p.charCodeAt(0))) waitMinutes = parseInt(p, 10)
    else rest.push(p)
  }
  const state = rest.length ? [parts[0], ...rest].join(', ') : parts[0]
  const bracket = { state, waitMinutes, lockedToThread }
  if (bracketCache.size > 10_000) bracketCache.clear()
  bracketCache.set(inner, bracket)
  return bracket
}

export type FuncLine = { func: string; args: string }

/**
 * A frame's function line: `pkg/path.(*T).Method(0xc000010000, {0x5, 0x6}, ...)`,
 * `panic({0x4c5f40, 0x5b3a10})`, inlined `main.f(...)`, go1.2 `testing.func·007()`. The
 * arguments are the last parenthesised group (they never contain parentheses themselves);
 * the name has no spaces and is package-qualified. Inside a stack (`loose`), the C functions
 * of the go1.0-1.4 runtime (`scanblock(...)`, `schedule()`) have no package.
 */
export function parseFuncLine(text: string, loose = false): FuncLine | null {
  if (text.charCodeAt(text.length - 1) !== 41 /* ) */) return null
  const open = text.lastIndexOf('(')
  if (open <= 0) return null
  const func = text.slice(0, open)
  if (func.indexOf(' ') !== -1 || func.indexOf('\t') !== -1) return null
  if (func.indexOf('.') === -1 && func !== 'panic' && !(loose && C_NAME.test(func))) return null
  return { func, args: text.slice(open + 1, -1) }
}

const C_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export type FileLine = {
  file: string
  line: number
  /** `pc=0x..` when printed (GOTRACEBACK=system), else the `+0x..` offset. */
  address: string | undefined
}

/**
 * A frame's location line: `\t/usr/local/go/src/runtime/panic.go:1047 +0x5d fp=0x.. sp=0x..
 * pc=0x..`; the offset and the frame pointers are optional (inlined frames have neither,
 * go1.2 has `fp=` only). Windows paths keep their drive (`C:/Users/...`). Without an offset
 * the path must look like a file (no spaces, has a dot) so prose with a colon is refused.
 */
export function parseFileLine(text: string): FileLine | null {
  let end = text.indexOf(' +0x')
  const hasOffset = end !== -1
  if (!hasOffset) end = text.indexOf(' fp=')
  const marked = end !== -1
  if (!marked) end = text.length
  const colon = text.lastIndexOf(':', end - 1)
  if (colon <= 0 || colon === end - 1) return null
  let line = 0
  for (let i = colon + 1; i < end; i++) {
    const c = text.charCodeAt(i)
    if (!isDigit(c)) return null
    line = line * 10 + (c - 48)
  }
  const file = text.slice(0, colon)
  if (!marked && (file.indexOf(' ') !== -1 || file.indexOf('.') === -1)) {
    if (file !== '<autogenerated>') return null
  }
  let address: string | undefined
  const pc = text.indexOf(' pc=0x', end)
  if (pc !== -1) address = tokenAt(text, pc + 4)
  else if (hasOffset) address = tokenAt(text, end + 2)
  return { file, line, address }
}

function tokenAt(text: string, start: number): string | undefined {
  let end = start
  while (end < text.length && !isSpace(text.charCodeAt(end))) end++
  return end > start + 2 ? text.slice(start, end) : undefined
}

/** `created by net/http.(*Server).Serve` or go1.21+ `created by main.main in goroutine 1`. */
export function parseCreatedBy(text: string): { func: string; parentId?: number } | null {
  if (!text.startsWith('created by ')) return null
  const rest = text.slice(11)
  const at = rest.lastIndexOf(' in goroutine ')
  if (at === -1) return rest ? { func: rest } : null
  const parentId = Number(rest.slice(at + 14))
  return Number.isInteger(parentId)
    ? { func: rest.slice(0, at), parentId }
    : { func: rest.slice(0, at) }
}

/**
 * `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4842eb]`, and before go1.5
 * `[signal 0xb code=0x1 addr=0x20 pc=0x4360a8]` (signal number in hex).
 */
export function parseSignalLine(
  text: string,
): { signal: string; code?: string; addr?: string; pc?: string } | null {
  if (!text.startsWith('[signal ') || !text.endsWith(']')) return null
  const body = text.slice(8, -1)
  const codeAt = body.indexOf(' code=')
  const head = codeAt === -1 ? body : body.slice(0, codeAt)
  const colon = head.indexOf(':')
  let signal = colon === -1 ? head : head.slice(0, colon)
  // Linux numbering, which every pre-go1.5 sample uses.
  if (signal.startsWith('0x')) signal = signalFromNumber(parseInt(signal, 16)) ?? signal
  return {
    signal,
    code: field(body, ' code='),
    addr: field(body, ' addr='),
    pc: field(body, ' pc='),
  }
}

function field(body: string, name: string): string | undefined {
  const at = body.indexOf(name)
  if (at === -1) return undefined
  const start = at + name.length
  const end = body.indexOf(' ', start)
  return body.slice(start, end === -1 ? body.length : end)
}

// `SIGABRT: abort` / `SIGQUIT: quit` / `SIGSEGV: segmentation violation`, the first line of a
// crash from a signal the runtime does not turn into a panic (signal_unix.go sighandler),
// followed by `PC=0x46bf01 m=0 sigcode=0`.
const SIGNAL_HEADER = /^(SIG[A-Z0-9]+): ([a-z][a-z /-]*)$/

export function parseSignalHeader(text: string): { signal: string; message: string } | null {
  if (!text.startsWith('SIG')) return null
  const m = SIGNAL_HEADER.exec(text)
  return m ? { signal: m[1], message: m[2] } : null
}

// Windows: `Exception 0xc0000005 0x0 0x0 0x7ffb1d2c3f4e` (code, two exception information
// words, pc), then `PC=0x...` and `signal arrived during external code execution`
// (runtime/signal_windows.go winthrow / lastcontinuehandler).
const WINDOWS_EXCEPTION = /^Exception (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+)$/

const EXCEPTION_NAMES: Record<string, string> = {
  '0xc0000005': 'EXCEPTION_ACCESS_VIOLATION',
  '0xc00000fd': 'EXCEPTION_STACK_OVERFLOW',
  '0xc000001d': 'EXCEPTION_ILLEGAL_INSTRUCTION',
  '0xc0000094': 'EXCEPTION_INT_DIVIDE_BY_ZERO',
  '0x80000003': 'EXCEPTION_BREAKPOINT',
  '0xc0000409': 'STATUS_STACK_BUFFER_OVERRUN',
}

export function parseWindowsException(
  text: string,
): { signal: string; code: string; addr: string; pc: string } | null {
  if (!text.startsWith('Exception 0x')) return null
  const m = WINDOWS_EXCEPTION.exec(text)
  if (!m) return null
  return { signal: EXCEPTION_NAMES[m[1]] ?? `Exception ${m[1]}`, code: m[1], addr: m[3], pc: m[4] }
}

/** `...additional frames elided...` (traceback cut at 100 frames) and go1.21+ `...N frames elided...`. */
export function isElision(text: string): boolean {
  return text.startsWith('...') && text.endsWith('elided...')
}

// Register dump after a signal crash: `rax    0xca`, `r13    0x1a`, arm64 `lr     0x...`.
const REGISTER_LINE = /^[a-z][a-z0-9]{0,5} +0x[0-9a-f]+$/

export function isRegisterLine(text: string): boolean {
  return text.indexOf(' 0x') !== -1 && REGISTER_LINE.test(text)
}

// Phrases of `runtime: ` lines printed before a fatal error (stack.go, malloc.go, traceback.go).
const RUNTIME_PHRASES = [
  'runtime: goroutine stack exceeds',
  'runtime: out of memory',
  'runtime: unexpected return pc',
  'runtime: program exceeds',
  'runtime: sp=',
  'runtime: morestack on g0',
  'runtime: cannot allocate memory',
  'runtime: pointer ',
  'runtime: bad pointer',
  'runtime: signal received on thread not created by Go',
  'runtime: g ',
  'runtime: VirtualAlloc',
  'runtime: mmap',
]

export function isRuntimeLine(text: string): boolean {
  if (!text.startsWith('runtime: ')) return false
  for (const p of RUNTIME_PHRASES) if (text.startsWith(p)) return true
  return false
}

/** The Go package a function belongs to: the text before the first `.` after the last `/`. */
export function packageOf(func: string): string {
  const end = packageEnd(func)
  return end === -1 ? '' : func.slice(0, end)
}

/** Where `packageOf(func)` ends in `func` (its `.`), or -1 when it is empty. */
export function packageEnd(func: string): number {
  const paren = func.indexOf('(')
  const slash = func.lastIndexOf('/', paren === -1 ? func.length : paren)
  return func.indexOf('.', slash + 1)
}

// The standard library's top-level directories (GOROOT/src, Go 1.0 to 1.24). A dotless path
// outside them is the program's: `module myapp`, `go run`'s `command-line-arguments`, or
// `_/home/u/repro`, Go's name for a package outside GOPATH.
const STD_ROOTS = new Set(
  (
    'archive bufio builtin bytes cmp compress container context crypto database debug embed ' +
    'encoding errors expvar flag fmt go hash html image index internal io iter log maps math ' +
    'mime net os path plugin reflect regexp runtime slices sort strconv strings structs sync ' +
    'syscall testing text time unicode unique unsafe vendor weak cmd'
  ).split(' '),
)

/**
 * What kind of code a Go function is, from its name and file. `runtime.cgocall` and cgo's
 * generated `_Cfunc_` / `_cgo_` symbols mark the Go/C boundary; a first path element of the
 * standard library's (`net/http`, `sync`) is the standard library; module cache and vendor
 * paths are third-party libraries.
 */
export function goFrameKind(func: string, pkg: string, file: string | undefined): FrameKind {
  if (isCgoFunc(func)) return FrameKind.cgo
  if (func === 'panic') return FrameKind.runtime
  return goPackageKind(pkg, file)
}

/** Whether the function is at the Go/C boundary (see goFrameKind). */
export function isCgoFunc(func: string): boolean {
  // Each test only when the name could pass it: most names have no `_`, and start otherwise.
  return (
    (func.indexOf('_') !== -1 &&
      (func.indexOf('_Cfunc_') !== -1 ||
        func.indexOf('_cgo_') !== -1 ||
        func.indexOf('_cgoexp_') !== -1)) ||
    (func.startsWith('runtime.') &&
      (func.startsWith('runtime.cgocall') ||
        func.startsWith('runtime.asmcgocall') ||
        func.startsWith('runtime.cgocallback')))
  )
}

/**
 * `goFrameKind` of a function that is neither at the Go/C boundary nor `panic`: the kind
 * then follows from its package and file alone.
 */
export function goPackageKind(pkg: string, file: string | undefined): FrameKind {
  if (
    pkg === 'runtime' ||
    pkg.startsWith('runtime/internal/') ||
    pkg.startsWith('internal/runtime/')
  )
    return FrameKind.runtime
  if (file !== undefined && (file.indexOf('/pkg/mod/') !== -1 || file.indexOf('/vendor/') !== -1))
    return FrameKind.library
  if (pkg === '' || pkg === 'main' || pkg.startsWith('main.')) return FrameKind.app
  const slash = pkg.indexOf('/')
  const first = slash === -1 ? pkg : pkg.slice(0, slash)
  if (first.indexOf('.') === -1)
    return STD_ROOTS.has(first.endsWith('_test') ? first.slice(0, -5) : first)
      ? FrameKind.stdlib
      : FrameKind.app
  if (file !== undefined && file.indexOf('@v') !== -1) return FrameKind.library
  return FrameKind.app
}
