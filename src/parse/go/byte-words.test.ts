import { describe, expect, it } from 'vitest'
import { ByteWords, viewOf } from './byte-words'

const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))

describe('ByteWords', () => {
  // Every length around a word's, at every offset, so whole and overlapping words both compare.
  const chunk = 'goroutine 12 [chan receive, 3 minutes]:\n\tmain.go:7 +0x1d\n'
  const bytes = bytesOf(chunk)
  const view = viewOf(bytes)

  it('finds a text exactly where the chunk holds it', () => {
    for (let length = 0; length <= 9; length++) {
      for (let from = 0; from + length <= chunk.length; from++) {
        const words = new ByteWords(chunk.slice(from, from + length))
        for (let at = 0; at + length <= chunk.length; at++) {
          const expected = chunk.startsWith(chunk.slice(from, from + length), at)
          expect(words.isAt(view, bytes, at), `${from}+${length} at ${at}`).toBe(expected)
        }
      }
    }
  })

  it('tells apart texts that differ in one byte of the last word', () => {
    const words = new ByteWords('[semacquire]:')
    const other = bytesOf('[semacquire]!')
    expect(words.isAt(viewOf(other), other, 0)).toBe(false)
    const same = bytesOf('x[semacquire]:')
    expect(words.isAt(viewOf(same), same, 1)).toBe(true)
  })

  it('never finds a text with a character past 0xff in bytes', () => {
    // U+0167's low byte is 0x67 (`g`): compared by its low byte alone, it would match.
    const words = new ByteWords('\u0167oroutine')
    expect(words.isAt(view, bytes, 0)).toBe(false)
  })
})
