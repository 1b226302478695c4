import { pathBasename } from '../../lib/path-basename'
import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { FrameKind } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'

/**
 * Heap profile dumps with raw return addresses (docs/formats/jemalloc.md and tcmalloc.md):
 * - gperftools `HEAPPROFILE=prefix` -> `prefix.0001.heap` (`heap_profile_table.cc`):
 *   `heap profile:    39:     2609 [  1054:    35235] @ heapprofile`, then one line per stack
 *   `  16:  1144 [  16:  1144] @ 0x55c6.. 0x55c6..` (in-use objects: bytes [allocated: bytes]);
 * - jemalloc `jeprof.<pid>.<seq>.f.heap` (`prof_dump` in `prof_data.c`): `heap_v2/524288`,
 *   `  t*: 40: 84880 [0: 0]` totals, then `@ 0x.. 0x..` stacks each followed by `  t*: N: B [..]`.
 * Both end with `MAPPED_LIBRARIES:` and /proc/PID/maps verbatim, which turns each address into
 * `unknown in <module>+<offset>`: the browser has no symbols. Records (added at close, once
 * the maps are known): state `in use`, count = allocations = live objects, bytes = live bytes;
 * stacks with nothing live are skipped. The header totals become a snapshot.
 */

// /proc/PID/maps: `55c60d848000-55c60d84a000 r-xp 00002000 00:00 2205611   /path`.
const MAPS_LINE = /^([0-9a-f]+)-([0-9a-f]+) \S{4} ([0-9a-f]+) \S+ \d+(?:\s+(\S.*))?$/
const TCMALLOC_HEADER = /^heap profile:\s*(\d+):\s*(\d+) \[\s*(\d+):\s*(\d+)\] @ (\S+)$/
const TCMALLOC_STACK = /^\s*(\d+):\s*(\d+) \[\s*(\d+):\s*(\d+)\] @((?: 0x[0-9a-fA-F]+)*)\s*$/
const JEMALLOC_HEADER = /^heap_v2\/(\d+)$/
const JEMALLOC_COUNTS = /^\s*t\*: (\d+): (\d+) \[(\d+): (\d+)\]$/
const JEMALLOC_THREAD = /^\s*t\d+: \d+: \d+ \[\d+: \d+\]$/

type Mapping = { start: bigint; end: bigint; offset: bigint; path: string }
type Pending = { addrs: string[]; objects: number; bytes: number; line: number }

/**
 * States:
 * - header: the first line. to: stacks.
 * - stacks: stack lines (and jemalloc's per-stack `t*:`/`tN:` lines). to: maps on
 *   `MAPPED_LIBRARIES:`.
 * - maps: /proc/PID/maps lines until a line that is not one (the region ends).
 */
class HeapDumpReader implements RegionReader {
  private kind: 'tcmalloc' | 'jemalloc' | null = null
  private readonly pending: Pending[] = []
  private current: Pending | null = null
  private readonly maps: Mapping[] = []
  private inMaps = false
  private jeTotalsSeen = false

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const t = line.text
    let m: RegExpExecArray | null
    if (this.inMaps) {
      if ((m = MAPS_LINE.exec(t.trimEnd()))) {
        if (m[4] !== undefined)
          this.maps.push({
            start: BigInt(`0x${m[1]}`),
            end: BigInt(`0x${m[2]}`),
            offset: BigInt(`0x${m[3]}`),
            path: m[4].trim(),
          })
        return true
      }
      return false
    }
    if (t.trim() === '') return true
    if (t === 'MAPPED_LIBRARIES:') {
      this.inMaps = true
      return true
    }
    if (this.kind === null) {
      if ((m = TCMALLOC_HEADER.exec(t))) {
        this.kind = 'tcmalloc'
        this.snapshot(`heap profile (${m[5]})`, Number(m[2]), Number(m[1]), line.lineNo)
        return true
      }
      if ((m = JEMALLOC_HEADER.exec(t))) {
        this.kind = 'jemalloc'
        return true
      }
      return false
    }
    if (this.kind === 'tcmalloc') {
      if (!(m = TCMALLOC_STACK.exec(t))) return false
      const addrs = m[5].trim().split(' ').filter(Boolean)
      this.pending.push({ addrs, objects: Number(m[1]), bytes: Number(m[2]), line: line.lineNo })
      return true
    }
    // jemalloc heap_v2
    if (t.startsWith('@')) {
      this.current = {
        addrs: t.slice(1).trim().split(' ').filter(Boolean),
        objects: 0,
        bytes: 0,
        line: line.lineNo,
      }
      this.pending.push(this.current)
      return true
    }
    if ((m = JEMALLOC_COUNTS.exec(t))) {
      if (this.current) {
        this.current.objects = Number(m[1])
        this.current.bytes = Number(m[2])
      } else if (!this.jeTotalsSeen) {
        this.jeTotalsSeen = true
        this.snapshot('jemalloc heap_v2', Number(m[2]), Number(m[1]), line.lineNo)
      }
      return true
    }
    return JEMALLOC_THREAD.test(t)
  }

  private snapshot(label: string, bytes: number, allocations: number, line: number): void {
    this.b.addSnapshot({ label, bytes, allocations, line })
  }

  private frame(addr: string): FrameInput {
    let a: bigint
    try {
      a = BigInt(addr)
    } catch {
      return { func: `unknown at ${addr}`, kind: FrameKind.unknown }
    }
    // Return addresses point after the call; the module offset is what symbolizers take.
    const m = this.maps.find((x) => a >= x.start && a < x.end)
    if (!m) return { func: `unknown at ${addr}`, kind: FrameKind.unknown, address: addr }
    const offset = `0x${(a - m.start + m.offset).toString(16)}`
    return {
      func: `unknown in ${pathBasename(m.path)}+${offset}`,
      module: m.path,
      kind: FrameKind.unknown,
      address: addr,
    }
  }

  close(): void {
    if (this.kind === null) return
    if (!this.inMaps)
      this.b.warn('The heap profile has no MAPPED_LIBRARIES: frames are bare addresses.')
    for (const p of this.pending) {
      if (p.objects === 0 && p.bytes === 0) continue
      const frames = p.addrs.map((a) => this.b.frame(this.frame(a)))
      this.b.addRecord({
        stack: this.b.stackFromLeafFirst(frames),
        state: 'in use',
        count: p.objects,
        bytes: p.bytes,
        allocations: p.objects,
        line: p.line,
      })
    }
  }
}

/** gperftools heap profiles and jemalloc heap_v2 dumps. */
export const heapDumpFormat: RegionFormat = {
  format: 'heap-profile',
  hints: ['heap profile:', 'heap_v2/'],
  sniff(line: string): number {
    let i = line.indexOf('heap profile:')
    if (i >= 0) return TCMALLOC_HEADER.test(line.slice(i)) ? i : -1
    i = line.indexOf('heap_v2/')
    if (i >= 0) return JEMALLOC_HEADER.test(line.slice(i)) ? i : -1
    return -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new HeapDumpReader(builder)
  },
}
