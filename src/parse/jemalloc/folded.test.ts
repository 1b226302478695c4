import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../../model/builder'
import { computeCallTree, computeRecordWeights } from '../../model/flame/call-tree'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { assertIncidentIntegrity, parseFixture, parseText } from '../../test/incident-snapshot'
import { FoldedRecords, FrameTexts, parseFoldedLine, plainFoldedStackEnd } from './folded'
import { FrameBytes, viewOf } from './folded-frame-bytes'

const dir = join(__dirname, '__fixtures__')

/**
 * What a flame graph of folded lines must show, counted from the text alone, as
 * `awk '{ sum[$1] += $2 }'` over every root-first prefix would: the weight of the lines under
 * each prefix, by depth. Lines weighing nothing are left out, as the call tree leaves them.
 */
function countFromText(text: string): { lines: number; sum: number; prefixes: string[] } {
  const under = new Map<string, { depth: number; weight: number }>()
  let lines = 0
  let sum = 0
  for (const line of text.split('\n')) {
    const m = /^(\S.*?);? (\d+(?:\.\d+)?)$/.exec(line)
    if (!m) continue
    lines++
    const weight = Number(m[2])
    sum += weight
    if (weight === 0) continue
    const frames = m[1].split(';').filter((f) => f.trim() !== '')
    for (let d = 1; d <= frames.length; d++) {
      const key = frames.slice(0, d).join(';')
      const entry = under.get(key) ?? { depth: d, weight: 0 }
      entry.weight += weight
      under.set(key, entry)
    }
  }
  return { lines, sum, prefixes: [...under.values()].map((e) => `${e.depth}:${e.weight}`).sort() }
}

/** The same figures from the model: records, their weight, and the call tree's nodes. */
function countFromModel(incident: Incident): { lines: number; sum: number; prefixes: string[] } {
  const r = incident.records
  const weight = r.bytes.some((b) => b > 0) ? 'bytes' : 'count'
  const weights = computeRecordWeights(incident, weight)
  const tree = computeCallTree(incident, weights)
  const prefixes: string[] = []
  for (let n = 1; n < tree.length; n++) prefixes.push(`${tree.depth[n]}:${tree.total[n]}`)
  const column = weight === 'bytes' ? r.bytes : r.count
  return { lines: r.length, sum: column.reduce((s, w) => s + w, 0), prefixes: prefixes.sort() }
}

// Guards against a faster folded reader that gets a figure wrong: a frame cached by its text
// under the wrong stack, a repeated stack counted once, an empty frame made a node.
describe('folded stacks add up to what the lines say', () => {
  it.each([
    'jeprof-collapsed.txt',
    'heaptrack_print-F-leaky_cache.txt',
    'heaptrack_print-F-peak-leaky_cache.txt',
  ])('%s', async (name) => {
    const incident = await parseFixture(join(dir, name))
    assertIncidentIntegrity(incident)
    expect(countFromModel(incident)).toEqual(countFromText(readFileSync(join(dir, name), 'utf8')))
  })

  it.each([
    ['repeated stacks', 'a;b;c 3\na;b;d 4\na;b;c 5\nx;b;c 1\n'],
    ['empty frames and a trailing separator', 'a;b;c; 7\na;;b;c 2\n'],
    ['decimal weights after the first line', 'a;b;c 1\na;b;c 1.5\na;b;d 2.25\n'],
    ['deep and shallow', 'r;a;b;c;d;e;f 1\nr;a;b 2\nr;a;b;c 3\n'],
    // Sorted output opens with its shortest stacks; they were lost until a third frame showed.
    ['two-frame stacks first', 'main;bar 7\nmain;foo 5\nmain;foo;baz 3\n'],
    ['only two-frame stacks', 'swapper;cpu_idle 120\nnginx;epoll_wait 30\n'],
    // `sort` puts `main 2` before `main;foo 3`: a one-frame stack is too plain to open a
    // region, so the region adopts it when it opens on the next line.
    ['a one-frame stack first', 'main 2\nmain;foo 3\nmain;foo;bar 5\n'],
    ['several one-frame stacks first', '[unknown] 4\nmain 2\nmain;foo;bar 5\nmain;zed 1\n'],
  ])('%s', async (_name, text) => {
    const incident = await parseText(text)
    assertIncidentIntegrity(incident)
    expect(incident.sources[0].regions.map((g) => g.format)).toEqual(['folded'])
    expect(incident.sources[0].unrecognizedLines).toBe(0)
    expect(countFromModel(incident)).toEqual(countFromText(text))
    // The reader tells the builder each new node's depth: it must be its caller's plus one.
    const { prefix, depth } = incident.stacks
    for (let n = 0; n < incident.stacks.length; n++)
      expect(depth[n]).toBe(prefix[n] === NONE ? 0 : depth[prefix[n]] + 1)
  })

  it('adopts only the one-frame stacks right before the region', async () => {
    const incident = await parseText('idle 5\nhello world\nmain 2\nmain;a;b 3\n')
    const source = incident.sources[0]
    expect(source.regions).toEqual([{ format: 'folded', firstLine: 2, lastLine: 3 }])
    expect(source.unrecognizedLines).toBe(2)
    expect(source.preamble).toEqual(['idle 5', 'hello world'])
    expect(countFromModel(incident)).toEqual(countFromText('main 2\nmain;a;b 3\n'))
  })

  it('takes no log line ending in two frames and a number for a folded stack', async () => {
    const incident = await parseText('2024-11-22 18:35:01 INFO cache;hits 5\nplain text;here 3\n')
    expect(incident.sources[0].regions.map((g) => g.format)).not.toContain('folded')
    expect(incident.records.length).toBe(0)
  })
})

// Guards against the in-place reader drifting from the format's pattern: a value read from the
// wrong space, a `;` before the value kept as a frame, a line break or an odd first character
// taken as a plain line.
describe('plain folded lines read as the pattern reads them', () => {
  const FOLDED = /^(\S.*?);? (\d+(?:\.\d+)?)$/
  const piece = fc.constantFrom(
    'a',
    'b;',
    ';',
    ' ',
    '1',
    '.',
    '2.5',
    '\r',
    '\t',
    'é',
    '\u2028',
    'x y',
  )

  it('agrees with the pattern on arbitrary lines', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.string({ maxLength: 6 }), (parts, s) => {
        for (const text of [parts.join(''), s, `${parts.join('')} 7`]) {
          const end = plainFoldedStackEnd(text)
          if (end < 0) continue
          const m = FOLDED.exec(text)
          expect(m).not.toBeNull()
          expect(m![1].length).toBe(end)
          expect(text.slice(text.lastIndexOf(' ') + 1)).toBe(m![2])
        }
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['a;b;c 12', 5],
    ['a;b;c; 12', 5],
    ['; 5', 1],
    ['a; 5', 1],
    ['a;b 1.5', 3],
    ['main (x.cpp);fill (x.cpp); 16', 25],
    ['a;b 1.', -1],
    ['a;b .5', -1],
    [' a;b 1', -1],
    ['a\rb;c 1', -1],
    ['a;b 1 ', -1],
    ['a;b', -1],
  ])('%j', (text, end) => {
    expect(plainFoldedStackEnd(text)).toBe(end)
  })
})

/** The model the reader built before it read lines in place: the pattern, split, one lookup per frame. */
function referenceModel(lines: readonly string[], weight: 'bytes' | 'count'): Incident {
  const b = new IncidentBuilder()
  b.beginSource('ref', 0, '')
  lines.forEach((text, i) => {
    const parsed = parseFoldedLine(text)
    if (!parsed) return
    let node = NONE
    for (const f of parsed.frames) node = b.stack(node, b.frame(f))
    b.addRecord({
      stack: node,
      state: 'sampled',
      count: weight === 'count' ? parsed.value : 1,
      bytes: weight === 'bytes' ? parsed.value : 0,
      line: i + 1,
    })
  })
  return b.build()
}

// Guards against the reuse of the previous line's nodes joining a line to the wrong stack, and
// against the frame lookup by range returning another frame's index.
describe('the folded reader builds the model the plain reading builds', () => {
  const frame = fc.constantFrom(
    'a',
    'b',
    'c',
    'main',
    'x (f.cpp)',
    'g<00000000000026cf>',
    '',
    ' ',
    '??',
  )
  const line = fc
    .tuple(
      fc.array(frame, { minLength: 1, maxLength: 7 }),
      fc.constantFrom('', ';'),
      // Values of 16 digits and more are past what a double holds exactly: read as Number reads them.
      fc.constantFrom('1', '30', '2.5', 'x', '1.', '007', '999999999999999', '2762026127098133400'),
    )
    .map(([frames, sep, value]) => `${frames.join(';')}${sep} ${value}`)

  it('on arbitrary lines, sorted or not', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), (lines, sort) => {
        const input = sort ? [...lines].sort() : lines
        for (const weight of ['count', 'bytes'] as const) {
          const b = new IncidentBuilder()
          b.beginSource('ref', 0, '')
          const reader = new FoldedRecords(b, weight, 'sampled')
          input.forEach((text, i) => reader.add(text, i + 1))
          const got = b.build()
          const want = referenceModel(input, weight)
          expect(got.strings).toEqual(want.strings)
          expect(got.frames).toEqual(want.frames)
          expect(got.stacks).toEqual(want.stacks)
          expect(got.records).toEqual(want.records)
          // Read where the lines lie in one chunk, as the scanner hands them over: the frames'
          // offsets in the chunk must not be taken for offsets in the line.
          const inChunk = new IncidentBuilder()
          inChunk.beginSource('ref', 0, '')
          const chunkReader = new FoldedRecords(inChunk, weight, 'sampled')
          const chunk = `#;x 1\n${input.join('\n')}\n`
          let at = chunk.indexOf('\n') + 1
          input.forEach((text, i) => {
            chunkReader.add(text, i + 1, chunk, at)
            at += text.length + 1
          })
          const fromChunk = inChunk.build()
          expect(fromChunk.stacks).toEqual(want.stacks)
          expect(fromChunk.records).toEqual(want.records)
          expect(fromChunk.strings).toEqual(want.strings)
          // And in the chunk's bytes, as an ASCII chunk is read.
          const inBytes = new IncidentBuilder()
          inBytes.beginSource('ref', 0, '')
          const bytesReader = new FoldedRecords(inBytes, weight, 'sampled')
          const bytes = asciiBytes(chunk)
          at = chunk.indexOf('\n') + 1
          input.forEach((text, i) => {
            bytesReader.add(text, i + 1, chunk, at, bytes)
            at += text.length + 1
          })
          const fromBytes = inBytes.build()
          expect(fromBytes.frames).toEqual(want.frames)
          expect(fromBytes.stacks).toEqual(want.stacks)
          expect(fromBytes.records).toEqual(want.records)
          expect(fromBytes.strings).toEqual(want.strings)
          // And as ranges of those bytes, a line not taken that way read as a line, as the
          // scanner offers them (`RegionReader.pushRange`).
          const inRanges = new IncidentBuilder()
          inRanges.beginSource('ref', 0, '')
          const rangeReader = new FoldedRecords(inRanges, weight, 'sampled')
          at = chunk.indexOf('\n') + 1
          input.forEach((text, i) => {
            const end = at + text.length
            if (!rangeReader.addRange(chunk, at, end, i + 1, bytes))
              rangeReader.add(text, i + 1, chunk, at, bytes)
            at = end + 1
          })
          const fromRanges = inRanges.build()
          expect(fromRanges.frames).toEqual(want.frames)
          expect(fromRanges.stacks).toEqual(want.stacks)
          expect(fromRanges.records).toEqual(want.records)
          expect(fromRanges.strings).toEqual(want.strings)
        }
      }),
      { numRuns: 500 },
    )
  })
})

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0))
}

/**
 * The reader keeps nodes it finds again in a table of 131,072 slots, each keyed by (caller,
 * frame). This guards that a slot taken by another child of the same caller is not taken for
 * the child asked for: more children of one root than there are slots, each met twice.
 */
it('tells apart children of one caller that share a slot of the node cache', () => {
  const children = 140_000
  const b = new IncidentBuilder()
  b.beginSource('many', 0, '')
  const reader = new FoldedRecords(b, 'count', 'sampled')
  for (let pass = 0; pass < 2; pass++)
    for (let i = 0; i < children; i++) reader.add(`root;f${i} 1`, pass * children + i)
  const m = b.build()
  expect(m.stacks.length).toBe(1 + children)
  for (let r = 0; r < m.records.length; r++) {
    const func = m.strings[m.frames.func[m.stacks.frame[m.records.stack[r]]]]
    expect(func).toBe(`f${r % children}`)
  }
})

/** Long frames that differ only in the middle, where the hash samples few characters. */
const middleDiffering = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('a', 'b', 'c'))
  .map(([n, c]) => `github.com/org/repo/pkg.(*Type).${c.repeat(n)}Method.func1.2`)

/** Equal texts get one index and different texts different ones, as a Map would give them. */
function checkLikeAMap(
  lookUp: (texts: string[]) => { seen: string[]; ids: number[] },
  frame: fc.Arbitrary<string>,
): void {
  fc.assert(
    fc.property(fc.array(frame, { maxLength: 80 }), (texts) => {
      const { seen, ids } = lookUp(texts)
      const reference = new Map<string, number>()
      texts.forEach((t, i) => {
        if (!reference.has(t)) reference.set(t, reference.size)
        expect(seen[ids[i]]).toBe(t)
        expect(ids[i]).toBe(reference.get(t))
      })
    }),
  )
}

/**
 * Frames are told apart by a hash of some of their characters, then compared whole. These
 * guard that frames differing only where the sample does not look are still different frames,
 * and that such frames do not leave every lookup probing through all of them.
 */
describe('FrameTexts', () => {
  const lookUp = (texts: string[]) => {
    const frames = new FrameTexts((raw) => seen.push(raw) - 1)
    const seen: string[] = []
    // Each frame as a range of a longer line, as the reader finds it.
    const ids = texts.map((t) => {
      const line = `x;${t};y 1`
      return frames.get(line, 2, 2 + t.length)
    })
    return { frames, seen, ids }
  }

  it('gives equal texts one index and different texts different ones, like a Map', () => {
    checkLikeAMap(lookUp, fc.oneof(fc.string({ maxLength: 40 }), middleDiffering))
  })

  it('hashes every character once many frames agree on the sampled ones', () => {
    // 2,000 frames of one length, equal in their first 8 and last 16 characters and wherever
    // else the sample reads: only their middle differs.
    const texts = Array.from(
      { length: 2000 },
      (_, i) => `lambda$handler$0/0x${i.toString(16).padStart(8, '0')}__________________.run`,
    )
    const { frames, seen, ids } = lookUp([...texts, ...texts])
    expect(frames.hashesAll).toBe(true)
    expect(seen).toEqual(texts)
    expect(ids).toEqual([...texts.keys(), ...texts.keys()])
  })

  it('keeps the sampled hash for frames that differ where it looks', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `example.com/api.(*W${i % 97}).stage${i}`)
    const { frames, ids } = lookUp(texts)
    expect(frames.hashesAll).toBe(false)
    expect(new Set(ids).size).toBe(5000)
  })
})

/** The same guards for frames found in an ASCII chunk's bytes. */
describe('FrameBytes', () => {
  const lookUp = (texts: string[]) => {
    const frames = new FrameBytes((raw) => seen.push(raw) - 1)
    const seen: string[] = []
    const ids = texts.map((t) => {
      const line = `x;${t};y 1`
      const bytes = asciiBytes(line)
      return frames.frameAt(bytes, viewOf(bytes), 2, 2 + t.length, line)
    })
    return { frames, seen, ids }
  }

  it('gives equal texts one index and different texts different ones, like a Map', () => {
    const ascii = fc
      .string({ maxLength: 40 })
      .filter((t) => [...t].every((c) => c.charCodeAt(0) < 128 && c !== ';'))
    checkLikeAMap(lookUp, fc.oneof(ascii, middleDiffering))
  })

  it('hashes every byte on its own once many frames share the hash of their words', () => {
    // 2,000 frames of one length that differ only in the highest byte of each word (the
    // fourth of every four, read little-endian), which reaches only the words' top bits.
    const texts = Array.from(
      { length: 2000 },
      (_, i) =>
        `run${i
          .toString(4)
          .padStart(8, '0')
          .replace(/./g, (d) => `${'wxyz'[+d]}___`)}`,
    )
    const { frames, seen, ids } = lookUp([...texts, ...texts])
    expect(frames.hashesAll).toBe(true)
    expect(seen).toEqual(texts)
    expect(ids).toEqual([...texts.keys(), ...texts.keys()])
  })

  it('tells frames of over a kilobyte apart byte by byte, like a Map', () => {
    // Past 256 words a frame's words are not kept: it is compared with the kept frame's bytes.
    const long = fc
      .tuple(fc.integer({ min: 1000, max: 1100 }), fc.nat(1100), fc.constantFrom('a', 'b'))
      .map(([n, at, c]) => {
        const t = 'x'.repeat(n)
        const i = at % n
        return `${t.slice(0, i)}${c}${t.slice(i + 1)}`
      })
    checkLikeAMap(lookUp, long)
  })

  it("keeps the words' hash for frames named as profiles name them", () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `example.com/api.(*W${i % 97}).stage${i}`)
    const { frames, ids } = lookUp(texts)
    expect(frames.hashesAll).toBe(false)
    expect(new Set(ids).size).toBe(5000)
  })
})

describe('FrameBytes.frameAt', () => {
  it('ends a frame at the first `;` from its start, or the limit, as a search byte by byte does', () => {
    const text = fc.stringMatching(/^[a-c;\x3a\x3c\xbb]{0,24}$/)
    fc.assert(
      fc.property(text, fc.nat(24), fc.nat(24), (t, from, to) => {
        const bytes = asciiBytes(`${t};`)
        const limit = Math.min(to, t.length)
        const start = Math.min(from, limit)
        let want = start
        while (want < limit && t[want] !== ';') want++
        const frames = new FrameBytes(() => 0)
        frames.frameAt(bytes, viewOf(bytes), start, limit, `${t};`)
        expect(frames.end).toBe(want)
      }),
      { numRuns: 2000 },
    )
  })
})
