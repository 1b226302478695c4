import { describe, expect, it } from 'vitest'
import {
  EncodingError,
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  decodeContent,
  encodeContent,
  isBase64,
  joinVersion,
  splitVersion,
} from './encoding'

const allBytes = new Uint8Array(256).map((_, i) => i)

describe('base64', () => {
  it('agrees with Node’s encoder, past one conversion chunk', () => {
    const big = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 31) & 0xff)
    for (const bytes of [new Uint8Array(0), allBytes, big]) {
      const standard = Buffer.from(bytes).toString('base64')
      expect(bytesToBase64(bytes)).toBe(standard)
      expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
      expect(base64ToBytes(standard)).toEqual(bytes)
      expect(base64UrlToBytes(bytesToBase64Url(bytes))).toEqual(bytes)
      expect(isBase64(standard)).toBe(true)
    }
  })

  // Guards against an uncaught `atob` error ("The string to be decoded is not correctly
  // encoded") reaching the person who opened a damaged bundle or link.
  it.each([
    ['foreign characters', () => base64ToBytes('@@@@'), /not valid base64: it holds characters/],
    ['a cut group', () => base64ToBytes('QUJD' + 'QQ'), /not a multiple of 4/],
    ['url: foreign characters', () => base64UrlToBytes('ab+/'), /not valid base64url/],
    ['url: one character into a group', () => base64UrlToBytes('QUJDR'), /one character into/],
  ])('refuses %s with a clear message', (_name, decode, message) => {
    expect(decode).toThrow(EncodingError)
    expect(decode).toThrow(message)
  })
})

describe('bundle content', () => {
  it('keeps UTF-8 text as text and anything else as base64', () => {
    const text = new TextEncoder().encode('goroutine 1 [running]:\nÜ ✓\n')
    expect(encodeContent(text)).toEqual({ encoding: 'utf8', data: 'goroutine 1 [running]:\nÜ ✓\n' })
    expect(encodeContent(allBytes)).toEqual({
      encoding: 'base64',
      data: Buffer.from(allBytes).toString('base64'),
    })
    expect(decodeContent(encodeContent(allBytes))).toEqual(allBytes)
  })

  it('keeps a UTF-8 byte-order mark, so the input comes back with its own bytes', () => {
    // Without it the receiver had 3 bytes fewer and another fingerprint: its notes and pins
    // no longer matched the input they were made on.
    const bytes = new TextEncoder().encode('\ufeffgoroutine 1 [running]:\n')
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    const back = decodeContent(encodeContent(bytes))
    expect(new TextEncoder().encode(back as string)).toEqual(bytes)
  })
})

describe('versioned payloads', () => {
  it('put the version first and split at the first dot', () => {
    expect(joinVersion('1', 'a.b')).toBe('1.a.b')
    expect(splitVersion('1.a.b')).toEqual({ version: '1', data: 'a.b' })
    expect(splitVersion('abc')).toBeNull()
  })
})
