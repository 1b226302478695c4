/**
 * The lines of a sanitizer report, as the reader and the sniffer both match them (the grammar
 * is in docs/formats/sanitizer.md).
 */

// Report headers. compiler-rt `Report("ERROR: %s: ...")` prints `==PID==ERROR:`; gcc 4.x put a
// space after the marker (`==24137== ERROR:`).
export const ERROR_HEADER = /^==(\d+)==\s?(?:ERROR|WARNING): (\w*Sanitizer): (.*)$/
// TSan prints its header without the pid marker: `WARNING: ThreadSanitizer: data race (pid=5020)`.
export const TSAN_HEADER = /^WARNING: (ThreadSanitizer): (.+?)(?: \(pid=(\d+)\))?$/
// UBSan: `mem_errors.c:46:67: runtime error: signed integer overflow: ...`.
export const UBSAN_HEADER = /^(\S+?):(\d+):(\d+): runtime error: (.*)$/
export const SUMMARY = /^SUMMARY: (\w*Sanitizer): (.*)$/
export const LEAK_SUMMARY = /^(\d+) byte\(s\) leaked in (\d+) allocation\(s\)\.?/
// LSan records (`lsan_common.cpp` `PrintReportForLeak`).
export const LEAK =
  /^(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\) allocated from:$/
// ASan access line (`asan_errors.cpp` `ErrorGeneric::Print`).
export const ASAN_ACCESS =
  /^(READ|WRITE) of size (\d+) at (0x[0-9a-fA-F]+) thread T(\d+)(?: \((.*)\))?$/
// ASan stack sections (`asan_descriptions.cpp`).
export const ASAN_SECTION =
  /^(freed|previously allocated|allocated) by thread T(\d+)(?: \((.*)\))? here:$/
// ASan `Thread T3 created by T0 here:`, TSan `Thread T13 'name' (tid=30454, running) created by
// main thread at:`.
export const THREAD_CREATED = /^Thread T(\d+)(?: '([^']*)')?(?: \(([^)]*)\))? created by /
// TSan memory access sections (`tsan_report.cpp` `PrintMop`).
export const TSAN_ACCESS =
  /^(Previous )?([Aa]tomic )?([Rr]ead|[Ww]rite) of size (\d+) at (0x[0-9a-fA-F]+) by (main thread|thread T(\d+))(?: \(mutexes: [^)]*\))?:$/
export const TSAN_HEAP_BLOCK =
  /^Location is heap block of size (\d+) at (0x[0-9a-fA-F]+) allocated by (main thread|thread T\d+):$/
export const MUTEX_CREATED = /^Mutex (M\d+) \(0x[0-9a-fA-F]+\) created at:$/
// MSan origin sections: `Uninitialized value was created by a heap allocation`.
export const MSAN_ORIGIN =
  /^Uninitialized value was (created by an? [\w ]+|stored to memory at)(?::)?$/
// LSan `report_objects=1`: `0x602000000010 (17 bytes)`.
export const LEAKED_OBJECT = /^0x[0-9a-fA-F]+ \(\d+ bytes\)$/
// ASan shadow memory dump and legend: skipped.
export const SHADOW_ROW = /^(?:=>)?0x[0-9a-fA-F]+:(?: ?\[?[0-9a-f]{2}\]?)*\s*$/
export const LEGEND_ROW = /^[A-Z][A-Za-z ]+:\s+[0-9a-f]{2}(?: [0-9a-f]{2})*\s*$/
// srs-style application loggers append `, r0=1094` to every line they relay.
export const LOGGER_SUFFIX = /, r\d+=\d+$/
// Lines inside a report that carry facts for the crash's details.
// `==PID==` lines that belong to a sanitizer report (other `==PID==` lines are valgrind's).
export const MARKER_LINE =
  /^==\d+==(?:ABORTING|The signal |Hint|HINT|WARNING: |Note: |AddressSanitizer|LeakSanitizer)/
export const DETAIL =
  /^(?:0x[0-9a-fA-F]+ is located |Address 0x[0-9a-fA-F]+ is located |==\d+==(?:The signal is caused|Hint)|Location is |\w+Sanitizer can not provide)/

/** At most this many unrecognised lines in a row are tolerated inside a report. */
export const MAX_JUNK_RUN = 4

export type Tool = 'asan' | 'lsan' | 'tsan' | 'msan' | 'ubsan' | 'hwasan' | 'sanitizer'

const TOOL_NAMES: Record<Exclude<Tool, 'sanitizer'>, string> = {
  asan: 'AddressSanitizer',
  lsan: 'LeakSanitizer',
  tsan: 'ThreadSanitizer',
  msan: 'MemorySanitizer',
  ubsan: 'UndefinedBehaviorSanitizer',
  hwasan: 'HWAddressSanitizer',
}

/** The tool a report names itself by (`AddressSanitizer` -> `asan`), `sanitizer` if none. */
export function toolOf(name: string): Tool {
  for (const [tool, toolName] of Object.entries(TOOL_NAMES))
    if (toolName === name) return tool as Tool
  return 'sanitizer'
}

/** The name a tool prints (`asan` -> `AddressSanitizer`). */
export function nameOfTool(tool: Tool): string {
  return tool === 'sanitizer' ? 'sanitizer' : TOOL_NAMES[tool]
}
