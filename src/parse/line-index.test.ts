import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChunkDecoder } from '../lib/chunk-decoder'
import { LineIndexer } from './line-index'
import { LineTracker, noteTake } from './line-tracker'
import { LineSplitter } from './text'

/** A stand-in for a host's ASCII decode (Node's), written plainly. */
function plainAscii(bytes: Uint8Array): string | null {
  if (bytes.some((b) => b >= 0x80)) return null
  return String.fromCharCode(...bytes)
}

/** Text with every kind of line break, multi-byte characters and invalid bytes. */
const piece = fc.constantFrom(
  ...['a', 'go', '\n', '\r\n', '\r', '\r\r\n', 'é', '€', '😀', '\u00ff'].map((s) =>
    new TextEncoder().encode(s),
  ),
  new Uint8Array([0xff]),
  new Uint8Array([0xe2, 0x82]),
  new Uint8Array([0x80]),
)
const input = fc.array(piece, { maxLength: 60 }).map((parts) => {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) bytes.set(p, (at += p.length) - p.length)
  return bytes
})

function chunksOf(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = []
  let at = 0
  for (const cut of [...cuts, bytes.length].sort((a, b) => a - b)) {
    if (cut < at) continue
    out.push(bytes.subarray(at, cut))
    at = cut
  }
  return out
}

/**
 * Feeds `bytes`, cut at `cuts`, to an indexer of the bytes and to a tracker through a decoder,
 * as the parse does (the tracker takes the decoded text and whether it is aligned).
 */
function feed(
  bytes: Uint8Array,
  cuts: number[],
  fromBytes: LineIndexer,
  fromText: LineTracker,
  hostAscii?: (bytes: Uint8Array) => string | null,
): void {
  fromText.setEncoding({ encoding: 'utf-8', skip: 0 })
  const decoder = new ChunkDecoder('utf-8', hostAscii)
  for (const chunk of chunksOf(bytes, cuts)) {
    const text = decoder.decode(chunk)
    fromBytes.push(chunk)
    fromText.push(chunk, text, decoder.aligned)
  }
  fromBytes.end()
  fromText.end(decoder.end())
}

describe('LineIndexer', () => {
  it('finds every line start at the same byte offset from split aligned text as from the bytes', () => {
    fc.assert(
      fc.property(
        input,
        fc.array(fc.nat(200), { maxLength: 6 }),
        fc.boolean(),
        (bytes, cuts, hostAscii) => {
          const fromBytes = new LineIndexer(1)
          // The parse's path: an aligned chunk's line starts are the ones its splitter finds.
          const fromText = new LineTracker(() => {}, null, null, 1)
          feed(bytes, cuts, fromBytes, fromText, hostAscii ? plainAscii : undefined)
          expect(fromText.lineIndex()).toEqual(fromBytes.finish())
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('indexes and passes on the same lines when ranges of several lines are taken at once', () => {
    const asciiInput = fc
      .array(fc.constantFrom('a', 'go', '\n', '\n', '\r\n', '\r', '\r\r\n'), { maxLength: 60 })
      .map((parts) => new TextEncoder().encode(parts.join('')))
    fc.assert(
      fc.property(
        asciiInput,
        fc.array(fc.nat(200), { maxLength: 6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (bytes, cuts, most, step, group) => {
          const fromBytes = new LineIndexer(step)
          const seen: string[] = []
          // Takes each line offered and up to `most - 1` after it, as far as `limit` allows, in
          // takes of up to `group` lines, each noted as the scanner notes its readers' takes.
          const fromText = new LineTracker(
            (line) => seen.push(line),
            null,
            (source, start, end, limit, _bytes, taken) => {
              if (most === 0) return false
              let lines = 0
              let take = { before: 0, start }
              for (;;) {
                seen.push(source.slice(start, end))
                taken.lastBreak = end
                ++lines
                const last = lines === most
                start = end + 1
                end = last ? -1 : source.indexOf('\n', start)
                const ends = last || end === -1 || end >= limit
                if (ends || lines - take.before === group) {
                  noteTake(taken, take.before, take.start, lines)
                  take = { before: lines, start }
                }
                if (ends) break
              }
              taken.lines = lines
              return true
            },
            step,
          )
          feed(bytes, cuts, fromBytes, fromText, plainAscii)
          const expected: string[] = []
          const splitter = new LineSplitter((line) => expected.push(line))
          splitter.push(new TextDecoder().decode(bytes))
          splitter.finish()
          expect(seen).toEqual(expected)
          expect(fromText.lineIndex()).toEqual(fromBytes.finish())
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('records the line starts a split by \\n, \\r\\n, \\r\\r\\n and lone \\r gives', () => {
    const text = 'a\nbb\r\nccc\rd\r\r\ne\r\rf'
    const bytes = new TextEncoder().encode(text)
    for (const cut of [8, 11, 16, 17]) {
      const index = new LineIndexer(1)
      index.push(bytes.subarray(0, cut))
      index.push(bytes.subarray(cut))
      const [lines, offsets] = index.finish()
      expect([...lines], `cut at ${cut}`).toEqual([0, 1, 2, 3, 4, 5, 6])
      // Each line starts after its break: a, bb, ccc, d, e, (empty), f.
      expect([...offsets], `cut at ${cut}`).toEqual([0, 2, 6, 10, 14, 16, 17])
    }
  })
})

describe('ChunkDecoder.aligned', () => {
  it('holds only when each character of the text is its own byte', () => {
    fc.assert(
      fc.property(
        input,
        fc.array(fc.nat(200), { maxLength: 6 }),
        fc.boolean(),
        (bytes, cuts, host) => {
          const decoder = new ChunkDecoder('utf-8', host ? plainAscii : undefined)
          let whole = ''
          for (const chunk of chunksOf(bytes, cuts)) {
            const text = decoder.decode(chunk)
            whole += text
            if (!decoder.aligned) continue
            expect(text.length).toBe(chunk.length)
            for (let i = 0; i < chunk.length; i++)
              expect(text.charCodeAt(i)).toBe(chunk[i] < 0x80 ? chunk[i] : 0xfffd)
          }
          expect(whole + decoder.end()).toBe(new TextDecoder().decode(bytes))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('is set by a host ASCII decode and not by text with a multi-byte character', () => {
    const decoder = new ChunkDecoder('utf-8', plainAscii)
    expect(decoder.decode(new TextEncoder().encode('goroutine 1 [running]:\n'))).toBe(
      'goroutine 1 [running]:\n',
    )
    expect(decoder.aligned).toBe(true)
    decoder.decode(new TextEncoder().encode('café\n'))
    expect(decoder.aligned).toBe(false)
  })
})
