import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { FrameKind, NONE } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { nativeFrameKind } from '../native/native-frame'

/**
 * gperftools heap-checker reports (`HEAPCHECK=normal`, `heap-checker.cc`;
 * docs/formats/tcmalloc.md, perftools 1.4 to 2.10):
 *
 *     Leak check _main_ detected leaks of 1365 bytes in 22 objects
 *     The 9 largest leaks:
 *     Using local file ./leaky_service.
 *     Leak of 512 bytes in 1 objects allocated from:
 *     	@ 563872a2565a grow_buffer            (tab or spaces; with or without 0x; no symbol
 *                                             when pprof is missing)
 *
 * Records: one per `Leak of`, state `leak`, bytes, count = allocations = objects. The
 * `detected leaks` line gives leakKinds `leak` and a crash fact; the reader warns when the
 * records listed (only the largest are) add up to less than it.
 */

const DETECTED = /^Leak check (\S+) detected leaks of (\d+) bytes in (\d+) objects$/
const LEAK = /^Leak of (\d+) bytes in (\d+) objects allocated from:$/
// Indented by a tab or spaces, which a peeled log prefix may already have taken.
const FRAME = /^\s*@ (?:0x)?([0-9a-fA-F]+)(?: (.*))?$/
// Lines the checker prints around its report.
const CHATTER =
  /^(?:WARNING: Perftools heap leak checker is active|Have memory regions w\/o callers|The \d+ largest leaks:|Using local file |\*\*\* |If the preceding stack traces|pprof |If you are still puzzled|If the leak report occurs|Exiting with error code|Check failed: |Leak check \S+ detected|No leaks found)/

/**
 * States:
 * - report: between leaks. to: leak on `Leak of`. Chatter lines stay here; other lines end
 *   the region.
 * - leak: `@` frames of one leak. to: report on any other line.
 */
class HeapCheckReader implements RegionReader {
  private leak: { bytes: number; objects: number; frames: number[]; line: number } | null = null
  private detected: { check: string; bytes: number; objects: number; line: number } | null = null
  private listed = { bytes: 0, objects: 0 }

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const t = line.text
    let m: RegExpExecArray | null
    if (this.leak && (m = FRAME.exec(t))) {
      this.leak.frames.push(this.b.frame(frameOf(m[1], m[2])))
      return true
    }
    this.endLeak()
    if (t.trim() === '') return true
    if ((m = LEAK.exec(t))) {
      this.leak = { bytes: Number(m[1]), objects: Number(m[2]), frames: [], line: line.lineNo }
      return true
    }
    if ((m = DETECTED.exec(t))) {
      this.endReport()
      this.detected = { check: m[1], bytes: Number(m[2]), objects: Number(m[3]), line: line.lineNo }
      return true
    }
    return CHATTER.test(t)
  }

  private endLeak(): void {
    const l = this.leak
    if (!l) return
    this.leak = null
    this.b.addRecord({
      stack: this.b.stackFromLeafFirst(l.frames),
      state: 'leak',
      count: l.objects,
      bytes: l.bytes,
      allocations: l.objects,
      line: l.line,
    })
    this.listed.bytes += l.bytes
    this.listed.objects += l.objects
  }

  private endReport(): void {
    this.endLeak()
    const d = this.detected
    if (!d) return
    this.detected = null
    this.b.addLeakKind('leak', d.bytes, d.objects)
    if (this.listed.bytes !== d.bytes || this.listed.objects !== d.objects)
      this.b.warn(
        `The heap checker lists ${this.listed.bytes} bytes in ${this.listed.objects} objects of the ` +
          `${d.bytes} bytes in ${d.objects} objects it detected (only the largest leaks are printed).`,
      )
    this.b.addCrash({
      format: 'tcmalloc',
      kind: 'leak',
      message: `Leak check ${d.check} detected leaks of ${d.bytes} bytes in ${d.objects} objects`,
      record: NONE,
      line: d.line,
      details: [],
    })
    this.listed = { bytes: 0, objects: 0 }
  }

  close(): void {
    this.endReport()
  }
}

function frameOf(hex: string, func: string | undefined): FrameInput {
  const address = `0x${hex}`
  const name = func?.trim()
  if (!name || name === '??')
    return { func: `unknown at ${address}`, kind: FrameKind.unknown, address }
  return { func: name, kind: nativeFrameKind(name), address }
}

const SNIFF_WARNING = 'WARNING: Perftools heap leak checker is active'

/** gperftools heap-checker reports. */
export const heapCheckFormat: RegionFormat = {
  format: 'tcmalloc-heapcheck',
  hints: ['Leak ', 'WARNING: Perftools'],
  sniff(line: string): number {
    const i = line.indexOf('Leak ')
    const j = i >= 0 ? i : line.indexOf('WARNING: Perftools')
    if (j < 0) return -1
    const rest = line.slice(j)
    return DETECTED.test(rest) || LEAK.test(rest) || rest.startsWith(SNIFF_WARNING) ? j : -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new HeapCheckReader(builder)
  },
}
