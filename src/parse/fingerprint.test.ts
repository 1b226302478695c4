import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { computeBlobFingerprint, computeFingerprint } from '../lib/fingerprint'
import { parseInputs } from './index'

async function parserFingerprint(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const blob = new Blob([bytes])
  const incident = await parseInputs([
    { name: 'x.txt', size: blob.size, stream: () => blob.stream() },
  ])
  return incident.sources[0].fingerprint
}

describe('input fingerprints', () => {
  // Guards against the share link's check drifting from the parser's fingerprint: a link
  // would then refuse the very file it was made from.
  it.each([
    ['the cgo example', readFileSync('public/examples/go-cgo-sigsegv.txt')],
    ['empty input', new Uint8Array(0)],
    ['a redacted line', new TextEncoder().encode('from [ipv4-1]:443\n')],
  ])('equals the parser’s for %s', async (_name, bytes) => {
    const expected = await parserFingerprint(new Uint8Array(bytes))
    expect(computeFingerprint(new Uint8Array(bytes))).toBe(expected)
    expect(await computeBlobFingerprint(new Blob([new Uint8Array(bytes)]))).toBe(expected)
  })
})
