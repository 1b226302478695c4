import { flatString } from '../../lib/flat-string'
import type { FrameInput, IncidentBuilder } from '../../model/builder'
import type { IndexIntoFrameTable, IndexIntoStackTable, LineNumber } from '../../model/types'
import { FrameKind, NONE } from '../../model/types'
import type { RegionContext, RegionFormat, RegionLine, RegionReader } from '../region'
import { nativeFrameKind } from '../native/native-frame'
import { FrameBytes, viewOf } from './folded-frame-bytes'

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
 * frame index kept by that text (`FrameTexts`, looked up in place, without a string per
 * frame). Sorted output (stackcollapse piped through `sort`) repeats the previous line's
 * first frames: those reuse its stack nodes without a lookup.
 */
export class FoldedRecords {
  private readonly frames: FrameTexts
  private readonly frameBytes: FrameBytes
  // The chunk whose bytes were read last, and a view of them.
  private viewed: Uint8Array | null = null
  private view = viewOf(new Uint8Array(0))
  // The previous line's frames and the stack node each one ended, root first.
  private previousFrames = new Int32Array(64)
  private previousNodes = new Int32Array(64)
  private previousDepth = 0
  // (prefix, frame, node) per slot, direct-mapped; an empty slot's prefix matches no node.
  private readonly childCache = new Int32Array((CHILD_CACHE_MASK + 1) * 3).fill(EMPTY_SLOT)
  // The largest node this reader was given: the newest one unless another reader added more.
  private newest: IndexIntoStackTable = NONE

  constructor(
    private readonly b: IncidentBuilder,
    private readonly weight: 'bytes' | 'count',
    private readonly state: string,
  ) {
    // Both tables give a text the same frame: the builder keeps one per identity.
    const resolve = (raw: string) => {
      const parsed = parseFoldedFrame(raw)
      return parsed ? b.frame(parsed) : NONE
    }
    this.frames = new FrameTexts(resolve)
    this.frameBytes = new FrameBytes(resolve)
  }

  /**
   * Adds the line as a record; false when it is no folded line (nothing is added). `source`
   * and `start`: where `text` lies in its decoded chunk (`RegionLine.source`), where its frames
   * are read: V8 reads a character of a slice at about half the speed. `bytes`: the bytes
   * `source` was decoded from, one per character (`RegionLine.bytes`), or null.
   */
  add(
    text: string,
    line: LineNumber,
    source = text,
    start = 0,
    bytes: Uint8Array | null = null,
  ): boolean {
    // A line of an ASCII chunk, cut at its line breaks, holds none.
    let stackEnd = plainFoldedStackEnd(text, bytes === null)
    // The space before the value, at the stack's end or after its `;`.
    let valueStart = stackEnd < 0 || text.charCodeAt(stackEnd) === 32 ? stackEnd : stackEnd + 1
    if (stackEnd < 0) {
      // Anything unusual is read by the format's pattern itself.
      const m = FOLDED.exec(text)
      if (!m) return false
      stackEnd = m[1].length
      valueStart = text.length - m[2].length - 1
    }
    const node = bytes
      ? this.stackOfBytes(bytes, start, stackEnd, source)
      : this.stackOf(text, stackEnd, source, start)
    // A line of empty frames (`; 5`) is no stack.
    if (node === NONE) return false
    this.addFolded(node, valueOf(text, valueStart + 1), line)
    return true
  }

  /**
   * `add` for the line at bytes[start, end) of an ASCII chunk (`source` its text), read without
   * a string of its own: false, with nothing added, when it is not a plain folded line
   * (`plainFoldedStackEnd`) or holds only empty frames, for `add` to read it. Two million lines
   * each made a slice and a line object on their way to `add`.
   */
  addRange(
    source: string,
    start: number,
    end: number,
    line: LineNumber,
    bytes: Uint8Array,
  ): boolean {
    const stackEnd = plainFoldedBytesStackEnd(bytes, start, end)
    if (stackEnd < 0) return false
    const node = this.stackOfBytes(bytes, start, stackEnd - start, source)
    if (node === NONE) return false
    const value = valueOfBytes(
      bytes,
      source,
      bytes[stackEnd] === 32 ? stackEnd + 1 : stackEnd + 2,
      end,
    )
    this.addFolded(node, value, line)
    return true
  }

  /** One line's record: its stack, and its value as the count or the bytes. */
  private addFolded(node: IndexIntoStackTable, value: number, line: LineNumber): void {
    this.b.addRecord({
      stack: node,
      state: this.state,
      count: this.weight === 'count' ? value : 1,
      bytes: this.weight === 'bytes' ? value : 0,
      line,
    })
  }

  /**
   * The leaf node of the `;`-separated frames in text[0, end); NONE when all are empty. The
   * frames are read in `source`, where `text` starts at `at`.
   */
  private stackOf(text: string, end: number, source: string, at: number): IndexIntoStackTable {
    let node: IndexIntoStackTable = NONE
    let depth = 0
    // Frames equal to the previous line's, from the root, keep its nodes.
    let same = true
    for (let start = 0; start <= end;) {
      let stop = text.indexOf(';', start)
      if (stop < 0 || stop > end) stop = end
      const frame = this.frames.get(source, at + start, at + stop)
      start = stop + 1
      if (frame === NONE) continue
      if (same && depth < this.previousDepth && this.previousFrames[depth] === frame) {
        node = this.previousNodes[depth]
      } else {
        same = false
        node = this.child(node, frame, depth)
        this.remember(depth, frame, node)
      }
      depth++
    }
    this.previousDepth = depth
    return node
  }

  /**
   * `stackOf` for a line at bytes[at, ...) of an ASCII chunk (`source` its text): frames are
   * found and compared in the bytes.
   */
  private stackOfBytes(
    bytes: Uint8Array,
    at: number,
    end: number,
    source: string,
  ): IndexIntoStackTable {
    let node: IndexIntoStackTable = NONE
    let depth = 0
    let same = true
    const limit = at + end
    if (bytes !== this.viewed) {
      this.viewed = bytes
      this.view = viewOf(bytes)
    }
    const view = this.view
    const frames = this.frameBytes
    for (let start = at; start <= limit;) {
      const frame = frames.frameAt(bytes, view, start, limit, source)
      start = frames.end + 1
      if (frame === NONE) continue
      if (same && depth < this.previousDepth && this.previousFrames[depth] === frame) {
        node = this.previousNodes[depth]
      } else {
        same = false
        node = this.child(node, frame, depth)
        this.remember(depth, frame, node)
      }
      depth++
    }
    this.previousDepth = depth
    return node
  }

  /**
   * `b.stack(prefix, frame)`, through a cache of the nodes found again. Lines share their first
   * frames, whose nodes have many children: the builder finds those in a hash map as large as
   * the tree (two million entries for two million lines), a cache miss or three each; this
   * table of 131,072 (1.5 MB) holds nodes found again: the benchmark's lines share up to
   * 192,000 nodes three frames deep, which 65,536 slots kept evicting (tables of 262,144 and
   * a million slots were slower again). A node just made (below the newest node, or seen
   * for the first time) is mostly never met again and stays out of it. `depth`: the node's
   * (the line's frames before it), which the builder then need not read from `prefix`.
   */
  private child(
    prefix: IndexIntoStackTable,
    frame: IndexIntoFrameTable,
    depth: number,
  ): IndexIntoStackTable {
    // The newest node has no children: the builder adds the child without a lookup.
    if (prefix === this.newest && prefix !== NONE)
      return (this.newest = this.b.stack(prefix, frame, depth))
    const cache = this.childCache
    const h = Math.imul(prefix ^ Math.imul(frame, 0x9e3779b1), 0x85ebca6b)
    const at = ((h ^ (h >>> 16)) & CHILD_CACHE_MASK) * 3
    if (cache[at] === prefix && cache[at + 1] === frame) return cache[at + 2]
    const node = this.b.stack(prefix, frame, depth)
    if (node > this.newest) this.newest = node
    else {
      cache[at] = prefix
      cache[at + 1] = frame
      cache[at + 2] = node
    }
    return node
  }

  private remember(depth: number, frame: IndexIntoFrameTable, node: IndexIntoStackTable): void {
    if (depth >= this.previousFrames.length) {
      const frames = new Int32Array(depth * 2)
      const nodes = new Int32Array(depth * 2)
      frames.set(this.previousFrames)
      nodes.set(this.previousNodes)
      this.previousFrames = frames
      this.previousNodes = nodes
    }
    this.previousFrames[depth] = frame
    this.previousNodes[depth] = node
  }
}

/**
 * `Number(text.slice(start))` for the value that ends a folded line, read in place when it is
 * a whole number of at most 15 digits (exact in a double): two million lines made a string of
 * each value to read it.
 */
function valueOf(text: string, start: number): number {
  const end = text.length
  if (end - start > 15) return Number(text.slice(start))
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return Number(text.slice(start))
    value = value * 10 + digit
  }
  return end > start ? value : Number(text.slice(start))
}

/** `valueOf` for the value at bytes[start, end) of an ASCII chunk whose text is `source`. */
function valueOfBytes(bytes: Uint8Array, source: string, start: number, end: number): number {
  if (end - start > 15) return Number(source.slice(start, end))
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = bytes[i] - 48
    if (digit < 0 || digit > 9) return Number(source.slice(start, end))
    value = value * 10 + digit
  }
  return value
}

/**
 * `plainFoldedStackEnd` of the line at bytes[start, end) of an ASCII chunk, which holds no line
 * break, as an offset into `bytes`.
 */
function plainFoldedBytesStackEnd(bytes: Uint8Array, start: number, end: number): number {
  const last = end - 1
  let space = last
  let dots = 0
  for (; space >= start; space--) {
    const c = bytes[space]
    if (c === 46) dots++
    else if (c < 48 || c > 57) break
  }
  if (space < start + 1 || space === last || bytes[space] !== 32) return -1
  if (dots > 1 || (dots === 1 && (bytes[space + 1] === 46 || bytes[last] === 46))) return -1
  const first = bytes[start]
  if (first <= 32 || first >= 127) return -1
  return space > start + 1 && bytes[space - 1] === 59 ? space - 1 : space
}

const CHILD_CACHE_MASK = (1 << 17) - 1
// Below NONE (-1), so no node and no root's prefix.
const EMPTY_SLOT = -2

/**
 * Where the stack of a plain folded line ends (before `;` and the space before the value),
 * or -1 when the line is not plain: a value other than digits with an optional decimal part,
 * a first character that is not printable ASCII, or a line break inside. Plain lines read as
 * `FOLDED` reads them; the others go through it. `mayBreak` false: the caller knows the line
 * holds no line break (searching each of two million lines for one cost a twentieth of them).
 */
export function plainFoldedStackEnd(text: string, mayBreak = true): number {
  // The value's digits and dots, read back from the end to the space before them: a loop over
  // a few characters, where `lastIndexOf` cost a call into the runtime for each line.
  const last = text.length - 1
  let space = last
  let dots = 0
  for (; space >= 0; space--) {
    const c = text.charCodeAt(space)
    if (c === 46) dots++
    else if (c < 48 || c > 57) break
  }
  if (space < 1 || space === last || text.charCodeAt(space) !== 32) return -1
  // At most one dot, with digits on both sides.
  if (
    dots > 1 ||
    (dots === 1 && (text.charCodeAt(space + 1) === 46 || text.charCodeAt(last) === 46))
  )
    return -1
  const first = text.charCodeAt(0)
  if (first <= 32 || first >= 127) return -1
  if (mayBreak && LINE_BREAK.test(text)) return -1
  // `;?` before the space belongs to the value's separator unless it is the whole stack.
  return space > 1 && text.charCodeAt(space - 1) === 59 ? space - 1 : space
}

// What `.` does not match.
const LINE_BREAK = /[\n\r\u2028\u2029]/

/**
 * Frame index by the frame's text as printed, found from a range of a line without slicing
 * it: open addressing over a hash of the code units, each candidate compared in place.
 *
 * The hash reads a frame's length and some of its characters (its first 8, its last 16 and
 * four between), not all: frames run to 40-80 characters, two million lines hold 24 million
 * of them, and hashing every character was the folded reader's largest cost. Frames that
 * agree on those characters only probe further; should a probe run long (many frames alike
 * but for characters the sample skips), the table is hashed again on every character.
 */
export class FrameTexts {
  private texts: string[] = []
  private values: number[] = []
  // Slot -> entry + 1 (0: empty).
  private slots = new Int32Array(1024)
  /** Every character is hashed (after a long probe run). */
  private full = false

  constructor(private readonly resolve: (raw: string) => IndexIntoFrameTable) {}

  get(text: string, start: number, end: number): IndexIntoFrameTable {
    const h = this.full ? hashAll(text, start, end) : hashSample(text, start, end)
    const length = end - start
    const mask = this.slots.length - 1
    let probes = 0
    for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1
      if (entry < 0) return this.add(text, start, end, slot)
      const known = this.texts[entry]
      if (known.length === length && text.startsWith(known, start)) return this.values[entry]
      if (++probes === LONG_PROBE_RUN && !this.full) {
        this.full = true
        this.rehash(this.slots.length)
        return this.get(text, start, end)
      }
    }
  }

  /** Whether the table hashes every character now (for tests). */
  get hashesAll(): boolean {
    return this.full
  }

  private add(text: string, start: number, end: number, slot: number): IndexIntoFrameTable {
    // Flattened: the slice would otherwise keep the whole input chunk alive.
    const raw = flatString(text.slice(start, end))
    const value = this.resolve(raw)
    this.texts.push(raw)
    this.values.push(value)
    this.slots[slot] = this.texts.length
    if (this.texts.length * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    return value
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size)
    const mask = slots.length - 1
    const hash = this.full ? hashAll : hashSample
    this.texts.forEach((raw, entry) => {
      const h = hash(raw, 0, raw.length)
      let slot = (h ^ (h >>> 15)) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = entry + 1
    })
    this.slots = slots
  }
}

/** Probes after which the sampled hash is given up (at most half the slots are taken). */
const LONG_PROBE_RUN = 32

/** FNV-1a over text[start, end). */
function hashAll(text: string, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

/** FNV-1a over the length and some characters of text[start, end): see `FrameTexts`. */
function hashSample(text: string, start: number, end: number): number {
  const length = end - start
  if (length <= 32) return hashAll(text, start, end)
  let h = Math.imul(0x811c9dc5 ^ length, 0x01000193)
  for (let i = start; i < start + 8; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  const step = length >>> 2
  for (let i = start + step; i < end - 16; i += step)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  for (let i = end - 16; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

// A line is only offered as folded when it is unmistakable: no indentation, at least three
// `;`-separated frames before the value, no space after a separator. Frames may hold spaces:
// heaptrack_print -F writes `main (x.cpp);fill_cache (x.cpp); 16`.
const SNIFF = /^[^\s;][^;]*(?:;[^;\s][^;]*){2,};? \d+$/
/**
 * Two frames start a region too, when neither has a space (`main;foo 5`): sorted folded output
 * often opens with short stacks, which were lost until a third frame showed. A log line ending
 * in `a;b 5` has spaces before it, so it still needs three frames.
 */
const SNIFF_TWO = /^[^\s;]+;[^\s;]+;? \d+$/
/** One frame and a value (`main 2`): too plain to start a region, adopted by one after it. */
const LEAD_IN = /^[^\s;]+;? \d+$/

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
    return this.records.add(
      line.text,
      line.lineNo,
      line.source,
      line.start,
      line.bytes?.sourceBytes() ?? null,
    )
  }

  /** Lines of an ASCII chunk are read in its bytes, without a string of their own. */
  pushRange(
    source: string,
    start: number,
    end: number,
    lineNo: LineNumber,
    bytes: Uint8Array | null,
  ): boolean {
    return bytes !== null && this.records.addRange(source, start, end, lineNo, bytes)
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
    return SNIFF.test(line) || SNIFF_TWO.test(line) ? 0 : -1
  },
  leadIn(line: string): boolean {
    return LEAD_IN.test(line)
  },
  open(builder: IncidentBuilder, _context: RegionContext): RegionReader {
    return new FoldedReader(builder)
  },
}
