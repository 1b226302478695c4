import { pathBasename } from '../../lib/path-basename'
import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { FrameKind, NONE } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { nativeFrameKind } from '../native/native-frame'
import {
  addHeaptrackMoment,
  HEAPTRACK_END,
  HEAPTRACK_PEAK,
  type HeaptrackRow,
} from './heaptrack-moments'
import { formatHeaptrackBytes } from './heaptrack-size'

/**
 * heaptrack data files (docs/formats/heaptrack.md; heaptrack `accumulatedtracedata.cpp`,
 * `heaptrack_interpret.cpp`, 1.0-1.5). One record per line, numbers in lowercase hex:
 * interpreted files (v2 `s string`, v3 `s <hexlen> <string>`, `i` instruction pointers with
 * symbols, `t ip parent` traces, `a size trace` allocation infos, `+ info` / `- info`) and raw
 * `--record-only` files (`m` module maps, `t ip parent` with absolute ips, `+ size trace ptr`,
 * `- ptr`), whose frames can only be named `unknown in <module>+<offset>`.
 *
 * Model: two snapshots, the two moments heaptrack_print and its GUI report on, so that no total
 * adds the peak to the leaks. In each, one record per allocation stack that had been called by
 * then: count = calls so far, bytes = bytes still allocated, allocations = allocations still
 * live. A snapshot's totals are then heaptrack's own figures.
 * - `at the peak`: the moment the heap was largest (heaptrack's "peak heap memory
 *   consumption"); state `peak`, or `freed` when the stack held nothing at that moment.
 * - `at the end`: the end of the run ("total memory leaked"); state `leaked`, or `freed`.
 * - leakKinds `leaked`: total leaked bytes and leaked allocations.
 * - a crash fact of kind `leak` holding the run's totals (calls, temporary, peak, leaked, peak
 *   RSS) as heaptrack_print prints them, series `heap` and `rss` over time (ms since start).
 */

type Trace = { ip: number; parent: number }
type Ip = { frames: FrameInput[] }
type Module = { path: string; start: number; end: number; base: number }

/**
 * Per-stack counters. `peak*` and `peakEpoch` keep the stack as it stood at the global peak, in
 * one pass: the first change after a new peak saves them.
 */
type Cost = {
  calls: number
  live: number
  liveCount: number
  temporary: number
  peakValue: number
  peakCount: number
  peakCalls: number
  peakEpoch: number
}

// `v <heaptrackVersion> <fileVersion>` (a v1 file has no file version).
const VERSION = /^v ([0-9a-f]{3,6})(?: ([0-9a-f]{1,2}))?$/

/**
 * States:
 * - header: before the first record that needs the version. from: `v`. to: body.
 * - body: records. A line that is not a record (`^[a-zA-Z+#-]( |$)`) ends the region.
 * There is no end marker: a cut file is read to its last full line.
 */
class HeaptrackDataReader implements RegionReader {
  private fileVersion = 0
  private raw = false
  private readonly strings: string[] = ['']
  private readonly ips: Ip[] = [{ frames: [] }]
  private readonly traces: Trace[] = [{ ip: 0, parent: 0 }]
  private readonly infoSize: number[] = []
  private readonly infoTrace: number[] = []
  private readonly costs = new Map<number, Cost>()
  private modules: Module[] = []
  private readonly rawPointers = new Map<string, { size: number; trace: number }>()
  private lastPlus = ''
  private total = 0
  private peak = 0
  private peakEpoch = 0
  private calls = 0
  private temporary = 0
  private time = 0
  private pageSize = 0x1000
  private maxRss = 0
  private command = ''
  private exe = ''
  private line = 0
  private bad = 0
  private sawRecord = false

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const t = line.text
    if (t === '') return true
    const type = t[0]
    if (t.length > 1 && t[1] !== ' ') return false
    this.sawRecord ||= type === '+' || type === 't' || type === 's' || type === 'i'
    switch (type) {
      case 'v': {
        const m = VERSION.exec(t)
        if (!m) return false
        this.line = line.lineNo
        this.fileVersion = m[2] === undefined ? 1 : parseInt(m[2], 16)
        return true
      }
      case 's':
        this.strings.push(this.lengthPrefixed(t.slice(2)))
        return true
      case 'i':
        this.readIp(t)
        return true
      case 't': {
        const [a, b] = fields(t)
        // Interpreted: `t ipIndex parentTrace`; raw: `t absoluteIp parentTrace`.
        this.traces.push({
          ip: this.raw ? this.rawIp(a) : parseInt(a, 16),
          parent: parseInt(b, 16),
        })
        return true
      }
      case 'a': {
        const [size, trace] = fields(t)
        this.infoSize.push(parseInt(size, 16))
        this.infoTrace.push(parseInt(trace, 16))
        return true
      }
      case '+':
        this.allocation(t)
        return true
      case '-':
        this.free(t)
        return true
      case 'm':
        this.readModule(t)
        return true
      case 'c':
        this.time = parseInt(t.slice(2), 16)
        this.b.addSeriesPoint('heap', this.time, this.total, 'B')
        return true
      case 'R': {
        const rss = parseInt(t.slice(2), 16) * this.pageSize
        if (rss > this.maxRss) this.maxRss = rss
        this.b.addSeriesPoint('rss', this.time, rss, 'B')
        return true
      }
      case 'I':
        this.pageSize = parseInt(fields(t)[0], 16) || this.pageSize
        return true
      case 'X':
        this.command = t.slice(2)
        return true
      case 'x':
        this.raw = true
        this.exe = this.lengthPrefixed(t.slice(2))
        return true
      case 'A':
      case '#':
      case 'S':
        return true
      default:
        return false
    }
  }

  /** v3 strings are `<hexlen> <string>` (they may hold spaces); v2 strings are the rest. */
  private lengthPrefixed(rest: string): string {
    if (this.fileVersion < 3) return rest
    const space = rest.indexOf(' ')
    if (space < 0) return ''
    const len = parseInt(rest.slice(0, space), 16)
    const s = rest.slice(space + 1)
    return Number.isFinite(len) && len <= s.length ? s.slice(0, len) : s
  }

  /** `i ip module [func file line [func file line]...]`: innermost frame first. */
  private readIp(t: string): void {
    const f = fields(t)
    const ip = f[0]
    const module = this.str(parseInt(f[1], 16))
    const frames: FrameInput[] = []
    for (let i = 2; i < f.length; i += 3) {
      const func = this.str(parseInt(f[i], 16))
      const file = this.str(parseInt(f[i + 1] ?? '0', 16)) || undefined
      const lineNo = parseInt(f[i + 2] ?? '0', 16) || undefined
      if (!func) continue
      frames.push({
        func,
        file,
        line: lineNo,
        module: module || undefined,
        kind: nativeFrameKind(func, file, module),
        address: `0x${ip}`,
      })
    }
    // No symbol: an interpreted file knows the module but not its load address, so the
    // frame is `unknown in <module>` (address kept for display only).
    if (frames.length === 0)
      frames.push(
        module
          ? {
              func: `unknown in ${pathBasename(module)}`,
              module,
              kind: FrameKind.unknown,
              address: `0x${ip}`,
            }
          : this.unknownAt(BigInt(`0x${ip || '0'}`), undefined),
      )
    this.ips.push({ frames })
  }

  private str(index: number): string {
    return Number.isFinite(index) ? (this.strings[index] ?? '') : ''
  }

  /** `m <len> <path> <base> [<vaddr> <memsz>]...`; `m 1 -` starts a new module list. */
  private readModule(t: string): void {
    const rest = t.slice(2)
    const path = this.lengthPrefixed(rest)
    if (path === '-') {
      this.modules = []
      return
    }
    const after = rest.slice(rest.indexOf(path) + path.length + 1).split(' ')
    const base = parseInt(after[0], 16)
    let start = Infinity
    let end = 0
    for (let i = 1; i + 1 < after.length; i += 2) {
      const vaddr = parseInt(after[i], 16)
      const size = parseInt(after[i + 1], 16)
      start = Math.min(start, base + vaddr)
      end = Math.max(end, base + vaddr + size)
    }
    // `x` names the executable given by the `x <len> <path>` line.
    const exe = path === 'x' ? this.exe || 'x' : path
    if (Number.isFinite(base)) this.modules.push({ path: exe, start, end, base })
  }

  /** A raw trace's ip becomes a new `i` entry: unknown in the module that maps it. */
  private rawIp(hex: string): number {
    const ip = BigInt(`0x${hex || '0'}`)
    const n = Number(ip)
    const m = this.modules.find((mod) => n >= mod.start && n < mod.end)
    const frame = m
      ? this.unknownAt(ip - BigInt(m.base), m.path, true)
      : this.unknownAt(ip, undefined)
    this.ips.push({ frames: [frame] })
    return this.ips.length - 1
  }

  private unknownAt(offset: bigint, module: string | undefined, relative = false): FrameInput {
    const hex = `0x${offset.toString(16)}`
    return {
      func: module ? `unknown in ${pathBasename(module)}+${hex}` : `unknown at ${hex}`,
      module: module || undefined,
      kind: FrameKind.unknown,
      address: relative ? undefined : hex,
    }
  }

  private cost(trace: number): Cost {
    let c = this.costs.get(trace)
    if (!c) {
      c = {
        calls: 0,
        live: 0,
        liveCount: 0,
        temporary: 0,
        peakValue: 0,
        peakCount: 0,
        peakCalls: 0,
        peakEpoch: -1,
      }
      this.costs.set(trace, c)
    }
    // The first change after a new global peak saves what the stack had at that peak.
    if (c.peakEpoch < this.peakEpoch) {
      c.peakValue = c.live
      c.peakCount = c.liveCount
      c.peakCalls = c.calls
      c.peakEpoch = this.peakEpoch
    }
    return c
  }

  private allocation(t: string): void {
    const f = fields(t)
    let size: number
    let trace: number
    if (f.length >= 3) {
      // Raw (and v0): `+ size trace ptr`.
      size = parseInt(f[0], 16)
      trace = parseInt(f[1], 16)
      this.rawPointers.set(f[2], { size, trace })
    } else {
      const info = parseInt(f[0], 16)
      size = this.infoSize[info]
      trace = this.infoTrace[info]
      if (size === undefined) {
        this.bad++
        return
      }
    }
    const c = this.cost(trace)
    c.calls++
    c.live += size
    c.liveCount++
    this.calls++
    this.total += size
    this.lastPlus = f.length >= 3 ? f[2] : f[0]
    if (this.total > this.peak) {
      this.peak = this.total
      this.peakEpoch++
    }
  }

  private free(t: string): void {
    const key = t.slice(2)
    let size: number
    let trace: number
    if (this.raw || this.rawPointers.size > 0) {
      const p = this.rawPointers.get(key)
      if (!p) return // freed memory allocated before heaptrack attached
      this.rawPointers.delete(key)
      size = p.size
      trace = p.trace
    } else {
      const info = parseInt(key, 16)
      size = this.infoSize[info]
      trace = this.infoTrace[info]
      if (size === undefined) {
        this.bad++
        return
      }
    }
    const c = this.cost(trace)
    c.live -= size
    c.liveCount--
    this.total -= size
    if (key === this.lastPlus) {
      c.temporary++
      this.temporary++
    }
    this.lastPlus = ''
  }

  close(): void {
    if (!this.sawRecord) return
    if (this.bad > 0)
      this.b.warn(`${this.bad} heaptrack allocation lines refer to unknown allocation infos.`)
    const stackOf = new Map<number, number>()
    const atPeak: HeaptrackRow[] = []
    const atEnd: HeaptrackRow[] = []
    let leaked = 0
    let leakedCount = 0
    for (const [trace, c] of this.costs) {
      const stack = this.stackOfTrace(trace, stackOf)
      // A stack unchanged since the peak still stands as it stood then.
      const saved = c.peakEpoch === this.peakEpoch
      const peak = {
        calls: saved ? c.peakCalls : c.calls,
        bytes: saved ? c.peakValue : c.live,
        allocations: saved ? c.peakCount : c.liveCount,
      }
      if (peak.calls > 0)
        atPeak.push({
          stack,
          state: peak.bytes > 0 ? 'peak' : 'freed',
          count: peak.calls,
          bytes: peak.bytes,
          allocations: peak.allocations,
          line: this.line,
        })
      atEnd.push({
        stack,
        state: c.live > 0 ? 'leaked' : 'freed',
        count: c.calls,
        bytes: c.live,
        allocations: c.liveCount,
        line: this.line,
      })
      leaked += c.live
      leakedCount += c.liveCount
    }
    if (atEnd.length > 0) {
      addHeaptrackMoment(this.b, HEAPTRACK_PEAK, atPeak, this.line)
      addHeaptrackMoment(this.b, HEAPTRACK_END, atEnd, this.line)
    }
    this.b.addLeakKind('leaked', leaked, leakedCount)
    this.b.addCrash({
      format: 'heaptrack',
      kind: 'leak',
      message: `total memory leaked: ${formatHeaptrackBytes(leaked)}`,
      record: NONE,
      line: this.line,
      details: [
        ...(this.command ? [`command: ${this.command}`] : []),
        `calls to allocation functions: ${this.calls}`,
        `temporary memory allocations: ${this.temporary}`,
        `peak heap memory consumption: ${formatHeaptrackBytes(this.peak)} (${this.peak} bytes)`,
        ...(this.maxRss ? [`peak RSS: ${formatHeaptrackBytes(this.maxRss)}`] : []),
        `total memory leaked: ${leaked} bytes in ${leakedCount} allocations`,
        ...(this.raw ? ['raw recording: frames are module offsets (not symbolized)'] : []),
      ],
    })
  }

  /** The stack node of a trace: its parent's node plus the trace ip's frames. */
  private stackOfTrace(trace: number, memo: Map<number, number>): number {
    const chain: number[] = []
    let node: number = NONE
    for (let t = trace; t !== 0;) {
      const known = memo.get(t)
      if (known !== undefined) {
        node = known
        break
      }
      chain.push(t)
      const next = this.traces[t]?.parent ?? 0
      if (next >= t && next !== 0) break // a cycle in a corrupt file
      t = next
      if (chain.length > 100000) break
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i]
      const frames = this.ips[this.traces[t]?.ip ?? 0]?.frames ?? []
      // Frames are innermost first; the outermost inlined caller sits nearest the root.
      for (let k = frames.length - 1; k >= 0; k--)
        node = this.b.stack(node, this.b.frame(frames[k]))
      memo.set(t, node)
    }
    return node
  }
}

function fields(t: string): string[] {
  return t.slice(2).split(' ')
}

/** heaptrack data files, interpreted or raw, v1 to v3. */
export const heaptrackDataFormat: RegionFormat = {
  format: 'heaptrack-data',
  hints: ['v '],
  sniff(line: string): number {
    return line.startsWith('v ') && VERSION.test(line) ? 0 : -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new HeaptrackDataReader(builder)
  },
}
