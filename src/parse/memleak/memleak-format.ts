import type { IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, IndexIntoStackTable } from '../../model/types'
import { EventKind, FrameKind, Level, NONE, RecordFlag } from '../../model/types'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import {
  isAllocationLine,
  isTraceTuple,
  parseAttach,
  parseBlockHeader,
  parseFrame,
  parseSnapshotHeader,
  splitBytesRepr,
  type MemleakFrame,
} from './memleak-lines'

/**
 * bcc memleak (`memleak-bpfcc`, `tools/memleak.py`, libbpf-tools `memleak`).
 *
 * Each `[HH:MM:SS] Top N stacks with outstanding allocations:` is a snapshot, and each
 * `N bytes in M allocations from stack` below it a record (bytes N, allocations M, count M)
 * whose stack is the frames that follow, leaf first as printed. The counts are *outstanding*
 * allocations since the tool attached, so a leak is a stack that grows from one snapshot to
 * the next (see `computeLeakGrowth`). The printed time has no date: snapshots keep it as their
 * label and leave `time` unset for a later step to anchor.
 *
 * One region is one run of the tool: a second `Attaching to` line ends the region, so the
 * regions of a source tell runs apart.
 */
export const memleakFormat: RegionFormat = {
  format: 'memleak',
  sniff: sniffMemleak,
  hints: [
    '] Top ',
    'Attaching to ',
    'Tracing outstanding memory allocs...',
    'Executing ',
    'using default object: ',
  ],
  open: (builder) => new MemleakReader(builder),
}

// The lines that open a region (docs/formats/memleak.md, Anchors), behind fixed-substring guards.
function sniffMemleak(line: string): number {
  let i = line.indexOf('] Top ')
  if (i >= 0) {
    const open = line.lastIndexOf('[', i)
    if (open >= 0 && parseSnapshotHeader(line.slice(open))) return open
  }
  i = line.indexOf('Attaching to ')
  if (i >= 0 && parseAttach(line.slice(i))) return i
  i = line.indexOf('Tracing outstanding memory allocs...')
  if (i >= 0) return i
  i = line.indexOf('Executing ')
  if (i >= 0 && line.trimEnd().endsWith(' and tracing the resulting process.')) return i
  i = line.indexOf('using default object: ')
  if (i >= 0) return i
  return -1
}

type Block = {
  bytes: number
  allocations: number
  stack: IndexIntoStackTable
  line: number
  truncated: boolean
}

type Snapshot = { label: string; line: number; blocks: Block[] }

/**
 * States:
 * - head: before any snapshot (tool banners). from: open. to: snapshot on a header; a block
 *   header without a snapshot header (the bcc example's `...` cut) opens an unlabelled one.
 * - snapshot: between blocks. from: head, frames. to: frames on `N bytes in M allocations`.
 * - frames: reading a block's frames. from: snapshot. to: snapshot on a blank line or the next
 *   block/snapshot header.
 * Every state tolerates `-a` lines, `-t` tuples, `...`, blank lines and the libbpf banners;
 * anything else ends the region (prose around pasted output, a Python traceback).
 */
type State = 'head' | 'snapshot' | 'frames'

class MemleakReader implements RegionReader {
  private state: State = 'head'
  private kernelMode = false
  private attached = false
  private snapshot: Snapshot | null = null
  private frames: IndexIntoFrameTable[] = []
  private block: { bytes: number; allocations: number; line: number; truncated: boolean } | null =
    null
  private traceLines = 0

  constructor(private readonly builder: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text
    const t = text.trim()

    const attach = parseAttach(t)
    if (attach) {
      // A second run in the same paste starts its own region.
      if (this.attached || this.snapshot) return false
      this.attached = true
      this.kernelMode = attach.kernel
      return true
    }
    const header = parseSnapshotHeader(t)
    if (header) {
      this.flushSnapshot()
      this.snapshot = { label: header.label, line: line.lineNo, blocks: [] }
      this.state = 'snapshot'
      return true
    }
    const block = parseBlockHeader(t)
    if (block) {
      this.flushBlock()
      if (!this.snapshot) this.snapshot = { label: '(no header)', line: line.lineNo, blocks: [] }
      this.block = { ...block, line: line.lineNo, truncated: false }
      this.state = 'frames'
      return true
    }
    if (t === '') {
      this.flushBlock()
      if (this.state === 'frames') this.state = 'snapshot'
      return true
    }
    if (this.state === 'frames') {
      const repr = splitBytesRepr(t)
      if (repr) {
        for (const f of repr.frames) {
          const parsed = parseFrame(f)
          if (parsed) this.frames.push(this.frame(parsed))
        }
        if (repr.truncated && this.block) {
          this.block.truncated = true
          this.builder.warn(
            `The stack at line ${line.lineNo + 1} (printed as one bytes repr, iovisor/bcc#2316) is cut short.`,
          )
        }
        return true
      }
      const frame = parseFrame(text)
      if (frame) {
        this.frames.push(this.frame(frame))
        return true
      }
    }
    if (isAllocationLine(t) || t === '...') return true
    if (isTraceTuple(t)) {
      this.traceLines++
      return true
    }
    if (this.isBanner(t)) return true
    return false
  }

  close(): void {
    if (this.state === 'frames' && this.block && this.frames.length === 0) {
      this.builder.warn(`The memleak output ends inside a block: its stack is missing.`)
      this.block.truncated = true
    }
    this.flushSnapshot()
    if (this.traceLines > 0) {
      this.builder.warn(
        `${this.traceLines} memleak trace line(s) (-t) were skipped: they list single calls, not outstanding allocations.`,
      )
    }
  }

  // libbpf-tools banners and notes (libbpf-tools/memleak.c main()).
  private isBanner(t: string): boolean {
    if (t.startsWith('tracing kernel: ')) {
      this.kernelMode ||= t.endsWith('true')
      return true
    }
    return (
      t.startsWith('using default object: ') ||
      t.startsWith('using page size: ') ||
      t.startsWith('Tracing outstanding memory allocs...') ||
      t.startsWith('libbpf: ') ||
      // memleak.py -c CMD: "Executing '%s' and tracing the resulting process."
      (t.startsWith('Executing ') && t.endsWith(' and tracing the resulting process.')) ||
      /^WARNING: \d+ stack traces could not be displayed/.test(t)
    )
  }

  private frame(f: MemleakFrame): IndexIntoFrameTable {
    const kernel =
      f.module === 'kernel' ||
      (f.module === undefined && (this.kernelMode || (f.address?.startsWith('0xffff') ?? false)))
    let kind: FrameKind
    let func: string
    if (f.func === undefined) {
      kind = FrameKind.unknown
      func = f.module ? `unknown in ${f.module}` : 'unknown'
    } else {
      func = f.func
      kind = kernel ? FrameKind.kernel : moduleKind(f.module)
    }
    return this.builder.frame({
      func,
      file: f.file,
      line: f.line,
      module: kernel && f.module === undefined ? 'kernel' : f.module,
      kind,
      address: f.address,
    })
  }

  private flushBlock(): void {
    const block = this.block
    if (!block || !this.snapshot) return
    this.block = null
    const stack = this.frames.length ? this.builder.stackFromLeafFirst(this.frames) : NONE
    this.frames = []
    this.snapshot.blocks.push({
      bytes: block.bytes,
      allocations: block.allocations,
      stack,
      line: block.line,
      truncated: block.truncated,
    })
  }

  /** Adds the snapshot with its totals, then its records (the snapshot index is known now). */
  private flushSnapshot(): void {
    this.flushBlock()
    const s = this.snapshot
    if (!s) return
    this.snapshot = null
    const b = this.builder
    let bytes = 0
    let allocations = 0
    for (const block of s.blocks) {
      bytes += block.bytes
      allocations += block.allocations
    }
    const index = b.addSnapshot({ label: s.label, bytes, allocations, line: s.line })
    b.addEvent({
      time: NaN,
      kind: EventKind.snapshot,
      level: Level.info,
      line: s.line,
      label: `memleak ${s.label}: ${bytes} bytes in ${allocations} allocations outstanding`,
    })
    for (const block of s.blocks) {
      b.addRecord({
        stack: block.stack,
        count: block.allocations,
        bytes: block.bytes,
        allocations: block.allocations,
        snapshot: index,
        flags: block.truncated ? RecordFlag.truncated : 0,
        line: block.line,
      })
    }
  }
}

// C and C++ runtime libraries; other `lib*` modules are third-party libraries, the rest the
// traced program itself.
const STDLIB_RE = /^(?:libc[.-]|libstdc\+\+|libpthread|libm[.-]|libdl|librt|libgcc_s|ld-)/

function moduleKind(module: string | undefined): FrameKind {
  if (module === undefined) return FrameKind.app
  if (STDLIB_RE.test(module)) return FrameKind.stdlib
  if (module.startsWith('lib')) return FrameKind.library
  return FrameKind.app
}
