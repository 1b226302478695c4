import type { FrameInput, IncidentBuilder } from '../../model/builder'
import { FrameKind } from '../../model/types'
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
    let func = raw.trim()
    if (func === '') continue
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
    frames.push(
      func === '' || func === '??' || func === '[unknown]'
        ? { func: 'unknown', kind: FrameKind.unknown, address }
        : { func, file, kind: nativeFrameKind(func, file), address },
    )
  }
  return frames.length > 0 ? { frames, value: Number(m[2]) } : null
}

/** Adds a folded line as a record: frames are root first, the model wants leaf first. */
export function addFoldedRecord(
  b: IncidentBuilder,
  folded: { frames: FrameInput[]; value: number },
  weight: 'bytes' | 'count',
  state: string,
  line: number,
): void {
  const ids = folded.frames.map((f) => b.frame(f)).reverse()
  b.addRecord({
    stack: b.stackFromLeafFirst(ids),
    state,
    count: weight === 'count' ? folded.value : 1,
    bytes: weight === 'bytes' ? folded.value : 0,
    line,
  })
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
  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const folded = parseFoldedLine(line.text)
    if (!folded) return false
    addFoldedRecord(this.b, folded, 'count', 'sampled', line.lineNo)
    return true
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
