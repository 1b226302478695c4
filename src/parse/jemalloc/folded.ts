import { flatString } from '../../lib/flat-string'
import type { FrameInput, IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, IndexIntoStackTable, LineNumber } from '../../model/types'
import { FrameKind, NONE } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { nativeFrameKind } from '../native/native-frame'

/**
 * Folded ("collapsed") stacks: `root;caller;leaf 123`, one stack per line, root first
 * (Brendan Gregg's stackcollapse format; `jeprof --collapsed`, `heaptrack_print -F`,
 * `pprof -traces` converters). Frame decorations seen in those tools:
 * `main<00000000000026cf>` (jeprof: the address) and `main (leaky_service.cpp)` (heaptrack:
 * the file). heaptrack ends the stack with `;` before the value.
 */

// `stack value`: the value is the last space-separated token.
const FOLDED = /^(\S.*?);? (\d+(?:\.\d+)?)$/
const JEPROF_ADDR = /<([0-9a-fA-F]{6,})>$/
const HEAPTRACK_FILE = / \(([^()]+)\)$/

/** Parses one folded line; null when it is not one. */
export function parseFoldedLine(text: string): { frames: FrameInput[]; value: number } | null {
  const m = FOLDED.exec(text)
  if (!m) return null
  const frames: FrameInput[] = []
  for (const raw of m[1].split(';')) {
    const frame = parseFoldedFrame(raw)
    if (frame) frames.push(frame)
  }
  return frames.length > 0 ? { frames, value: Number(m[2]) } : null
}

/** One `;`-separated frame as printed; null for an empty one (`a;;b`). */
function parseFoldedFrame(raw: string): FrameInput | null {
  let func = raw.trim()
  if (func === '') return null
  let address: string | undefined
  let file: string | undefined
  const a = JEPROF_ADDR.exec(func)
  if (a) {
    address = `0x${a[1].replace(/^0+(?=.)/, '')}`
    func = func.slice(0, a.index)
  }
  const f = HEAPTRACK_FILE.exec(func)
  if (f) {
    file = f[1]
    func = func.slice(0, f.index)
  }
  return func === '' || func === '??' || func === '[unknown]'
    ? { func: 'unknown', kind: FrameKind.unknown, address }
    : { func, file, kind: nativeFrameKind(func, file), address }
}

/**
 * Adds folded lines as records, one per line: frames are root first, and the stack is built
 * root first as they are read. A profile repeats a few thousand frames millions of times
 * (two million lines of depth 4-20 name 5,000), so each frame's text is read once and its
 * frame index kept by that text: the per-line work is splitting and the stack lookups.
 */
export class FoldedRecords {
  // Frame index by the frame's text as printed; NONE for an empty frame.
  private readonly frameOfText = new Map<string, IndexIntoFrameTable>()

  constructor(
    private readonly b: IncidentBuilder,
    private readonly weight: 'bytes' | 'count',
    private readonly state: string,
  ) {}

  /** Adds the line as a record; false when it is no folded line (nothing is added). */
  add(text: string, line: LineNumber): boolean {
    const m = FOLDED.exec(text)
    if (!m) return false
    const stackText = m[1]
    const b = this.b
    let node: IndexIntoStackTable = NONE
    for (let start = 0; start <= stackText.length;) {
      let end = stackText.indexOf(';', start)
      if (end < 0) end = stackText.length
      const frame = this.frameOf(stackText.slice(start, end))
      if (frame !== NONE) node = b.stack(node, frame)
      start = end + 1
    }
    // A line of empty frames (`; 5`) is no stack.
    if (node === NONE) return false
    const value = Number(m[2])
    b.addRecord({
      stack: node,
      state: this.state,
      count: this.weight === 'count' ? value : 1,
      bytes: this.weight === 'bytes' ? value : 0,
      line,
    })
    return true
  }

  private frameOf(raw: string): IndexIntoFrameTable {
    let frame = this.frameOfText.get(raw)
    if (frame === undefined) {
      const parsed = parseFoldedFrame(raw)
      frame = parsed ? this.b.frame(parsed) : NONE
      // Flattened: the slice would otherwise keep the whole input chunk alive.
      this.frameOfText.set(flatString(raw), frame)
    }
    return frame
  }
}

// A line is only offered as folded when it is unmistakable: no indentation, at least two
// `;`-separated frames before the value, no space after a separator. Frames may hold spaces:
// heaptrack_print -F writes `main (x.cpp);fill_cache (x.cpp); 16`.
const SNIFF = /^[^\s;][^;]*(?:;[^;\s][^;]*){2,};? \d+$/

/**
 * States: one (every line is a folded stack; the first other line ends the region). Values
 * have no unit in the format itself, so they are counts (`count`, state `sampled`).
 */
class FoldedReader implements RegionReader {
  private readonly records: FoldedRecords

  constructor(b: IncidentBuilder) {
    this.records = new FoldedRecords(b, 'count', 'sampled')
  }

  push(line: RegionLine): boolean {
    return this.records.add(line.text, line.lineNo)
  }

  close(): void {}
}

/** Folded stacks found on their own (jeprof's own output goes through the jemalloc reader). */
export const foldedFormat: RegionFormat = {
  format: 'folded',
  hints: [';'],
  sniff(line: string): number {
    if (line.indexOf(';') < 0) return -1
    const c = line.charCodeAt(line.length - 1)
    if (c < 48 || c > 57) return -1
    return SNIFF.test(line) ? 0 : -1
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new FoldedReader(builder)
  },
}
