import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  FINGERPRINT_BYTES,
  FingerprintHasher,
  computeBlobFingerprint,
  computeFingerprint,
} from './fingerprint'

const cgoExample = readFileSync('public/examples/go-cgo-sigsegv.txt')
const large = new Uint8Array(3 << 19).fill(7)

describe('input fingerprints', () => {
  // Guards against a change of value: saved postmortems are keyed by these fingerprints and
  // share links name their inputs by them. The values were taken before the hashing code was
  // shared by the parser and the share link.
  it.each([
    ['the cgo example', cgoExample, 'c06b8339-b35'],
    ['empty input', new Uint8Array(0), '350ca8af-0'],
    ['1.5 MB, past the hashed head', large, '0ea3d6c4-180000'],
  ])('keep their stored value for %s', async (_name, bytes, expected) => {
    expect(computeFingerprint(bytes)).toBe(expected)
    expect(await computeBlobFingerprint(new Blob([new Uint8Array(bytes)]))).toBe(expected)
  })

  it('are the same whatever the chunks the bytes arrive in', () => {
    const hasher = new FingerprintHasher(large.length)
    for (let at = 0; at < large.length; at += 65_537) hasher.update(large.subarray(at, at + 65_537))
    expect(hasher.digest()).toBe(computeFingerprint(large))
  })

  it('ignore the bytes past the hashed head', () => {
    const other = large.slice()
    other[FINGERPRINT_BYTES] = 8
    expect(computeFingerprint(other)).toBe(computeFingerprint(large))
    other[FINGERPRINT_BYTES - 1] = 8
    expect(computeFingerprint(other)).not.toBe(computeFingerprint(large))
  })
})
