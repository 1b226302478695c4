/**
 * lldb's thread and frame lines, as `thread backtrace all` / `bt all` / `thread list` print
 * them with the default `thread-format` and `frame-format` settings (lldb
 * source/Core/CoreProperties.td, read 2026-11; shapes in docs/formats/lldb.md and the
 * fixtures, lldb 14):
 *
 *   * thread #1, name = 'crash_zlib', stop reason = signal SIGSEGV
 *   * thread #2, queue = 'com.apple.main-thread', stop reason = EXC_BAD_ACCESS (code=1, address=0x2a)
 *   * thread #1: tid = 25233, 0x00007fedb966f809 libc.so.6`memmove at x.S:273, name = 'a', stop reason = ...
 *     * frame #0: 0x00007f10ed667809 libc.so.6`__memmove_avx512_unaligned_erms at memmove.S:273
 *       frame #1: 0x00007f10ed6e12ad libz.so.1`___lldb_unnamed_symbol177 + 477
 *       frame #3: 0x0000557f1b6702d1 crash_zlib`deflate_flush_or_finish(s=0x00007f10e4000b70, flush=4) at crash_zlib.c:67:15
 */

export type LldbThreadLine = {
  selected: boolean
  index: number
  tid?: number
  name?: string
  stopReason?: string
  /** `thread list` puts frame 0 on the thread line. */
  frameText?: string
}

export type LldbFrameText = {
  address: string
  module?: string
  func: string
  /** Argument values printed inside the parentheses, when they are values (`s=0x1`). */
  args?: string
  file?: string
  line?: number
  inlined: boolean
}

const THREAD = /^(\*)?\s*thread #(\d+)(?=[:,]|$)/
const FRAME = /^(?:\* )?frame #(\d+): (0x[0-9a-fA-F]+) (.*)$/
const TID = /tid = (0x[0-9a-fA-F]+|\d+)/
const LOCATION = /^(\S+?):(\d+)(?::\d+)?$/

/** Undoes web escaping seen in pasted lldb output: JIRA's `#&#8203;3`, `&lt;`, U+200B. */
export function decodeWebEscapes(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('\u200b') < 0) return text
  return text
    .replace(/&#(\d{1,7});/g, (_, n: string) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/&#x([0-9a-fA-F]{1,6});/g, (_, n: string) =>
      String.fromCodePoint(Math.min(parseInt(n, 16), 0x10ffff)),
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '')
}

/** Parses a thread line (trimmed), or null. */
export function parseLldbThread(text: string): LldbThreadLine | null {
  const m = THREAD.exec(text)
  if (!m) return null
  const t: LldbThreadLine = { selected: m[1] === '*', index: Number(m[2]) }
  let rest = text.slice(m[0].length)
  const stop = rest.indexOf(', stop reason = ')
  if (stop >= 0) {
    t.stopReason = rest.slice(stop + 16).trim()
    rest = rest.slice(0, stop)
  } else if (rest.startsWith(' stop reason = ')) {
    t.stopReason = rest.slice(15).trim()
    rest = ''
  }
  const name = findQuoted(rest, ", name = '")
  if (name) {
    t.name = name.value
    rest = rest.slice(0, name.start) + rest.slice(name.end)
  }
  const tid = TID.exec(rest)
  if (tid) t.tid = Number(tid[1])
  if (text.charCodeAt(m[0].length) === 58 /* : */) {
    // `thread list`: `: tid = N, <frame 0>[, queue = '...']`
    const comma = rest.indexOf(', ')
    let frame = comma >= 0 ? rest.slice(comma + 2) : ''
    const queue = frame.indexOf(", queue = '")
    if (queue >= 0) frame = frame.slice(0, queue)
    if (frame.startsWith('0x')) t.frameText = frame
  }
  return t
}

/** Parses a frame line (trimmed), or null. */
export function parseLldbFrame(text: string): { index: number; frame: LldbFrameText } | null {
  const m = FRAME.exec(text)
  if (!m) return null
  const frame = parseLldbFrameText(m[2], m[3])
  return { index: Number(m[1]), frame }
}

/** `libc.so.6\`func(args) + 12 at file.c:3:4 [inlined]` after the address. */
export function parseLldbFrameText(address: string, text: string): LldbFrameText {
  let rest = text.trim()
  let inlined = false
  const tag = / \[(?:inlined|artificial)\]$/.exec(rest)
  if (tag) {
    inlined = tag[0] === ' [inlined]'
    rest = rest.slice(0, tag.index)
  }
  const out: LldbFrameText = { address, func: '', inlined }
  // Files are base names (no spaces), so the last ` at ` starts the location; an earlier one
  // can sit inside the arguments (`main=(crash_zlib\`main at crash_zlib.c:104:33)`).
  const at = rest.lastIndexOf(' at ')
  if (at >= 0) {
    const loc = LOCATION.exec(rest.slice(at + 4))
    if (loc) {
      out.file = loc[1]
      out.line = Number(loc[2])
      rest = rest.slice(0, at)
    }
  }
  const offset = / \+ \d+$/.exec(rest)
  if (offset) rest = rest.slice(0, offset.index)
  const tick = rest.indexOf('`')
  if (tick > 0) {
    out.module = rest.slice(0, tick)
    rest = rest.slice(tick + 1)
  }
  const args = trailingArgs(rest)
  if (args) {
    out.args = args.args
    rest = rest.slice(0, args.open)
  }
  out.func = rest
  return out
}

/**
 * lldb prints argument values in the function's parentheses (`f(s=0x1, flush=4)`), while a
 * C++ symbol without debug info keeps its parameter types (`GetEvent(std::shared_ptr<...>&)`).
 * Only the first are arguments: they are not part of a frame's identity.
 */
function trailingArgs(s: string): { open: number; args: string } | null {
  if (!s.endsWith(')')) return null
  let depth = 0
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i)
    if (c === 41) depth++
    else if (c === 40 && --depth === 0) {
      const inner = s.slice(i + 1, -1)
      return i > 0 && /^\w+=/.test(inner) ? { open: i, args: inner } : null
    }
  }
  return null
}

/**
 * Finds `key'value'` where the closing quote ends the line or precedes `, ` (names may hold
 * quotes and commas: `name = 'ait4(pid=1832)>'`).
 */
function findQuoted(s: string, key: string): { value: string; start: number; end: number } | null {
  const start = s.indexOf(key)
  if (start < 0) return null
  const from = start + key.length
  for (let j = from; j < s.length; j++) {
    if (s.charCodeAt(j) === 39 && (j === s.length - 1 || s.startsWith(', ', j + 1)))
      return { value: s.slice(from, j), start, end: j + 1 }
  }
  return null
}
