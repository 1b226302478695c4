import type { FrameInput, IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable } from '../../model/types'
import { NONE } from '../../model/types'
import { classifyNativeFrame } from '../native/native-frame'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { GoFrames } from '../go/go-frames'
import { isGoSymbol } from './go-symbol'
import { parsePerfFrame, type PerfFrame } from './perf-frame'
import { parsePerfHeader, type PerfSampleHeader } from './perf-header'

/**
 * `perf script` output: the samples `perf record` took, each a header line (see
 * perf-header.ts) and, when recorded with `-g` or `--call-graph dwarf`, its call chain leaf
 * first, one tab-indented frame a line (perf-frame.ts), then a blank line.
 *
 * Each sample is one record: `count` 1, its comm as the record's name, its tid as its id, the
 * event as its state, and `comm=…, pid=…, tid=…` as labels, so the Stacks view groups by
 * thread (Labels) or by process (`label:pid`). Declared sample types: `samples` (one per
 * sample) and, when perf printed periods, each event's period (`cpu-clock` and `task-clock`
 * in nanoseconds, other events in their own count), as pprof's perf converter does.
 *
 * perf's times count on its own clock, since boot by default: records take no time from them,
 * since record times are wall-clock and a since-boot time is none. `perf record -k realtime`
 * prints epoch seconds, which are wall times as they stand and become the records' times.
 * Samples share nothing but frames, so a file cut at blank lines parses as the whole does.
 * Line shapes, traps and sources: docs/formats/perf.md.
 */

/** Seconds past this are epoch seconds (`-k realtime`), not an uptime (31 years). */
const EPOCH_SECONDS = 1e9
/** Events counted in nanoseconds of CPU time. */
const NANOSECOND_EVENTS = new Set(['cpu-clock', 'task-clock'])

/**
 * States:
 * - between samples (`sample === null`): a header opens a sample (to: in a sample); blank
 *   lines are kept.
 * - in a sample: frames are added; another header ends it and opens the next (stay); a blank
 *   line ends it (to: between samples); other indented lines (`-F +srcline`) are skipped.
 * Any other line ends the region.
 */
class PerfScriptReader implements RegionReader {
  private sample: PerfSampleHeader | null = null
  private sampleLine = 0
  private readonly frames: PerfFrame[] = []
  private readonly ids: IndexIntoFrameTable[] = []
  // Frame by `func\0dso`: a recording repeats a few hundred frames thousands of times.
  private readonly frameOf = new Map<string, IndexIntoFrameTable>()
  private readonly samplesType: number
  private readonly goFrames: GoFrames
  private readonly periodTypes = new Map<string, number>()
  private readonly events = new Map<string, number>()
  private labelKey = ''
  private label = ''

  constructor(private readonly b: IncidentBuilder) {
    this.samplesType = b.sampleType('samples', 'count')
    this.goFrames = new GoFrames(b)
  }

  push(line: RegionLine): boolean {
    const text = line.text
    if (text.trim() === '') {
      this.flush()
      return true
    }
    const header = parsePerfHeader(text)
    if (header) {
      this.flush()
      this.open(header, line.lineNo)
      return true
    }
    const c = text.charCodeAt(0)
    if (this.sample === null || (c !== 9 && c !== 32)) return false
    const frame = parsePerfFrame(text.trim())
    if (frame) this.frames.push(frame)
    return true
  }

  close(): void {
    this.flush()
    if (this.events.size > 1) {
      const events = [...this.events.keys()].sort().join(', ')
      this.b.warn(
        `These perf samples are of ${this.events.size} events (${events}): the sample count adds them up. Group by state to see each event on its own.`,
      )
    }
  }

  private open(header: PerfSampleHeader, lineNo: number): void {
    this.sample = header
    this.sampleLine = lineNo
    // Without call chains the one frame follows the event on the header line.
    const frame = header.rest === '' ? null : parsePerfFrame(header.rest)
    if (frame) this.frames.push(frame)
  }

  /** Adds the open sample as a record. */
  private flush(): void {
    const s = this.sample
    if (s === null) return
    this.sample = null
    const b = this.b
    this.ids.length = 0
    // An inlined frame lies in the DSO of the next real frame toward the root.
    let dso = ''
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]
      if (f.dso !== 'inlined') dso = f.dso
      this.ids.push(this.frame(f.func, dso, f.address))
    }
    this.ids.reverse()
    this.frames.length = 0
    const event = s.event.split(':', 1)[0]
    const labelKey = `${s.comm}\u0000${s.pid}\u0000${s.tid}`
    if (labelKey !== this.labelKey) {
      this.labelKey = labelKey
      this.label = `comm=${s.comm}${s.pid >= 0 ? `, pid=${s.pid}` : ''}, tid=${s.tid}`
    }
    const record = b.addRecord({
      stack: this.ids.length ? b.stackFromLeafFirst(this.ids) : NONE,
      count: 1,
      state: s.event,
      id: s.tid,
      name: s.comm,
      time: s.seconds > EPOCH_SECONDS ? s.seconds * 1000 : undefined,
      line: this.sampleLine,
      labels: this.label,
    })
    this.events.set(s.event, (this.events.get(s.event) ?? 0) + 1)
    if (Number.isNaN(s.period)) {
      b.setRecordSamples(record, [this.samplesType], [1])
      return
    }
    let periodType = this.periodTypes.get(event)
    if (periodType === undefined) {
      periodType = b.sampleType(event, NANOSECOND_EVENTS.has(event) ? 'nanoseconds' : 'count')
      this.periodTypes.set(event, periodType)
    }
    b.setRecordSamples(record, [this.samplesType, periodType], [1, s.period])
  }

  private frame(func: string, dso: string, address: string): IndexIntoFrameTable {
    const key = `${func}\u0000${dso}`
    let id = this.frameOf.get(key)
    if (id === undefined) {
      // A Go program's frames read as in its goroutine dumps: runtime, stdlib, the program.
      id = isGoSymbol(func, dso)
        ? this.goFrames.frame(func, undefined, undefined, address)
        : this.b.frame(perfFrameInput(func, dso, address))
      this.frameOf.set(key, id)
    }
    return id
  }
}

/** A frame's identity: perf's `[unknown]` DSO is no module; the rest goes to the classifier. */
export function perfFrameInput(func: string, dso: string, address: string): FrameInput {
  const module = dso === '' || dso === '[unknown]' || dso === 'inlined' ? undefined : dso
  return classifyNativeFrame({ func, module, address })
}

/** Whether a line opens perf script output: a sample header. */
function sniffPerfScript(line: string): number {
  return parsePerfHeader(line) ? 0 : -1
}

/** `perf script` samples with their call chains. */
export const perfScriptFormat: RegionFormat = {
  format: 'perf',
  // Every header has `: ` after its time (`%5lu.%06lu: `).
  hints: [': '],
  sniff: sniffPerfScript,
  open: (builder) => new PerfScriptReader(builder),
}
