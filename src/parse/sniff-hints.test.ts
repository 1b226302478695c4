import fc from 'fast-check'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { allFormats } from './formats'
import { SniffHints, UNKNOWN_MARKS } from './sniff-hints'

/** Every text fixture of every format, and the examples the page offers. */
function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return corpusFiles(path)
    return /\.(txt|log|xml|json|heap|gz)$/.test(name) ? [path] : []
  })
}

const corpusLines = [
  ...corpusFiles('src/parse').filter((p) => p.includes('__fixtures__')),
  ...corpusFiles('public/examples'),
].flatMap((path) => {
  const bytes = readFileSync(path)
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8')
  return text.split('\n').map((line) => line.replace(/\r$/, ''))
})

const hints = new SniffHints(allFormats)

/** The formats whose hints `line` contains, the slow way. */
function referenceCandidates(line: string): number {
  let mask = 0
  allFormats.forEach((format, index) => {
    if (!format.hints || format.hints.some((h) => line.includes(h))) mask |= 1 << index
  })
  return mask
}

describe('SniffHints', () => {
  // A hint missing from a format's list hides every region that opens on it: a Go panic in
  // the middle of a log would be read as log lines.
  it('admits every corpus line a sniffer accepts, to that sniffer', () => {
    expect(corpusLines.length).toBeGreaterThan(10_000)
    const missed: string[] = []
    for (const line of corpusLines) {
      const candidates = hints.candidates(line)
      allFormats.forEach((format, index) => {
        if (!hints.admits(candidates, index) && format.sniff(line) >= 0)
          missed.push(`${format.format}: ${line}`)
      })
    }
    expect(missed).toEqual([])
  })

  it('finds the same formats as searching for each hint', () => {
    for (const line of corpusLines) expect(hints.candidates(line)).toBe(referenceCandidates(line))
    const allHints = allFormats.flatMap((f) => f.hints ?? [])
    const piece = fc.oneof(
      fc.constantFrom(...allHints),
      fc.constantFrom(...allHints).map((h) => h.slice(0, -1)),
      fc.string({ maxLength: 8 }),
      fc.constantFrom(' ', '#', '"', '=', '\t', 'é', '\u{1F600}'),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const line = pieces.join('')
        expect(hints.candidates(line)).toBe(referenceCandidates(line))
      }),
      { numRuns: 2000 },
    )
  })

  it('finds in the UTF-8 bytes of a line the formats its text holds', () => {
    const utf8 = new TextEncoder()
    // Hints on either side of the line's bytes are not the line's.
    const around = (line: string) => {
      const before = utf8.encode('goroutine #')
      const bytes = utf8.encode('goroutine #' + line + 'Sanitizer ;')
      return hints.candidatesOfBytes(bytes, before.length, before.length + utf8.encode(line).length)
    }
    for (const line of corpusLines) expect(around(line)).toBe(referenceCandidates(line))
    const allHints = allFormats.flatMap((f) => f.hints ?? [])
    const piece = fc.oneof(
      fc.constantFrom(...allHints),
      fc.constantFrom(...allHints).map((h) => h.slice(0, -1)),
      fc.string({ maxLength: 8, unit: 'grapheme' }),
      fc.constantFrom(' ', '#', '"', '\xe9', '\u{1F600}', '\u00a0:', '\u0101 '),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const line = pieces.join('')
        expect(around(line)).toBe(referenceCandidates(line))
      }),
      { numRuns: 2000 },
    )
  })

  // Bytes are read four at a time where their buffer allows it: every residue (mod 4) of the
  // line's start, its end and the array's offset in its buffer must find what a search finds.
  it('finds the same formats at any alignment of the line in its bytes', () => {
    const utf8 = new TextEncoder()
    const allHints = allFormats.flatMap((f) => f.hints ?? [])
    const piece = fc.oneof(
      fc.constantFrom(...allHints),
      fc.constantFrom(...allHints).map((h) => h.slice(1)),
      fc.string({ maxLength: 6 }),
      fc.constantFrom(' ', '#', ';', '"', '\xe9', '\u00a0:'),
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.string({ maxLength: 3 }),
        fc.nat(3),
        (pieces, before, offset) => {
          const line = pieces.join('')
          const head = utf8.encode(before)
          const body = utf8.encode(line)
          const buffer = new Uint8Array(offset + head.length + body.length + 2).fill(35) // '#'
          const bytes = buffer.subarray(offset)
          bytes.set(head, 0)
          bytes.set(body, head.length)
          const end = head.length + body.length
          const expected = referenceCandidates(line)
          expect(hints.candidatesOfBytes(bytes, head.length, end)).toBe(expected)
          expect(hints.candidatesByByte(bytes, head.length, end)).toBe(expected)
        },
      ),
      { numRuns: 3000 },
    )
  })

  // A line that starts with an ISO time is probed from the time's end (the scanner's plain log
  // lines): a hint or mark that could start inside the time, or straddle its end, would be
  // missed if the pairs left unprobed could hold one.
  it('finds the same formats and marks after an ISO time as in the whole line', () => {
    const utf8 = new TextEncoder()
    const texts = allFormats.flatMap((f) => [...(f.hints ?? []), ...(f.marks ?? [])])
    const stamp = fc.constantFrom(
      '2024-01-01T00:00:00Z',
      '2024-01-01 00:00:00.123',
      '2024-01-01T00:00:00,5',
      '2024-01-01 00:00',
    )
    const piece = fc.oneof(
      fc.constantFrom(...texts),
      fc.constantFrom(...texts).map((h) => h.slice(1)),
      fc.string({ maxLength: 6 }),
      fc.constantFrom(' ', ': ', '#', ';', '"', ':', '0'),
    )
    fc.assert(
      fc.property(stamp, fc.array(piece, { maxLength: 8 }), fc.nat(3), (at, pieces, offset) => {
        const body = utf8.encode(at + pieces.join(''))
        const bytes = new Uint8Array(offset + body.length + 1)
        bytes.set(body, offset)
        const end = offset + body.length
        const whole = hints.candidatesOfBytes(bytes, offset, end)
        const marks = hints.marksOf(bytes, offset, end)
        expect(hints.candidatesAfterIsoStamp(bytes, offset, offset + at.length, end)).toBe(whole)
        expect(hints.marksOf(bytes, offset, end)).toBe(marks)
      }),
      { numRuns: 3000 },
    )
  })

  // A reader skips a search when its mark is clear: a mark missed on a line that holds it
  // would lose that line's level field or fatal error.
  it('finds the marks a line holds in the bytes it last read', () => {
    const utf8 = new TextEncoder()
    const marks = allFormats.flatMap((f) => f.marks ?? [])
    expect(marks.length).toBeGreaterThan(0)
    const markFormat = allFormats.find((f) => f.marks)!
    const reference = (line: string) =>
      markFormat.marks!.reduce((bits, mark, k) => (line.includes(mark) ? bits | (1 << k) : bits), 0)
    const piece = fc.oneof(
      fc.constantFrom(...marks),
      fc.constantFrom(...marks).map((m) => m.slice(1)),
      fc.string({ maxLength: 6 }),
      fc.constantFrom(' ', '"', '=', '\xe9', 'l', 't'),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), fc.nat(3), (pieces, offset) => {
        const line = pieces.join('')
        const body = utf8.encode(line)
        // Marks on either side of the line are not the line's.
        const bytes = new Uint8Array(offset + body.length + 10)
        bytes.set(utf8.encode('tart'), 0)
        bytes.set(body, offset + 4)
        bytes.set(utf8.encode('level'), offset + 4 + body.length)
        const start = offset + 4
        const end = start + body.length
        hints.candidatesOfBytes(bytes, start, end)
        expect(hints.marksOf(bytes, start, end)).toBe(reference(line))
        expect(hints.marksOf(bytes, start, end + 1)).toBe(UNKNOWN_MARKS)
      }),
      { numRuns: 3000 },
    )
  })

  it('lets formats without hints see every line', () => {
    const log = allFormats.findIndex((f) => f.format === 'log')
    expect(hints.admits(hints.candidates(''), log)).toBe(true)
    expect(hints.admits(hints.candidates('plain words'), log)).toBe(true)
  })
})
