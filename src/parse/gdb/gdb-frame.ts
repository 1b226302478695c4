/**
 * gdb frame lines (`backtrace`, gdb/stack.c `print_frame`), e.g.
 *
 *   #0  0x00007f962d5b3545 in __GI___clock_nanosleep (clock_id=0, ...) at ../sysdeps/x.c:48
 *   #1  __futex_abstimed_wait_common (futex_word=...) at ./nptl/futex-internal.c:87   (inlined)
 *   #1  0x00007f962d6cb2ad in ?? () from /lib/x86_64-linux-gnu/libz.so.1
 *   #9  <signal handler called>
 *   #4 in deflate_flush_or_finish (...) at src/compression.c:790               (hand-edited paste)
 *   #0  0x00007fb66b09f002 in ??? () at /usr/lib/libc.so.6                       (gdb 14+, no line)
 *
 * Reference: https://sourceware.org/git/?p=binutils-gdb.git;a=blob;f=gdb/stack.c (print_frame),
 * read 2026-11; shapes from docs/formats/gdb.md.
 */

/** One parsed frame line. */
export type GdbFrame = {
  index: number
  address?: string
  /** The symbol as printed (`??` when unknown); '' for the signal-handler marker. */
  func: string
  /** The text inside the argument parentheses. */
  args?: string
  file?: string
  line?: number
  /** The shared object after ` from ` (or a library after ` at ` without a line). */
  module?: string
  signalHandler: boolean
}

// `#N`, then `0xADDR in `, or a bare `in ` in hand-edited pastes, or nothing (inlined frames
// and frame 0 at the start of a line).
const FRAME_HEAD = /^#(\d+)\s+(?:(0x[0-9a-fA-F]+) in |in )?/
const AT_FILE_LINE = /^ at (.+):(\d+)$/

/**
 * Parses a complete (possibly re-joined) frame line, or returns null when the text is not a
 * gdb frame (e.g. an eu-stack `#0  0x... func` line, which has no argument list).
 */
export function parseGdbFrame(text: string): GdbFrame | null {
  const head = FRAME_HEAD.exec(text)
  if (!head) return null
  const index = Number(head[1])
  const address = head[2]
  const rest = text.slice(head[0].length).trimEnd()
  if (rest === '<signal handler called>') return { index, address, func: '', signalHandler: true }
  const call = splitCall(rest)
  if (!call) return null
  const frame: GdbFrame = { index, address, func: call.func, args: call.args, signalHandler: false }
  const tail = call.tail
  if (tail.startsWith(' from ')) {
    frame.module = tail.slice(6).trim()
  } else if (tail.startsWith(' at ')) {
    const m = AT_FILE_LINE.exec(tail)
    if (m) {
      frame.file = m[1]
      frame.line = Number(m[2])
    } else {
      const where = tail.slice(4).trim()
      if (isLibraryPath(where)) frame.module = where
      else frame.file = where
    }
  }
  return frame
}

/**
 * Finds `func (args)` followed by end of line, ` at ` or ` from `. The function name may hold
 * parentheses itself (`operator()`, `(anonymous namespace)::f`, `vector(unsigned long) ()`)
 * and arguments may hold strings with `)` or ` at `, so this scans with a depth counter that
 * skips string and character literals, and keeps the last group opened by ` (` that closes
 * at depth 0 before a valid tail.
 */
function splitCall(rest: string): { func: string; args: string; tail: string } | null {
  let depth = 0
  let quote = 0
  let open = -1
  let best: { open: number; close: number } | null = null
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i)
    if (quote !== 0) {
      if (c === 92 /* \ */) i++
      else if (c === quote) quote = 0
      continue
    }
    if (depth > 0 && (c === 34 /* " */ || (c === 39 /* ' */ && isQuoteStart(rest, i)))) {
      quote = c
    } else if (c === 40 /* ( */) {
      if (depth === 0) open = i === 0 || rest.charCodeAt(i - 1) === 32 ? i : -1
      depth++
    } else if (c === 41 /* ) */ && depth > 0) {
      depth--
      if (depth === 0 && open >= 0) {
        const tail = rest.slice(i + 1)
        if (tail === '' || tail.startsWith(' at ') || tail.startsWith(' from '))
          best = { open, close: i }
      }
    }
  }
  if (!best) return null
  // An empty name (`#5  0x0000000000000002 in  ()`) is an unknown frame.
  const func = rest.slice(0, Math.max(0, best.open - 1)).trim()
  return {
    func,
    args: rest.slice(best.open + 1, best.close),
    tail: rest.slice(best.close + 1).trimEnd(),
  }
}

// A `'` opens a character literal only after `=`, a space or `(`: `c=99 'c'`, `'\000' <repeats`.
function isQuoteStart(s: string, i: number): boolean {
  const p = s.charCodeAt(i - 1)
  return p === 61 || p === 32 || p === 40
}

/**
 * Whether gdb wrapped this frame line and the next line continues it: parentheses or a
 * string still open, or the line ends after `, ` or `(` (gdb breaks there at 80 columns).
 */
export function frameNeedsMore(text: string): boolean {
  let depth = 0
  let quote = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quote !== 0) {
      if (c === 92) i++
      else if (c === quote) quote = 0
      continue
    }
    if (depth > 0 && (c === 34 || (c === 39 && isQuoteStart(text, i)))) quote = c
    else if (c === 40) depth++
    else if (c === 41 && depth > 0) depth--
  }
  if (depth > 0 || quote !== 0) return true
  const end = text.trimEnd()
  return end.endsWith(',') || end.endsWith('(')
}

/** Whether a frame line has its location (` at ` / ` from `) already. */
export function frameHasLocation(text: string): boolean {
  return / (?:at|from) \S+$/.test(text)
}

/** `/usr/lib/libc.so.6`, `libfoo.so`, `x.dylib`, `y.dll`: a shared object rather than a source file. */
function isLibraryPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1)
  return /\.(?:so|dylib|dll)$/.test(base) || base.includes('.so.')
}

/** The function of a frame cut off inside its argument list (`#2  0x1 in f (a=1, `). */
export function salvageFrame(text: string): GdbFrame | null {
  const head = FRAME_HEAD.exec(text)
  if (!head) return null
  const rest = text.slice(head[0].length)
  const open = rest.indexOf(' (')
  if (open <= 0) return null
  return {
    index: Number(head[1]),
    address: head[2],
    func: rest.slice(0, open),
    signalHandler: false,
  }
}
