import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChunkDecoder } from './chunk-decoder'

function decodeInChunks(bytes: Uint8Array, cuts: number[]): string {
  const d = new ChunkDecoder('utf-8')
  let out = ''
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out += d.decode(bytes.subarray(at, Math.max(at, cut)))
    at = Math.max(at, cut)
  }
  return out + d.decode(bytes.subarray(at)) + d.end()
}

describe('ChunkDecoder', () => {
  it('decodes UTF-8 split at every byte the same as whole', () => {
    const text = 'aé€😀ü\nz'
    const bytes = new TextEncoder().encode(text)
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInChunks(bytes, [cut])).toBe(text)
  })

  it('keeps a U+FEFF that starts a chunk after the first', () => {
    const bytes = new TextEncoder().encode('a\n\ufeffb\n')
    expect(decodeInChunks(bytes, [2])).toBe('a\n\ufeffb\n')
  })

  it('agrees with a streaming TextDecoder on any bytes and any cuts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.nat(64), { maxLength: 5 }),
        (bytes, cuts) => {
          const reference = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
          expect(decodeInChunks(bytes, cuts)).toBe(reference)
        },
      ),
      { numRuns: 500 },
    )
  })
})
