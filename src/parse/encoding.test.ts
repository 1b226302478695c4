import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'
import { readSourceLines } from './source-lines'
import { sniffEncoding } from './text'

function utf16(text: string, bigEndian: boolean, bom = true): Uint8Array {
  const start = bom ? 2 : 0
  const out = new Uint8Array(start + text.length * 2)
  if (bom) out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe])
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out[start + 2 * i] = bigEndian ? c >> 8 : c & 0xff
    out[start + 2 * i + 1] = bigEndian ? c & 0xff : c >> 8
  }
  return out
}

const concat = (a: number[], b: Uint8Array) => new Uint8Array([...a, ...b])
const utf8 = (text: string) => new TextEncoder().encode(text)
const sample = readFileSync('public/examples/go-cgo-sigsegv.txt', 'utf8')

describe('sniffEncoding', () => {
  it.each<[string, Uint8Array, string, number]>([
    ['UTF-16 LE, ASCII', utf16(sample, false), 'utf-16le', 0],
    ['UTF-16 BE, ASCII', utf16(sample, true), 'utf-16be', 0],
    [
      'UTF-16 LE, Japanese',
      utf16('ゴルーチンがパニックしました\n'.repeat(40), false),
      'utf-16le',
      0,
    ],
    ['UTF-16 LE, emoji (surrogate pairs)', utf16('😀 panic\n'.repeat(40), false), 'utf-16le', 0],
    ['UTF-16 LE without a mark', utf16(sample, false, false), 'utf-16le', 0],
    ['UTF-8 with its mark', concat([0xef, 0xbb, 0xbf], utf8(sample)), 'utf-8', 3],
    ['UTF-8 after a stray FF FE', concat([0xff, 0xfe], utf8(sample)), 'utf-8', 2],
    ['UTF-8 after a stray FE FF', concat([0xfe, 0xff], utf8(sample)), 'utf-8', 2],
    [
      'non-ASCII UTF-8 after a stray FF FE',
      concat([0xff, 0xfe], utf8('µs ünïcode\n'.repeat(40))),
      'utf-8',
      2,
    ],
  ])('%s', (_name, bytes, encoding, skip) => {
    const guess = sniffEncoding(bytes)
    expect({ encoding: guess.encoding, skip: guess.skip }).toEqual({ encoding, skip })
    expect(guess.warning !== null).toBe(skip === 2)
  })

  it('does not take unpaired surrogates for UTF-16', () => {
    // `FF FE` then ASCII pairs, then a low surrogate with no high one before it.
    const bytes = concat([0xff, 0xfe], new Uint8Array([0x61, 0, 0x62, 0, 0x00, 0xdc, 0x63, 0]))
    expect(sniffEncoding(bytes).encoding).toBe('utf-8')
  })
})

describe('a UTF-8 file with a stray FF FE', () => {
  // Guards against the whole file read as one garbled UTF-16 line.
  it('reads as the file without those bytes does, says so, and reads lines back', async () => {
    const bytes = concat([0xff, 0xfe], utf8(sample))
    const parse = async (b: Uint8Array) =>
      (await parseInputs([inputFromBytes('crash.txt', b)])).sources[0]
    const [stray, clean] = [await parse(bytes), await parse(utf8(sample))]
    expect(stray.lines).toBe(sample.split('\n').length - 1)
    expect(stray.regions).toEqual(clean.regions)
    expect(stray.warnings.join(' ')).toMatch(/FF FE.*not UTF-16.*read as UTF-8/)
    expect(clean.warnings).toEqual([])
    const lines = sample.split('\n')
    const blob = new Blob([bytes as BlobPart])
    expect(await readSourceLines(blob, stray, 0, 2)).toEqual(lines.slice(0, 2))
    expect(await readSourceLines(blob, stray, 40, 3)).toEqual(lines.slice(40, 43))
  })
})
