import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChunkDecoder } from '../lib/chunk-decoder'
import { allFormats } from './formats'
import { LineTracker } from './line-tracker'
import { SniffHints, UNKNOWN_CANDIDATES } from './sniff-hints'
import { LineSplitter } from './text'

const hints = new SniffHints(allFormats)

/**
 * Lines of `bytes` cut into chunks at `cuts`, with the candidates the tracker found; `aligned`,
 * whether chunks decoded one character per byte are said to be (as the parse does).
 */
function track(
  bytes: Uint8Array,
  cuts: number[],
  aligned = false,
): { line: string; candidates: number; inSource: string }[] {
  const lines: { line: string; candidates: number; inSource: string }[] = []
  const tracker = new LineTracker(
    (line, _length, found, source, start) =>
      lines.push({
        line,
        candidates: found.candidates(),
        inSource: source.slice(start, start + line.length),
      }),
    hints,
  )
  tracker.setEncoding({ encoding: 'utf-8', skip: 0 })
  const decoder = new ChunkDecoder('utf-8')
  let at = 0
  for (const cut of [...cuts.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    const chunk = bytes.subarray(at, Math.max(at, cut))
    const text = decoder.decode(chunk)
    tracker.push(chunk, text, aligned && decoder.aligned)
    at = Math.max(at, cut)
  }
  tracker.end(decoder.end())
  return lines
}

function splitWhole(text: string): string[] {
  const lines: string[] = []
  const splitter = new LineSplitter((line) => lines.push(line))
  splitter.push(text)
  splitter.finish()
  return lines
}

describe('LineTracker', () => {
  // The n-th line found in the bytes must be the n-th line of the text: a hint handed to the
  // wrong line hides a Go panic inside a log.
  it('hands each line the sniff hints of its own bytes, however the chunks fall', () => {
    const piece = fc.constantFrom(
      'goroutine 1 [running]:',
      'panic: boom',
      '2026-12-06T10:00:00Z INFO ok',
      '#0 0x1 in main',
      'é',
      '\u{1F600}',
      '\xff',
      ' ',
      '\n',
      '\r\n',
      '\r',
      '\r\r\n',
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.array(fc.nat(400), { maxLength: 6 }),
        fc.boolean(),
        (pieces, cuts, aligned) => {
          const text = pieces.join('')
          // `\xff` alone is not UTF-8: the decoder replaces it, the index still counts it.
          const bytes = Uint8Array.from(
            [...new TextEncoder().encode(text.replace(/\xff/g, '\u0000'))].map((b) =>
              b === 0 ? 0xff : b,
            ),
          )
          const lines = track(bytes, cuts, aligned)
          expect(lines.map((l) => l.line)).toEqual(splitWhole(new TextDecoder().decode(bytes)))
          for (const { line, candidates, inSource } of lines) {
            const reference = hints.candidates(line.replace(/\r$/, ''))
            if (candidates !== UNKNOWN_CANDIDATES) expect(candidates).toBe(reference)
            // Where the line is said to lie in its source is the line.
            expect(inSource).toBe(line)
          }
        },
      ),
      {
        numRuns: 1000,
        // A line whose `\r` ends a chunk reaches the text with the next chunk: its hints are
        // still those of its own bytes.
        examples: [
          [
            [' ', '2026-12-06T10:00:00Z INFO ok', 'é', '\r', '\xff', 'goroutine 1 [running]:'],
            [33],
            true,
          ],
        ],
      },
    )
  })

  it('finds the candidates of lines held in one chunk', () => {
    const bytes = new TextEncoder().encode('a\ngoroutine 1 [running]:\r\nplain\n')
    for (const aligned of [false, true])
      expect(
        track(bytes, [], aligned).map(({ line, candidates }) => ({ line, candidates })),
      ).toEqual([
        { line: 'a', candidates: hints.candidates('a') },
        {
          line: 'goroutine 1 [running]:\r',
          candidates: hints.candidates('goroutine 1 [running]:'),
        },
        { line: 'plain', candidates: hints.candidates('plain') },
      ])
  })
})
