import type { IncidentBuilder } from '../../model/builder'
import type { RegionContext, RegionFormat, RegionReader } from '../region'
import { looksLikeSanitizerFrame } from './sanitizer-frame'
import {
  UBSAN_HEADER,
  ASAN_ACCESS,
  ASAN_SECTION,
  THREAD_CREATED,
  TSAN_ACCESS,
} from './sanitizer-lines'
import { SanitizerReader } from './sanitizer-reader'

/**
 * AddressSanitizer, LeakSanitizer, ThreadSanitizer, MemorySanitizer and UBSan reports
 * (compiler-rt and gcc's libsanitizer; the grammar is in docs/formats/sanitizer.md, from clang 14 /
 * gcc 12 runs and pastes from gcc 4.8 to 13, macOS and Rust).
 *
 * Model:
 * - a leak report (`Direct leak of 40 byte(s) in 1 object(s) allocated from:`) gives one record
 *   per leak block: bytes = N, count = allocations = objects, state `direct leak` /
 *   `indirect leak`, and per-kind totals through `addLeakKind('direct' | 'indirect', ...)`;
 *   the reader warns when those totals differ from the `SUMMARY: ... leaked in ...` line.
 * - an error report gives a crash fact (format `asan`/`tsan`/`msan`/`ubsan`/`hwasan`, kind =
 *   the error type, addr, pc, message) and one record per stack section, state = the section
 *   (`access`, `freed by`, `allocated by`, `write by T1`, `previous read by main thread`,
 *   `thread created by` ...). The first section's record is the crash record.
 * - a paste cut before the report header still yields its sections' records (no crash fact).
 */

const SNIFF_HEADER = /==\d+==\s?(?:ERROR|WARNING): \w*Sanitizer/
const SNIFF_WARNING = /WARNING: ThreadSanitizer: /
const SNIFF_SUMMARY = /SUMMARY: \w*Sanitizer: /
const SNIFF_LEAK = /(?:Direct|Indirect) leak of \d+ byte\(s\) in \d+ object\(s\) allocated from:$/

/** The start of the word that ends just before `end` (`AddressSanitizer` in a prefixed line). */
function wordStart(line: string, end: number): number {
  let i = end
  while (i > 0 && /\w/.test(line[i - 1])) i--
  return i
}

function firstNonSpace(line: string, from: number): number {
  let i = from
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++
  return i
}

/** Sanitizer reports (ASan, LSan, TSan, MSan, UBSan, HWASan). */
export const sanitizerFormat: RegionFormat = {
  format: 'sanitizer',
  // `#` for a frame (`    #0 0x4c6b13 in malloc`).
  hints: [
    'Sanitizer',
    ' leak of ',
    ': runtime error: ',
    ' of size ',
    ' by thread T',
    'Thread T',
    '#',
  ],
  sniff(line: string): number {
    let m: RegExpExecArray | null
    if (line.includes('Sanitizer')) {
      if ((m = SNIFF_HEADER.exec(line))) return m.index
      if ((m = SNIFF_WARNING.exec(line))) return m.index
      if ((m = SNIFF_SUMMARY.exec(line))) return m.index
      if (line.endsWith('Sanitizer:DEADLYSIGNAL'))
        return wordStart(line, line.lastIndexOf('Sanitizer'))
    }
    if (line.includes(' leak of ') && (m = SNIFF_LEAK.exec(line))) return m.index
    const ub = line.indexOf(': runtime error: ')
    if (ub > 0) {
      // The location token starts after the last blank before it.
      const start = Math.max(line.lastIndexOf(' ', ub), line.lastIndexOf('\t', ub)) + 1
      if (UBSAN_HEADER.test(line.slice(start))) return start
    }
    if (line.includes(' of size ') || line.includes(' by thread T') || line.includes('Thread T')) {
      // Section lines open a region only when nothing but indentation precedes them.
      const start = firstNonSpace(line, 0)
      const rest = line.slice(start)
      if (
        ASAN_ACCESS.test(rest) ||
        TSAN_ACCESS.test(rest) ||
        ASAN_SECTION.test(rest) ||
        (rest.endsWith(':') && THREAD_CREATED.test(rest))
      )
        return start
    }
    const hash = line.indexOf('#')
    if (hash >= 0 && looksLikeSanitizerFrame(line, hash)) return hash
    return -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new SanitizerReader(builder)
  },
}
