import type { RegionFormat } from '../region'
import {
  cleanTail,
  isRuntimeLine,
  parseFileLine,
  parseGoroutineHeader,
  parseWindowsException,
} from './go-lines'
import { GoReader } from './go-reader'

/**
 * Go panics, fatal errors, signal crashes, goroutine dumps (`runtime.Stack`, SIGQUIT,
 * `/debug/pprof/goroutine?debug=1` and `debug=2`), race detector reports, from go1.2 to go1.23.
 *
 * Anchors, each a fixed substring checked before anything else:
 * `goroutine N [state]:`, `panic: `, `fatal error: `, `http: panic serving `, `runtime stack:`,
 * a few `runtime: ` phrases, `unexpected fault address `, `SIGABRT: abort` and Windows
 * `Exception 0xc0000005 ...` at the start of a line, `WARNING: DATA RACE`, `goroutine profile: total `, and a frame location
 * (`x.go:12 +0x3f`) for excerpts that start in the middle of a dump.
 */
export const goFormat: RegionFormat = {
  format: 'go',
  sniff: sniffGo,
  // `panic` covers `panic: ` and `http: panic serving `; `SIG` the signal line at column 0.
  hints: [
    'goroutine ',
    'panic',
    'fatal error: ',
    'runtime',
    'WARNING: DATA RACE',
    'unexpected fault address 0x',
    'SIG',
    'Exception 0x',
    ' +0x',
  ],
  open: (builder, context) => new GoReader(builder, context),
}

/** The anchor column of a Go region starting on this line, or -1. */
export function sniffGo(line: string): number {
  let i = line.indexOf('goroutine ')
  if (i !== -1 && atWordStart(line, i)) {
    if (parseGoroutineHeader(cleanTail(line.slice(i)))) return i
    if (line.startsWith('goroutine profile: total ', i)) return i
  }
  i = line.indexOf('panic')
  if (i !== -1) {
    if (line.startsWith('panic: ', i) && atWordStart(line, i) && i + 7 < line.length) return i
    const h = line.indexOf('http: panic serving ')
    if (h !== -1 && atWordStart(line, h)) return h
  }
  i = line.indexOf('fatal error: ')
  if (i !== -1 && atWordStart(line, i)) return i
  i = line.indexOf('runtime')
  if (i !== -1 && atWordStart(line, i)) {
    const rest = line.slice(i)
    if (cleanTail(rest) === 'runtime stack:' || isRuntimeLine(rest)) return i
  }
  i = line.indexOf('WARNING: DATA RACE')
  if (i !== -1 && atWordStart(line, i)) return i
  i = line.indexOf('unexpected fault address 0x')
  if (i !== -1 && atWordStart(line, i)) return i
  if (line.startsWith('SIG') && /^SIG[A-Z0-9]+: [a-z]/.test(line)) return 0
  if (line.startsWith('Exception 0x') && parseWindowsException(line)) return 0
  return sniffLocation(line)
}

/** A frame location with an offset: `\t/src/x.go:12 +0x3f`, `\tasm_amd64.s:1700 +0x1`. */
function sniffLocation(line: string): number {
  const off = line.indexOf(' +0x')
  if (off === -1) return -1
  const colon = line.lastIndexOf(':', off)
  if (colon < 3) return -1
  // Go sources, assembly, and the C and .goc files of the go1.0-1.4 runtime; no other
  // format prints a location followed by ` +0x`.
  const dot = line.lastIndexOf('.', colon)
  if (dot === -1 || colon - dot > 4 || !SOURCE_EXT.has(line.slice(dot + 1, colon))) return -1
  // The path starts after the last space or tab before it; the anchor is where that
  // whitespace run starts (the indentation belongs to the format).
  let start = colon
  while (start > 0 && line[start - 1] !== ' ' && line[start - 1] !== '\t') start--
  if (!parseFileLine(cleanTail(line.slice(start)))) return -1
  let anchor = start
  while (anchor > 0 && (line[anchor - 1] === ' ' || line[anchor - 1] === '\t')) anchor--
  return anchor
}

const SOURCE_EXT = new Set(['go', 's', 'c', 'goc', 'h'])

function atWordStart(line: string, i: number): boolean {
  if (i === 0) return true
  const c = line.charCodeAt(i - 1)
  return c === 32 || c === 9
}
