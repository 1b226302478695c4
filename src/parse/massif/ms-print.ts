import type { IncidentBuilder } from '../../model/builder'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { addMassifSnapshots, type MassifSnapshot } from './massif-snapshots'
import { MassifTree } from './massif-tree'

/**
 * `ms_print massif.out.PID`: massif's data as text (valgrind's `massif/ms_print.in`, 3.19):
 * a header, an ASCII graph, `Detailed snapshots: [3, 13, 90 (peak)]`, then tables of
 * snapshots; a detailed snapshot's row is followed by its tree:
 *
 *       n        time(i)         total(B)   useful-heap(B) extra-heap(B)    stacks(B)
 *      90      4,571,259        2,827,048        2,826,528           520            0
 *     99.98% (2,826,528B) (heap allocation functions) malloc/new/new[], --alloc-fns, etc.
 *     ->99.98% (2,826,528B) 0x109170: make_entry (leaky_cache.c:9)
 *       ->82.30% (2,326,528B) 0x1091AF: fill_cache (leaky_cache.c:14)
 *       | ->82.30% (2,326,528B) 0x109200: main (leaky_cache.c:20)
 *
 * A node's depth is where its `->` starts (two columns per level).
 */

const DASHES = /^-{20,}$/
const META = /^(Command|Massif arguments|ms_print arguments):(.*)$/
const TABLE_HEADER = /^ +n +time\((\w+)\) +total\(B\)/
const ROW = /^ *(\d+) +([\d,.]+) +([\d,]+) +([\d,]+) +([\d,]+) +([\d,]+)$/
const TREE_TOP = /^\d+\.\d+% \(([\d,]+)B\) (.*)$/
const TREE_NODE = /^([| ]*)->\d+\.\d+% \(([\d,]+)B\) (.*)$/
const DETAILED = /^ *Detailed snapshots: \[(.*)\]$/
// The graph: the unit line (`    MB`), the body (`2.696^  ::#`, `     | ::@`), the axis
// (`   0 +------>Mi`) and its labels (`     0      4.359`).
const GRAPH = /^ *(?:[KMGT]?i?B|(?:[\d.]+ ?)?[\^|+].*|\d[\d.]* +\d[\d.]*)$/
const NUMBER_OF = /^Number of snapshots: \d+$/

const num = (s: string) => Number(s.replaceAll(',', ''))

/**
 * States: one; each line kind is told by its shape. A row opens a snapshot; tree lines belong
 * to the last row. The region ends on a line of none of these shapes.
 */
class MsPrintReader implements RegionReader {
  private timeUnit = 'i'
  private command: string | undefined
  private peak = -1
  private readonly snapshots: MassifSnapshot[] = []
  private readonly tree: MassifTree

  constructor(b: IncidentBuilder) {
    this.tree = new MassifTree(b)
  }

  push(line: RegionLine): boolean {
    const t = line.text
    let m: RegExpExecArray | null
    const last = this.snapshots.at(-1)
    if ((m = TREE_NODE.exec(t)) && last) {
      this.tree.node(last, m[1].length / 2 + 1, num(m[2]), m[3], line.lineNo)
      return true
    }
    if ((m = TREE_TOP.exec(t)) && last) {
      if (last.tree === 'empty') last.tree = 'detailed'
      this.tree.node(last, 0, num(m[1]), m[2], line.lineNo)
      return true
    }
    if ((m = ROW.exec(t))) {
      this.tree.end()
      const index = Number(m[1])
      this.snapshots.push({
        index,
        time: num(m[2]),
        heap: num(m[4]),
        extra: num(m[5]),
        stacks: num(m[6]),
        tree: index === this.peak ? 'peak' : 'empty',
        line: line.lineNo,
        sites: [],
      })
      return true
    }
    if ((m = TABLE_HEADER.exec(t))) {
      this.tree.end()
      this.timeUnit = m[1]
      return true
    }
    if ((m = DETAILED.exec(t))) {
      const peak = m[1].split(', ').find((n) => n.endsWith(' (peak)'))
      if (peak) this.peak = Number(peak.slice(0, -' (peak)'.length))
      return true
    }
    if ((m = META.exec(t))) {
      if (m[1] === 'Command') this.command = m[2].trim()
      return true
    }
    // Tree spacer lines (`| |   `) and blank lines.
    if (/^[| ]*$/.test(t)) return true
    return DASHES.test(t) || NUMBER_OF.test(t) || GRAPH.test(t)
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

function sniffMsPrint(line: string): number {
  if (line.startsWith('Massif arguments:') || line.startsWith('Command:            ')) return 0
  return TABLE_HEADER.test(line) ? 0 : -1
}

export const msPrintFormat: RegionFormat = {
  format: 'ms_print',
  hints: ['Massif arguments:', 'Command:   ', 'time('],
  sniff: sniffMsPrint,
  open: (builder) => new MsPrintReader(builder),
}
