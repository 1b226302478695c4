import type { IncidentBuilder } from '../../model/builder'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { addMassifSnapshots, type MassifSnapshot } from './massif-snapshots'
import { MassifTree } from './massif-tree'

/**
 * valgrind massif's data file, `massif.out.PID` (`valgrind --tool=massif`), and the same format
 * as `heaptrack_print -M` writes it. Written by `write_snapshots_to_file` in valgrind's
 * `massif/ms_main.c` (3.19, 2022):
 *
 *     desc: --massif-out-file=massif.out.leaky_cache
 *     cmd: ./leaky_cache
 *     time_unit: i
 *     #-----------
 *     snapshot=3
 *     #-----------
 *     time=342046
 *     mem_heap_B=204096
 *     mem_heap_extra_B=16
 *     mem_stacks_B=0
 *     heap_tree=detailed          (empty | detailed | peak)
 *     n1: 204096 (heap allocation functions) malloc/new/new[], --alloc-fns, etc.
 *      n2: 204096 0x109170: make_entry (leaky_cache.c:9)
 *       n0: 200000 0x109214: main (leaky_cache.c:22)
 *
 * heaptrack writes the `desc:`/`cmd:`/`time_unit: s` header after the snapshots.
 */

const SNAPSHOT = /^snapshot=(\d+)$/
const FIELD = /^(time|mem_heap_B|mem_heap_extra_B|mem_stacks_B|heap_tree)=(\S+)$/
const NODE = /^( *)n\d+: (\d+) (.*)$/
const HEADER = /^(desc|cmd|time_unit): ?(.*)$/

/**
 * States:
 * - head: `desc:`, `cmd:`, `time_unit:` lines (also accepted after the snapshots). to:
 *   snapshot on `snapshot=N`.
 * - snapshot: separators, `snapshot=N` and its fields. to: tree on the first `nK:` line.
 * - tree: `nK:` lines, indented one space per level. to: snapshot on `snapshot=N`.
 * Anything else ends the region.
 */
class MassifOutReader implements RegionReader {
  private timeUnit = 'i'
  private command: string | undefined
  private readonly snapshots: MassifSnapshot[] = []
  private current: MassifSnapshot | null = null
  private readonly tree: MassifTree

  constructor(b: IncidentBuilder) {
    this.tree = new MassifTree(b)
  }

  push(line: RegionLine): boolean {
    const t = line.text
    if (t === '#-----------') return true
    let m: RegExpExecArray | null
    if ((m = NODE.exec(t))) {
      if (!this.current) return false
      this.tree.node(this.current, m[1].length, Number(m[2]), m[3], line.lineNo)
      return true
    }
    if ((m = SNAPSHOT.exec(t))) {
      this.tree.end()
      this.current = {
        index: Number(m[1]),
        time: NaN,
        heap: 0,
        extra: 0,
        stacks: 0,
        tree: 'empty',
        line: line.lineNo,
        sites: [],
      }
      this.snapshots.push(this.current)
      return true
    }
    if ((m = FIELD.exec(t))) {
      const c = this.current
      if (!c) return false
      if (m[1] === 'heap_tree') c.tree = m[2]
      else if (m[1] === 'time') c.time = Number(m[2])
      else if (m[1] === 'mem_heap_B') c.heap = Number(m[2])
      else if (m[1] === 'mem_heap_extra_B') c.extra = Number(m[2])
      else c.stacks = Number(m[2])
      return true
    }
    // valgrind writes the header first, heaptrack last.
    if ((m = HEADER.exec(t))) {
      if (m[1] === 'time_unit') this.timeUnit = m[2]
      else if (m[1] === 'cmd') this.command = m[2]
      return true
    }
    return false
  }

  close(): void {
    this.tree.end()
    addMassifSnapshots(this.tree.builder, this.snapshots, {
      timeUnit: this.timeUnit,
      command: this.command,
      tool: 'massif',
    })
  }
}

// `desc:` opens valgrind's file; heaptrack's starts at the first separator.
function sniffMassifOut(line: string): number {
  if (line === '#-----------') return 0
  return line.startsWith('desc: ') ? 0 : -1
}

export const massifOutFormat: RegionFormat = {
  format: 'massif',
  hints: ['#-----------', 'desc: '],
  sniff: sniffMassifOut,
  open: (builder) => new MassifOutReader(builder),
}
