import { pathBasename } from '../../lib/path-basename'
import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { FrameKind, NONE, type IndexIntoStackTable } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { nativeFrameKind } from '../native/native-frame'
import {
  addHeaptrackMoment,
  HEAPTRACK_END,
  HEAPTRACK_PEAK,
  type HeaptrackRow,
} from './heaptrack-moments'
import { parseHeaptrackBytes } from './heaptrack-size'

/**
 * `heaptrack_print` text and heaptrack's run log (docs/formats/heaptrack.md; heaptrack
 * `heaptrack_print.cpp` 1.0-1.4).
 *
 * Each section entry is an allocation site (function at column 0, `  at FILE:LINE`,
 * `  in MODULE`) followed by call stacks below it (indented 4); an entry names a call stack
 * (site frames + its frames, leaf first), or the site alone when it has none. As the data
 * reader does, the sections become two snapshots, the two moments heaptrack reports on
 * (`heaptrack-moments.ts`), so that no total adds peak bytes to leaked bytes or one stack's
 * calls to themselves:
 * - `at the peak`: PEAK MEMORY CONSUMERS, state `peak`, bytes = peak share, count 0 (the calls
 *   printed are the whole run's, not those made by the peak).
 * - `at the end`: one record per stack named by MOST CALLS TO ALLOCATION FUNCTIONS, MEMORY
 *   LEAKS or MOST TEMPORARY ALLOCATIONS; count = calls, bytes = leaked (MEMORY LEAKS), state
 *   `leaked`, else `temporary`, else `calls`. The number of temporary allocations is not kept.
 * Each snapshot weighs the summary's own figure when there is one (`peak heap memory
 * consumption`, `total memory leaked`): the sections list only the top entries. Sizes are
 * rounded by heaptrack_print (`1.14K`); the data file gives exact bytes. The closing summary
 * also gives leakKinds `leaked` and a crash fact.
 */

type Section = 'calls' | 'peak' | 'leaked' | 'temporary'
const SECTIONS: Record<string, Section> = {
  'MOST CALLS TO ALLOCATION FUNCTIONS': 'calls',
  'PEAK MEMORY CONSUMERS': 'peak',
  'MEMORY LEAKS': 'leaked',
  'MOST TEMPORARY ALLOCATIONS': 'temporary',
}

/** An entry's calls to allocation functions (over the whole run) and its bytes. */
type Weights = { calls: number; bytes: number }

// Entry headers, per section (heaptrack_print.cpp `printMerged` / `printAllocations`); the site
// header has no colon, the call-stack header below it ends with `:`.
const CALLS_HEADER =
  /^(\d+) calls(?: to allocation functions)? with (\S+) peak consumption from(:?)$/
const PEAK_HEADER = /^(\S+) (?:peak memory )?consumed over (\d+) calls from(:?)$/
const LEAK_HEADER = /^(\S+) leaked over (\d+) calls from(:?)$/
const TEMP_HEADER =
  /^(\d+) temporary allocations of (\d+) allocations in total \([\d.]+%\) from(:?)$/
const REMAINDER = /^\s*and (\S+) from (\d+) other places$/
const SUMMARY = /^([a-zA-Z ()]+): (.*)$/
const SUMMARY_KEYS = new Set([
  'total runtime',
  'calls to allocation functions',
  'temporary memory allocations',
  'peak heap memory consumption',
  'peak RSS (including heaptrack overhead)',
  'total memory leaked',
  'suppressed leaks',
])
// Run log (stderr of `heaptrack prog`).
const RUN_LOG =
  /^(?:heaptrack output will be written to |starting application, this might take some time|heaptrack stats:|Heaptrack finished! Now run|\s*heaptrack --analyze |\s*heaptrack_gui |reading file "|Debuggee command was: |finished reading file, now analyzing data|pid \d+$)/
// The preload library's path on a line of its own (a test, not `^\S*lib…$`: that backtracks).
const PRELOAD_LIB = /libheaptrack_(?:preload|inject)\.so$/
const RUN_STAT = /^\s*(allocations|leaked allocations|temporary allocations):\s+(\d+)$/
const OUTPUT_FILE = /^heaptrack output will be written to "(.+)"$/

/**
 * States:
 * - between: no entry. to: site on an entry header; section on a section title; summary
 *   lines and run-log lines are read here. Other lines end the region.
 * - site: frames of the allocation site (indent 0). to: stack on a `...from:` header;
 *   between on a blank line.
 * - stack: frames of one call stack (indent 4). to: stack on the next header; between on a
 *   blank line.
 */
class HeaptrackPrintReader implements RegionReader {
  private section: Section | null = null
  private site: FrameInput[] | null = null
  private siteWeights: Weights | null = null
  private siteHadStacks = false
  private stack: FrameInput[] | null = null
  private stackWeights: Weights | null = null
  private stackLine = 0
  private siteLine = 0
  private readonly details: string[] = []
  private leaked: number | undefined
  private leakedAllocations: number | undefined
  private peak: number | undefined
  private line = 0
  /** The recording the run log says heaptrack writes (`heaptrack output will be written to`). */
  private outputFile: string | null = null
  private outputLine = 0
  private readonly atPeak: HeaptrackRow[] = []
  /** Stacks listed by the other sections, one row each: a stack may be in all three. */
  private readonly atEnd = new Map<IndexIntoStackTable, HeaptrackRow>()

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const t = line.text
    if (t.trim() === '') {
      this.endEntry()
      return true
    }
    const title = SECTIONS[t.trim()]
    if (title) {
      this.endEntry()
      this.section = title
      this.line ||= line.lineNo
      return true
    }
    const header = this.header(t)
    if (header) {
      if (header.sub) {
        this.endStack()
        if (!this.site) this.site = []
        this.stack = []
        this.stackWeights = header.weights
        this.stackLine = line.lineNo
        this.siteHadStacks = true
      } else {
        this.endEntry()
        this.site = []
        this.siteWeights = header.weights
        this.siteLine = line.lineNo
      }
      return true
    }
    if (REMAINDER.test(t)) return true
    if (this.site) return this.frameLine(t)
    let m: RegExpExecArray | null
    if ((m = SUMMARY.exec(t)) && SUMMARY_KEYS.has(m[1])) {
      this.details.push(t)
      if (m[1] === 'total memory leaked') this.leaked = parseHeaptrackBytes(m[2])
      if (m[1] === 'peak heap memory consumption') this.peak = parseHeaptrackBytes(m[2])
      this.line ||= line.lineNo
      return true
    }
    if ((m = RUN_STAT.exec(t))) {
      this.details.push(`${m[1]}: ${m[2]}`)
      if (m[1] === 'leaked allocations') this.leakedAllocations = Number(m[2])
      return true
    }
    if (RUN_LOG.test(t) || (PRELOAD_LIB.test(t) && !/\s/.test(t))) {
      if (t.startsWith('Debuggee command was: ')) this.details.push(t)
      const output = OUTPUT_FILE.exec(t)
      if (output && this.outputFile === null) {
        this.outputFile = output[1]
        this.outputLine = line.lineNo
      }
      return true
    }
    return false
  }

  private header(t: string): { sub: boolean; weights: Weights } | null {
    let m: RegExpExecArray | null
    switch (this.section) {
      case 'calls':
        if ((m = CALLS_HEADER.exec(t)))
          return { sub: m[3] === ':', weights: { calls: Number(m[1]), bytes: 0 } }
        return null
      case 'peak':
        if ((m = PEAK_HEADER.exec(t))) {
          const bytes = parseHeaptrackBytes(m[1])
          return { sub: m[3] === ':', weights: { calls: Number(m[2]), bytes } }
        }
        return null
      case 'leaked':
        if ((m = LEAK_HEADER.exec(t))) {
          const bytes = parseHeaptrackBytes(m[1])
          return { sub: m[3] === ':', weights: { calls: Number(m[2]), bytes } }
        }
        return null
      case 'temporary':
        // `N temporary allocations of M allocations in total`: M is the stack's calls.
        if ((m = TEMP_HEADER.exec(t)))
          return { sub: m[3] === ':', weights: { calls: Number(m[2]), bytes: 0 } }
        return null
      default:
        return null
    }
  }

  /** `func` (indent 0 or 4), `  at FILE:LINE` / `  in MODULE` (2 more spaces). */
  private frameLine(t: string): boolean {
    const frames = this.stack ?? this.site!
    const trimmed = t.trimStart()
    const indent = t.length - trimmed.length
    if (indent === (this.stack ? 4 : 0)) {
      frames.push(frameOf(trimmed))
      return true
    }
    const last = frames[frames.length - 1]
    if (!last) return indent > 0
    if (trimmed.startsWith('at ')) {
      // A second `at` belongs to an inlined frame heaptrack printed without a name: skipped.
      if (last.file === undefined) {
        const colon = trimmed.lastIndexOf(':')
        last.file = colon > 3 ? trimmed.slice(3, colon) : trimmed.slice(3)
        last.line = colon > 3 ? Number(trimmed.slice(colon + 1)) || undefined : undefined
      }
      return true
    }
    if (trimmed.startsWith('in ')) {
      const module = trimmed.slice(3)
      if (module !== '??') {
        last.module = module
        if (last.kind === FrameKind.unknown) last.func = `unknown in ${pathBasename(module)}`
        else last.kind = nativeFrameKind(last.func, last.file, module)
      }
      return true
    }
    return indent > 0
  }

  private endStack(): void {
    if (!this.stack || !this.site || !this.stackWeights || !this.section) return
    this.addRecord([...this.site, ...this.stack], this.stackWeights, this.stackLine)
    this.stack = null
    this.stackWeights = null
  }

  private endEntry(): void {
    this.endStack()
    if (this.site && !this.siteHadStacks && this.siteWeights && this.section)
      this.addRecord(this.site, this.siteWeights, this.siteLine)
    this.site = null
    this.siteWeights = null
    this.siteHadStacks = false
  }

  private addRecord(frames: FrameInput[], w: Weights, line: number): void {
    const ids = frames.map((f) => this.b.frame(f))
    const stack = this.b.stackFromLeafFirst(ids)
    const section = this.section!
    if (section === 'peak') {
      this.atPeak.push({ stack, state: 'peak', count: 0, bytes: w.bytes, allocations: 0, line })
      return
    }
    let row = this.atEnd.get(stack)
    if (!row) {
      row = { stack, state: section, count: w.calls, bytes: 0, allocations: 0, line }
      this.atEnd.set(stack, row)
    }
    if (section === 'leaked') {
      row.bytes += w.bytes
      row.state = 'leaked'
    } else if (section === 'temporary' && row.state === 'calls') row.state = 'temporary'
  }

  /**
   * heaptrack_print lists only its largest stacks, with sizes rounded (`4.10K`): the stacks
   * listed for a moment may hold less than the figure its summary prints, which the snapshot
   * shows. Says so, so that a table's total and the snapshot's figure are not taken as a bug.
   */
  private warnShort(
    moment: string,
    rows: readonly HeaptrackRow[],
    reported: number | null,
    what: string,
  ): void {
    if (reported === null || rows.length === 0) return
    const listed = rows.reduce((sum, r) => sum + r.bytes, 0)
    if (listed === reported) return
    this.b.warn(
      `heaptrack_print lists only its largest stacks, with sizes rounded: those listed ${moment} hold ${bytesText(listed)} B of the ${bytesText(reported)} B of its ${what}.`,
    )
  }

  /**
   * A run log (heaptrack started, or injected, and its stats) lists no stacks: heaptrack wrote
   * them to its recording. Says which file, so that the format named for these lines is not
   * taken for heaptrack's findings.
   */
  private warnNoStacks(): void {
    if (this.outputFile === null || this.atPeak.length > 0 || this.atEnd.size > 0) return
    this.b.warn(
      `heaptrack's run log (line ${this.outputLine + 1}) lists no stacks: heaptrack wrote them to "${this.outputFile}". Open that file (a .gz or .zst is read as it is) to see them.`,
    )
  }

  close(): void {
    this.endEntry()
    const known = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : null)
    const peak = known(this.peak)
    const leaked = known(this.leaked)
    if (this.atPeak.length > 0)
      addHeaptrackMoment(this.b, HEAPTRACK_PEAK, this.atPeak, this.line, {
        bytes: peak ?? undefined,
      })
    if (this.atEnd.size > 0)
      addHeaptrackMoment(this.b, HEAPTRACK_END, [...this.atEnd.values()], this.line, {
        bytes: leaked ?? undefined,
        allocations: this.leakedAllocations,
      })
    if (leaked !== null) this.b.addLeakKind('leaked', leaked, this.leakedAllocations ?? 0)
    this.warnNoStacks()
    this.warnShort(HEAPTRACK_PEAK, this.atPeak, peak, 'peak heap memory consumption')
    this.warnShort(HEAPTRACK_END, [...this.atEnd.values()], leaked, 'total memory leaked')
    if (this.details.length > 0) {
      const leak = this.details.find((d) => d.startsWith('total memory leaked'))
      this.b.addCrash({
        format: 'heaptrack',
        kind: 'leak',
        message: leak ?? 'heaptrack run',
        record: NONE,
        line: this.line,
        details: this.details,
      })
    }
  }
}

/** `7,670`: a byte count as the warnings print it. */
const bytesText = (n: number) => n.toLocaleString('en-US')

function frameOf(func: string): FrameInput {
  // An unresolved frame prints its address as the function name.
  if (/^0x[0-9a-f]+$/.test(func)) return { func: 'unknown', kind: FrameKind.unknown, address: func }
  return { func, kind: nativeFrameKind(func) }
}

const SNIFF =
  /^(?:MOST CALLS TO ALLOCATION FUNCTIONS|PEAK MEMORY CONSUMERS|MEMORY LEAKS|MOST TEMPORARY ALLOCATIONS)$|^heaptrack (?:output will be written|stats:)|^reading file ".*" - please wait|^total memory leaked: /

/** heaptrack_print text and the heaptrack run log. */
export const heaptrackPrintFormat: RegionFormat = {
  format: 'heaptrack',
  // SNIFF's alternatives.
  hints: [
    'MOST CALLS TO ALLOCATION FUNCTIONS',
    'PEAK MEMORY CONSUMERS',
    'MEMORY LEAKS',
    'MOST TEMPORARY ALLOCATIONS',
    'heaptrack ',
    'reading file "',
    'total memory leaked: ',
  ],
  sniff(line: string): number {
    const c = line.charCodeAt(0)
    // M, P, h, r, t: the first letters of every anchor.
    if (c !== 77 && c !== 80 && c !== 104 && c !== 114 && c !== 116) return -1
    return SNIFF.test(line) ? 0 : -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new HeaptrackPrintReader(builder)
  },
}
