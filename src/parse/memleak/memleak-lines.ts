import { pathBasename } from '../../lib/path-basename'
/**
 * The lines of bcc's memleak output, both tools:
 * - Python `tools/memleak.py` (`memleak-bpfcc` on Debian/Ubuntu), `print_outstanding()`:
 *   https://github.com/iovisor/bcc/blob/v0.26.0/tools/memleak.py (read 2026-11);
 * - libbpf-tools `memleak.c` `print_stack_frames()`:
 *   https://github.com/iovisor/bcc/blob/v0.26.0/libbpf-tools/memleak.c (read 2026-11);
 * with the variants seen in real outputs (docs/formats/memleak.md).
 */

/** `Attaching to pid 5193, Ctrl+C to quit.` / `Attaching to kernel allocators, ...`. */
export function parseAttach(text: string): { pid?: number; kernel: boolean } | null {
  if (!text.startsWith('Attaching to ')) return null
  const m = /^Attaching to (?:pid (\d+)|(kernel allocators)), Ctrl\+C to quit\.\s*$/.exec(text)
  if (!m) return null
  return m[2] ? { kernel: true } : { pid: Number(m[1]), kernel: false }
}

// Python: "[%s] Top %d stacks with outstanding allocations:" with strftime("%H:%M:%S");
// libbpf-tools: "[%d:%d:%d] Top %zu stacks ..." (not zero-padded: "[9:5:3]").
const SNAPSHOT_RE =
  /^\[(\d{1,2}):(\d{1,2}):(\d{1,2})\] Top (\d+) stacks with outstanding allocations:\s*$/

/** A snapshot header: its printed time and the `Top N` limit. */
export function parseSnapshotHeader(text: string): { label: string; top: number } | null {
  if (!text.includes(' stacks with outstanding allocations:')) return null
  const m = SNAPSHOT_RE.exec(text)
  if (!m) return null
  return { label: `${m[1]}:${m[2]}:${m[3]}`, top: Number(m[4]) }
}

// "\t%d bytes in %d allocations from stack" (Python, tab-indented; blogs turn it into spaces)
// and "%zu bytes in %zu allocations from stack" (libbpf-tools, no indentation).
const BLOCK_RE = /^\s*(\d+) bytes in (\d+) allocations from stack\s*$/

export function parseBlockHeader(text: string): { bytes: number; allocations: number } | null {
  if (!text.includes(' allocations from stack')) return null
  const m = BLOCK_RE.exec(text)
  return m ? { bytes: Number(m[1]), allocations: Number(m[2]) } : null
}

/** `-a`: `\taddr = 948cd0 size = 16` (Python) or `addr = 0x563f625b4110 size = 16` (libbpf). */
export function isAllocationLine(text: string): boolean {
  return /^\s*addr = (?:0x)?[0-9a-fA-F]+ size = \d+\s*$/.test(text)
}

/** One frame line, parsed. */
export type MemleakFrame = {
  /** The symbol, or undefined when unknown (`[unknown]`, `<null sym>`, no symbol). */
  func?: string
  module?: string
  /** Source `file:line` (libbpf-tools with blazesym). */
  file?: string
  line?: number
  /** The printed address (display only), hex with `0x`. */
  address?: string
}

// Python >= bcc 0.25 (commit b3d45a6, 2022): "\t\t0x%016x\t%s" — address, tab, symbol.
const ADDRESS_COLUMN_RE = /^(0x[0-9a-fA-F]{6,16})\s+/
// libbpf-tools: "\t%zu [<%016lx>] %s+0x%lx [%s]" / "... [<..>] [%s]" / "... [<..>] <null sym>".
const LIBBPF_RE = /^(\d+) \[<([0-9a-fA-F]+)>\](?: (.*))?$/
// Symbol and offset, from the right: demangled C++ names contain spaces, `[`, `]` and `+`.
const SYM_OFFSET_RE = /^(.+)\+(0x[0-9a-fA-F]+)$/
// blazesym source info after the offset: "func+0x12 file.c:34".
const SOURCE_RE = /^(.+\+0x[0-9a-fA-F]+) (\S+):(\d+)$/

/**
 * Parses a frame line (indentation ignored), or returns null when the line is not a frame.
 * Forms: `sym+0xoff [module]`, `0xADDR\tsym+0xoff [module]`, `[unknown] [module]`, `[unknown]`,
 * `sym [module]` (kernel mode of old bcc), `N [<ADDR>] sym+0xoff [/path/module]`.
 */
export function parseFrame(text: string): MemleakFrame | null {
  let t = text.trim()
  if (t === '') return null
  let address: string | undefined
  const lb = LIBBPF_RE.exec(t)
  if (lb) {
    address = '0x' + lb[2]
    t = (lb[3] ?? '').trim()
    if (t === '' || t === '<null sym>') return { address }
  } else {
    const a = ADDRESS_COLUMN_RE.exec(t)
    if (a) {
      address = a[1]
      t = t.slice(a[0].length).trim()
    }
  }
  let module: string | undefined
  // The module is the *last* bracketed word: `operator[](unsigned long)+0x1c [libfoo.so]`.
  if (t.endsWith(']')) {
    const open = t.lastIndexOf(' [')
    if (open >= 0) {
      module = pathBasename(t.slice(open + 2, -1))
      t = t.slice(0, open).trim()
    } else if (t.startsWith('[') && t !== '[unknown]') {
      // libbpf-tools without a symbol: `[/usr/lib/x86_64-linux-gnu/libc.so.6]`.
      return { module: pathBasename(t.slice(1, -1)), address }
    }
  }
  if (t === '[unknown]' || t === '<null sym>' || t === '') return { module, address }
  let file: string | undefined
  let line: number | undefined
  const src = lb ? SOURCE_RE.exec(t) : null
  if (src) {
    t = src[1]
    file = src[2]
    line = Number(src[3])
  }
  const so = SYM_OFFSET_RE.exec(t)
  if (so) return { func: so[1], module, file, line, address }
  // A symbol without an offset: bcc's kernel mode printed `bpf_prog_load [kernel]`. Without a
  // module, accept only a single word (a sentence of prose is not a frame).
  if (module !== undefined || /^[\w.$@:<>~-]+$/.test(t)) return { func: t, module, address }
  return null
}

/**
 * bcc 2019 under Python 3 printed a whole stack as one bytes repr:
 * `b'pcpu_alloc+0x3d8 [kernel]\n\t\tperf_trace_event_init+0xc9 [kernel]...'` (fixed by
 * iovisor/bcc#2316). Returns the frame texts and whether the repr was cut short, or null.
 */
export function splitBytesRepr(text: string): { frames: string[]; truncated: boolean } | null {
  const t = text.trim()
  if (!t.startsWith("b'") && !t.startsWith('b"')) return null
  const quote = t[1]
  const closed = t.length > 2 && t.endsWith(quote)
  const body = t.slice(2, closed ? -1 : undefined)
  const frames = body
    .split('\\n')
    .map((s) => s.replace(/\\t/g, '').trim())
    .filter((s) => s !== '')
  // A cut repr ends inside a frame: drop that piece.
  if (!closed) frames.pop()
  return { frames, truncated: !closed }
}

/** `-t` trace lines: `(b'comm', pid, cpu, b'flags', ts, b'alloc entered, size = 16')`. */
export function isTraceTuple(text: string): boolean {
  return text.startsWith("(b'") || text.startsWith('(b"')
}
