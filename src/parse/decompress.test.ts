import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decompressionStream } from './decompress'

async function gunzip(bytes: Uint8Array, chunk = 7): Promise<string> {
  const parts: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk))
  const stream = new Blob(parts as BlobPart[]).stream().pipeThrough(decompressionStream('gzip'))
  return new Response(stream).text()
}

describe('decompressionStream gzip', () => {
  it('reads every member of a multi-member file, as gunzip does', async () => {
    // Guards against reading only the first member (Chromium's DecompressionStream stops there).
    const members = ['first member\n', 'second ', 'third\n', ''].map((t) => gzipSync(t))
    const bytes = new Uint8Array(members.flatMap((m) => [...m]))
    expect(await gunzip(bytes)).toBe('first member\nsecond third\n')
    expect(await gunzip(bytes, 1)).toBe('first member\nsecond third\n')
  })

  it.each([
    ['cut inside its header', 2],
    ['cut inside its data', 30],
  ])('fails on a stream %s', async (_name, keep) => {
    const whole = gzipSync('x'.repeat(100) + Math.random().toString(36).repeat(50))
    await expect(gunzip(whole.subarray(0, keep))).rejects.toThrow()
  })
})
