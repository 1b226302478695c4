import type { IncidentBuilder } from '../../model/builder'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { GoFrames } from '../go/go-frames'

/**
 * `go tool pprof -top` (and `-text`) tables, as written by `TextItems` in
 * github.com/google/pprof `internal/report/report.go` (2024):
 *
 *     File: leakyserver
 *     Type: inuse_space
 *     Time: Dec 6, 2026 at 5:11am (UTC)
 *     Showing nodes accounting for 12949.75kB, 99.72% of 12985.56kB total
 *     Dropped 41 nodes (cum <= 64.93kB)
 *           flat  flat%   sum%        cum   cum%
 *        12800kB 98.57% 98.57%    12806kB 98.62%  main.handleUpload (inline)
 *              0     0% 99.72% 12882.28kB 99.20%  main.main
 *
 * One record per function with a flat (self) value: the flat column adds up to the
 * "accounting for" figure, cumulative values overlap and are not kept. Values carry pprof's
 * units: `B kB MB GB TB PB` are powers of 1024, `ns us ms s` time (stored in nanoseconds),
 * none a count. `jeprof --text` tables (no units, after `Total:`) are read by the jemalloc
 * format.
 */

const HEADER = /^(?:File|Build ID|Type|Time|Duration|Comment): /
const SHOWING = /^Showing (?:nodes accounting for|top \d+ nodes out of) /
const DROPPED = /^Dropped \d+ (?:nodes|edges) /
const COLUMNS = /^ *flat +flat% +sum% +cum +cum%/
const ROW = /^ *(\S+) +(\S+)% +(\S+)% +(\S+) +(\S+)% +(\S.*)$/
const VALUE = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)([a-zµ]*)$/i

const BYTE_UNITS: Record<string, number> = {
  B: 1,
  kB: 2 ** 10,
  MB: 2 ** 20,
  GB: 2 ** 30,
  TB: 2 ** 40,
  PB: 2 ** 50,
}
const TIME_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  mins: 60e9,
  hrs: 3600e9,
}

/** A printed value in its base unit (bytes, nanoseconds or a count), or null. */
export function parsePprofValue(text: string): { value: number; unit: string } | null {
  const m = VALUE.exec(text)
  if (!m) return null
  const n = Number(m[1])
  if (m[2] === '') return { value: n, unit: 'count' }
  if (m[2] in BYTE_UNITS) return { value: n * BYTE_UNITS[m[2]], unit: 'bytes' }
  if (m[2] in TIME_UNITS) return { value: n * TIME_UNITS[m[2]], unit: 'nanoseconds' }
  return null
}

/**
 * States: one; header lines, the column line and rows in any order (pastes drop some). A
 * line of none of these shapes ends the region.
 */
class PprofTopReader implements RegionReader {
  private type = 'flat'
  private readonly frames: GoFrames

  constructor(private readonly b: IncidentBuilder) {
    this.frames = new GoFrames(b)
  }

  push(line: RegionLine): boolean {
    const t = line.text
    if (t.startsWith('Type: ')) {
      this.type = t.slice(6).trim() || 'flat'
      return true
    }
    if (HEADER.test(t) || SHOWING.test(t) || DROPPED.test(t) || COLUMNS.test(t)) return true
    const m = ROW.exec(t)
    if (!m) return false
    const flat = parsePprofValue(m[1])
    if (!flat || !parsePprofValue(m[4])) return false
    if (flat.value === 0) return true
    const func = m[6].replace(/ \(inline\)$/, '')
    const b = this.b
    const record = b.addRecord({
      stack: b.stack(-1, this.frames.frame(func, undefined, undefined, undefined)),
      state: 'flat',
      count: flat.unit === 'count' ? flat.value : 1,
      bytes: flat.unit === 'bytes' ? Math.round(flat.value) : 0,
      line: line.lineNo,
    })
    b.setRecordSamples(record, [b.sampleType(this.type, flat.unit)], [flat.value])
    return true
  }

  close(): void {}
}

function sniffPprofTop(line: string): number {
  if (line.startsWith('File: ') || line.startsWith('Type: ')) return 0
  return SHOWING.test(line) || COLUMNS.test(line) ? 0 : -1
}

export const pprofTopFormat: RegionFormat = {
  format: 'pprof-top',
  hints: ['File: ', 'Type: ', 'Showing ', 'flat%'],
  sniff: sniffPprofTop,
  open: (builder) => new PprofTopReader(builder),
}
