import { describe, expect, it } from 'vitest'
import { hashUnitPairs } from '../../lib/hash'
import { ByteWords, HOLDS_PAREN, hashArgWords, viewOf, wordsOf } from './byte-words'

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

describe('hashArgWords', () => {
  // Every start and end over a buffer seen at each of four offsets: words meet the arguments
  // on every boundary, even and odd.
  const text = '0xc01b6bfab6, {0xc01eb4f409?, 0x1a}, 0xc03159b144, 0x0, 0x7f3c4a1e2d18'
  for (let offset = 0; offset < 4; offset++) {
    it(`hashes as hashUnitPairs does, the chunk ${offset} bytes into its buffer`, () => {
      const buffer = new Uint8Array(offset + text.length + 3)
      buffer.set(bytesOf(text), offset)
      const bytes = buffer.subarray(offset, offset + text.length)
      for (let start = 0; start <= 9; start++) {
        for (let end = start; end <= text.length; end++) {
          const hash = hashArgWords(bytes, wordsOf(bytes), start, end)
          expect(hash, `${start}..${end}`).toBe(hashUnitPairs(text, start, end))
        }
      }
    })
  }

  it('tells a `(` wherever it lies', () => {
    const text = 'abcdefghijklmnopqrstu'
    for (let offset = 0; offset < 4; offset++) {
      for (let at = 0; at < text.length; at++) {
        const buffer = new Uint8Array(offset + text.length)
        buffer.set(bytesOf(`${text.slice(0, at)}(${text.slice(at + 1)}`), offset)
        const bytes = buffer.subarray(offset)
        for (let start = 0; start <= at; start++) {
          expect(hashArgWords(bytes, wordsOf(bytes), start, text.length)).toBe(HOLDS_PAREN)
          expect(hashArgWords(bytes, wordsOf(bytes), start, at)).toBe(
            hashUnitPairs(text, start, at),
          )
        }
      }
    }
  })
})
