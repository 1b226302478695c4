import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { FrameKind, NONE } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { nativeFrameKind } from '../native/native-frame'
import { FoldedRecords } from './folded'

/**
 * jemalloc's stderr messages and `jeprof` (= gperftools `pprof`) text output
 * (docs/formats/jemalloc.md; jemalloc 3.x-5.3, `prof.c` `prof_leakcheck`, `bin/jeprof.in`).
 *
 * - `<jemalloc>: Leak approximation summary: ~84880 bytes, ~40 objects, >= 12 contexts`
 *   (5.3; `Leak summary: 267184 bytes, 473 objects, 20 contexts` before) -> leakKinds `leak`
 *   and a crash fact; `Run jeprof on ...` and `Invalid conf pair` lines are its details.
 * - `jeprof --text` after `Using local file ...` / `Total: 84880 B` (or `MB`): a flat profile
 *   (flat, flat%, sum%, cum, cum%, location) -> one record per row with flat > 0, state
 *   `flat`, bytes = flat, stack = that one frame. Cumulative values are not additive, so they
 *   are not kept. `--address` / `--lines` locations give an address and file:line.
 * - `jeprof --collapsed` after the same `Using local file` lines -> records state `in use`,
 *   bytes = the value, full stacks.
 */

const MESSAGE = /^<jemalloc>: (.*)$/
const LEAK_SUMMARY =
  /^Leak (?:approximation )?summary: ~?(\d+) bytes, ~?(\d+) objects, (?:>= )?(\d+) contexts$/
const USING = /^Using local file (.+)\.$/
// `Total: 84880 B`, `Total: 4577622.3 MB` (pprof's MB is 2^20 bytes).
const TOTAL = /^Total: ([\d.]+) (B|MB)$/
const ROW = /^\s*([\d.]+)\s+([\d.]+)%\s+([\d.]+)%\s+([\d.]+)\s+([\d.]+)%\s+(\S.*)$/
const DISCRIMINATOR = / \(discriminator \d+\)$/
const HEX_ADDRESS = /^([0-9a-f]{8,16}) (.+)$/
const FILE_LINE = / (\S+):(\d+)$/

/**
 * States:
 * - messages: `<jemalloc>:` lines. to: profile on `Using local file` / `Total:`.
 * - profile: `Using local file` lines, then `Total:` and rows, or folded lines. Another
 *   `<jemalloc>:` line goes back to messages; anything else ends the region.
 */
class JemallocReader implements RegionReader {
  private unit = 1
  private total: number | undefined
  private flat = 0
  private crash: {
    message: string
    bytes: number
    objects: number
    line: number
    details: string[]
  } | null = null
  private readonly details: string[] = []
  private mode: 'messages' | 'profile' = 'messages'

  // `jeprof --collapsed` lines: stacks weighing bytes in use.
  private readonly folded: FoldedRecords

  constructor(private readonly b: IncidentBuilder) {
    this.folded = new FoldedRecords(b, 'bytes', 'in use')
  }

  push(line: RegionLine): boolean {
    const t = line.text
    let m: RegExpExecArray | null
    if ((m = MESSAGE.exec(t))) {
      this.mode = 'messages'
      const body = m[1]
      if ((m = LEAK_SUMMARY.exec(body))) {
        this.endCrash()
        this.crash = {
          message: body,
          bytes: Number(m[1]),
          objects: Number(m[2]),
          line: line.lineNo,
          details: [`${m[3]} contexts`],
        }
      } else {
        ;(this.crash?.details ?? this.details).push(body)
      }
      return true
    }
    if (t.trim() === '') return this.mode === 'profile' || this.crash !== null
    if ((m = USING.exec(t))) {
      this.mode = 'profile'
      this.details.push(t)
      return true
    }
    if ((m = TOTAL.exec(t))) {
      this.mode = 'profile'
      this.unit = m[2] === 'MB' ? 1 << 20 : 1
      this.total = Math.round(Number(m[1]) * this.unit)
      return true
    }
    if (this.mode !== 'profile') return false
    if ((m = ROW.exec(t))) {
      const flat = Math.round(Number(m[1]) * this.unit)
      this.flat += flat
      if (flat > 0) {
        this.b.addRecord({
          stack: this.b.stackFromLeafFirst([this.b.frame(locationFrame(m[6]))]),
          state: 'flat',
          bytes: flat,
          line: line.lineNo,
        })
      }
      return true
    }
    return this.folded.add(t, line.lineNo)
  }

  private endCrash(): void {
    const c = this.crash
    if (!c) return
    this.crash = null
    this.b.addLeakKind('leak', c.bytes, c.objects)
    this.b.addCrash({
      format: 'jemalloc',
      kind: 'leak',
      message: c.message,
      record: NONE,
      line: c.line,
      details: c.details,
    })
  }

  close(): void {
    this.endCrash()
    // Rows are rounded to one decimal in MB, so only byte totals can be checked exactly.
    if (this.total !== undefined && this.unit === 1 && this.flat > 0 && this.flat !== this.total)
      this.b.warn(`jeprof rows add up to ${this.flat} B, but its Total says ${this.total} B.`)
  }
}

/** A jeprof location: `func`, or `[address ]func[ file:line][ (discriminator N)]`. */
function locationFrame(location: string): FrameInput {
  let rest = location.trim().replace(DISCRIMINATOR, '')
  let address: string | undefined
  const a = HEX_ADDRESS.exec(rest)
  if (a) {
    address = `0x${a[1].replace(/^0+(?=.)/, '')}`
    rest = a[2]
  }
  let file: string | undefined
  let line: number | undefined
  const fl = FILE_LINE.exec(rest)
  if (fl) {
    file = fl[1]
    line = Number(fl[2])
    rest = rest.slice(0, fl.index)
  }
  if (rest === '??' || /^0x[0-9a-f]+$/.test(rest))
    return { func: 'unknown', file, line, kind: FrameKind.unknown, address: address ?? rest }
  return { func: rest, file, line, kind: nativeFrameKind(rest, file), address }
}

const SNIFF_TOTAL = /^Total: [\d.]+ (?:B|MB)$/

/** jemalloc messages and jeprof/pprof text and collapsed output. */
export const jemallocFormat: RegionFormat = {
  format: 'jemalloc',
  hints: ['<jemalloc>: ', 'Using local file ', 'Total: '],
  sniff(line: string): number {
    const i = line.indexOf('<jemalloc>: ')
    if (i >= 0) return i
    let j = line.indexOf('Using local file ')
    if (j >= 0) return USING.test(line.slice(j)) ? j : -1
    j = line.indexOf('Total: ')
    if (j >= 0) return SNIFF_TOTAL.test(line.slice(j)) ? j : -1
    return -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new JemallocReader(builder)
  },
}
