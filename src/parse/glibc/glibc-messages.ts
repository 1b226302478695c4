/**
 * glibc's fatal messages and the shell's report of the signal that followed.
 *
 * Texts from glibc malloc/malloc.c `malloc_printerr` calls, debug/fortify_fail.c,
 * sysdeps/posix/libc_fatal.c and assert/assert.c (glibc 2.36, read 2026-11), and
 * docs/formats/glibc.md; bash's messages from its `siglist` and
 * jobs.c (`bash: line 258: 10367 Aborted (core dumped) ./prog`); GNU make's and Go's os/exec
 * reports of a child killed by a signal.
 */
import { isFatalSignal, signalFromDescription, signalFromExitStatus } from '../signals'

export type GlibcMessage = {
  /** `heap corruption`, `stack smashing`, `buffer overflow`, `assertion`, `fatal error`, `signal`. */
  kind: string
  message: string
  /** The signal the process died of (glibc aborts with SIGABRT). */
  signal?: string
  /** For the shell's line (or make's, or a Go program's): it only confirms how the process died. */
  shell: boolean
  /** What the line says besides (`command: ./prog`, `make target: run`, the report itself). */
  details?: string[]
  /** The old (< 2.26) `*** Error in ...` report, followed by a backtrace. */
  program?: string
  addr?: string
  core?: boolean
}

// malloc_printerr texts: a function name prefix (`free(): invalid pointer`) or one of the
// unprefixed corruption checks.
const MALLOC =
  /^(?:(?:malloc|free|realloc|calloc|munmap_chunk|mremap_chunk|malloc_consolidate|tcache_thread_shutdown|_int_malloc|_int_free|_int_realloc|malloc_check_get_size|memalign|aligned_alloc|posix_memalign|pvalloc|valloc)\(\): [a-z].*|double free or corruption \((?:fasttop|top|out|!prev)\)|corrupted size vs\. prev_size(?: while consolidating| in fastbins)?|corrupted double-linked list(?: \(not small\))?|corrupted top size|invalid fastbin entry \(free\)|break adjusted to free malloc space)$/

// debug/fortify_fail.c + libc_fatal.c: `*** %s ***: terminated` (2.26+), `*** %s ***: %s terminated` before.
const FORTIFY = /^\*\*\* ([a-z][a-z ]+) \*\*\*: (?:(\S.*) )?terminated$/

// glibc < 2.26: `*** Error in `./prog': double free or corruption (fasttop): 0x0000000001e4e010 ***`
const OLD_ERROR = /^\*\*\* Error in `([^']*)': (.+): (0x[0-9a-fA-F]+) \*\*\*$/

// assert/assert.c: `prog: file.c:42: main: Assertion `x >= 0' failed.`
const ASSERT_MARK = ': Assertion `'
const ASSERT_LINE = /:(\d+): /

const FATAL = /^Fatal glibc error: (.+)$/

// The shell's report: bash/dash print the signal's description, `(core dumped)` when a core
// was written, and in scripts `bash: line 258: 10367 ` before it and the command after.
const SHELL =
  /^(\S+: line \d+: +\d+ )?(Aborted|Segmentation fault|Bus error|Illegal instruction|Floating point exception|Trace\/breakpoint trap|Killed)( +\(core dumped\))?( +\S.*)?$/

// GNU make's report of a recipe line that failed (job.c `child_error`, make 4.x; 3.x has no
// `Makefile:N: ` before the target): `make: *** [Makefile:2: run] Killed`,
// `make[1]: *** [Makefile:4: seg] Segmentation fault (core dumped)`, `make: *** [code] Error 139`.
const MAKE =
  /^\S*make(?:\[\d+\])?: \*\*\* \[([^\]]+)\] ([A-Z][a-z/ ]*[a-z]|Error \d+)( \(core dumped\))?$/

// Go's os/exec, as `go test`, `go run` and Go programs that run others print a child's end
// (os/exec_posix.go `ProcessState.String`, syscall's signal names): `signal: killed`,
// `signal: segmentation fault (core dumped)`.
const GO_EXEC = /^signal: ([a-z][a-z/ ]*[a-z])( \(core dumped\))?$/

/** GLIBC_HINT's alternatives as plain strings (RegionFormat.hints). */
export const GLIBC_HINTS: readonly string[] = [
  '(): ',
  '***',
  'double free',
  'corrupted ',
  ': Assertion `',
  'Fatal glibc',
  'invalid fastbin',
  'break adjusted',
  'Aborted',
  'Segmentation fault',
  'Bus error',
  'Illegal instruction',
  'Floating point exception',
  'Trace/breakpoint trap',
  'Killed',
  'signal: ',
]

/** Fixed texts, one of which every message holds: found in one scan before any parsing. */
export const GLIBC_HINT =
  /\(\): |\*\*\*|double free|corrupted |: Assertion `|Fatal glibc|invalid fastbin|break adjusted|Aborted|Segmentation fault|Bus error|Illegal instruction|Floating point exception|Trace\/breakpoint trap|Killed|signal: /

/** Parses one line (prefix removed, trimmed) as a glibc message or shell report, or null. */
export function parseGlibcMessage(text: string): GlibcMessage | null {
  if (MALLOC.test(text))
    return { kind: 'heap corruption', message: text, signal: 'SIGABRT', shell: false }
  let m = FORTIFY.exec(text)
  if (m) {
    const kind =
      m[1] === 'stack smashing detected' ? 'stack smashing' : m[1].replace(/ detected$/, '')
    return { kind, message: m[1], signal: 'SIGABRT', shell: false, program: m[2] }
  }
  if ((m = OLD_ERROR.exec(text)))
    return {
      kind: 'heap corruption',
      message: m[2],
      signal: 'SIGABRT',
      shell: false,
      program: m[1],
      addr: m[3],
    }
  const mark = text.indexOf(ASSERT_MARK)
  if (mark > 0 && text.endsWith("' failed.")) {
    // `prog: file:line: function`
    const head = text.slice(0, mark)
    const colon = head.indexOf(': ')
    const at = colon > 0 ? ASSERT_LINE.exec(head.slice(colon + 2)) : null
    if (at) {
      const where = head.slice(colon + 2)
      const file = where.slice(0, at.index)
      const func = where.slice(at.index + at[0].length)
      const assertion = text.slice(mark + ASSERT_MARK.length, -"' failed.".length)
      return {
        kind: 'assertion',
        message: `Assertion \`${assertion}' failed in ${func} at ${file}:${at[1]}`,
        signal: 'SIGABRT',
        shell: false,
        program: head.slice(0, colon),
      }
    }
  }
  if ((m = FATAL.exec(text)))
    return { kind: 'fatal error', message: m[1], signal: 'SIGABRT', shell: false }
  // A command after the description only in bash's script form or after `(core dumped)`:
  // `Aborted transaction 42` is a log line.
  if ((m = SHELL.exec(text)) && (m[4] === undefined || m[1] !== undefined || m[3] !== undefined))
    return {
      kind: 'signal',
      message: m[2],
      signal: signalFromDescription(m[2]),
      shell: true,
      details: [
        ...(m[1] !== undefined && m[4] !== undefined ? [`command: ${m[4].trim()}`] : []),
        `shell: ${text}`,
      ],
      core: m[3] !== undefined,
    }
  if ((m = MAKE.exec(text)))
    return childEnd(m[2], m[3] !== undefined, [`make target: ${m[1]}`, text])
  if ((m = GO_EXEC.exec(text)))
    return childEnd(m[1][0].toUpperCase() + m[1].slice(1), m[2] !== undefined, [`os/exec: ${text}`])
  return null
}

/**
 * How a child process ended, as a program that ran it says: a death by a fatal signal, named
 * (`Killed`) or as an exit status of 128 + n (`Error 139`); null for an exit with a status.
 */
function childEnd(how: string, core: boolean, details: string[]): GlibcMessage | null {
  const status = how.startsWith('Error ') ? Number(how.slice(6)) : NaN
  const signal = Number.isNaN(status) ? signalFromDescription(how) : signalFromExitStatus(status)
  if (signal === undefined || !isFatalSignal(signal)) return null
  if (!Number.isNaN(status)) details.unshift(`exit status ${status} = 128 + ${signal}`)
  return { kind: 'signal', message: how, signal, shell: true, details, core }
}

/** glibc < 2.26 backtrace rows: `/lib64/libc.so.6(+0x7c503)[0x7f1c1d0a6503]`, `./prog[0x400657]`. */
export const BACKTRACE_ROW = /^([^()[\]\s]+)(?:\(([^()]*)\))?\[(0x[0-9a-fA-F]+)\]$/
export const BACKTRACE_START = /^=+ Backtrace: =+$/
export const MEMORY_MAP_START = /^=+ Memory map: =+$/
export const MAPS_ROW = /^[0-9a-f]+-[0-9a-f]+ [-rwxps]{4} /
