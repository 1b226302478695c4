import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IncidentBuilder } from '../model/builder'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'
import type { RegionFormat } from './region'
import { LineSplitter } from './text'

/** A toy format: regions of lines starting with `@`, each line one record named after it. */
const atFormat: RegionFormat = {
  format: 'at',
  sniff: (line) => line.indexOf('@'),
  open: (builder: IncidentBuilder) => ({
    push: ({ text, lineNo }) => {
      if (!text.startsWith('@')) return false
      builder.addRecord({ stack: -1, state: text.slice(1), line: lineNo })
      return true
    },
    close: () => {},
  }),
}

async function parse(bytes: Uint8Array | string, name = 'in.txt') {
  const incident = await parseInputs([inputFromBytes(name, bytes)], { formats: [atFormat] })
  const states = [...incident.records.state].map((s) => incident.strings[s])
  return { incident, source: incident.sources[0], states }
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2)
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe])
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out[2 + 2 * i] = bigEndian ? c >> 8 : c & 0xff
    out[3 + 2 * i] = bigEndian ? c & 0xff : c >> 8
  }
  return out
}

describe('LineSplitter', () => {
  it('joins lines split across chunks at every position', () => {
    const text = 'alpha\nbeta\r\n\ngamma'
    for (let cut = 0; cut <= text.length; cut++) {
      const lines: string[] = []
      const splitter = new LineSplitter((l) => lines.push(l))
      splitter.push(text.slice(0, cut))
      splitter.push(text.slice(cut))
      splitter.finish()
      expect(lines, `cut at ${cut}`).toEqual(['alpha', 'beta\r', '', 'gamma'])
    }
  })

  // Guards against CR-only files (old macOS tools, serial consoles) read as one line.
  it.each<[string, string, string[]]>([
    ['CR only', 'alpha\rbeta\r\rgamma\r', ['alpha', 'beta', '', 'gamma']],
    ['CR only, no final break', 'alpha\rbeta', ['alpha', 'beta']],
    ['CRLF', 'alpha\r\nbeta\r\n', ['alpha\r', 'beta\r']],
    ['mixed', 'a\nb\r\nc\rd\r\re\n\rf', ['a', 'b\r', 'c', 'd', '', 'e', '', 'f']],
    // CRLF text written again through a CRLF conversion: a run of `\r`s before `\n` is one
    // break, or a Go dump's every line would stand alone between blank lines.
    ['CR runs before LF', 'a\r\r\nb\r\r\r\n\r\r\nc\r\r', ['a\r\r', 'b\r\r\r', '\r\r', 'c', '']],
  ])('breaks lines at a lone CR (%s) wherever the chunks are cut', (_name, text, expected) => {
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2++) {
        const lines: string[] = []
        const splitter = new LineSplitter((l) => lines.push(l))
        splitter.push(text.slice(0, cut))
        splitter.push(text.slice(cut, cut2))
        splitter.push(text.slice(cut2))
        splitter.finish()
        expect(lines, `cuts at ${cut}, ${cut2}`).toEqual(expected)
      }
    }
  })

  it('splits any text, however it is cut, where a split by its break rule does', () => {
    // The rule written as one regular expression: `\n`, or a `\r` that no run of `\r`s then
    // `\n` follows. `\r`s before `\n` stay on the line for the reader to drop.
    const byRule = (text: string) => {
      const lines = text.split(/\n|\r(?!\r*\n)/)
      if (lines[lines.length - 1] === '') lines.pop()
      return lines
    }
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\r\r\n'), { maxLength: 40 }),
        fc.array(fc.nat(80), { maxLength: 5 }),
        (pieces, cuts) => {
          const text = pieces.join('')
          const lines: string[] = []
          const splitter = new LineSplitter((l) => lines.push(l))
          let at = 0
          for (const cut of [...cuts, text.length].sort((a, b) => a - b)) {
            splitter.push(text.slice(at, Math.max(at, cut)))
            at = Math.max(at, cut)
          }
          splitter.finish()
          expect(lines).toEqual(byRule(text))
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('says where the next line starts in the chunk, one character past each break', () => {
    const text = 'ab\r\ncd\ref\ngh'
    const seen: [string, number][] = []
    const splitter = new LineSplitter((l, next) => seen.push([l, next]))
    splitter.push(text)
    expect(seen).toEqual([
      ['ab\r', 4],
      ['cd', 7],
      ['ef', 10],
    ])
  })
})

describe('parseInputs', () => {
  it.each<[string, Uint8Array | string]>([
    ['plain', 'x\n@a\n@b\ny\n'],
    ['CRLF', 'x\r\n@a\r\n@b\r\ny\r\n'],
    ['CR only', 'x\r@a\r@b\ry\r'],
    ['CR CR LF', 'x\r\r\n@a\r\r\n@b\r\r\ny\r\r\n'],
    ['UTF-8 BOM', '\ufeffx\n@a\n@b\ny'],
    ['UTF-16 LE with BOM', utf16('x\n@a\n@b\ny\n', false)],
    ['UTF-16 BE with BOM', utf16('x\n@a\n@b\ny\n', true)],
    ['gzip', gzipSync('x\n@a\n@b\ny\n')],
    ['no final newline', 'x\n@a\n@b\ny'],
  ])('reads %s the same way', async (_name, bytes) => {
    const { states, source } = await parse(bytes)
    expect(states).toEqual(['a', 'b'])
    expect(source.regions).toEqual([{ format: 'at', firstLine: 1, lastLine: 2 }])
    expect(source.unrecognizedLines).toBe(2)
  })

  it('keeps what a truncated gzip held and says it was truncated', async () => {
    const whole = gzipSync(Array.from({ length: 5000 }, (_, i) => `@r${i}`).join('\n'))
    const { states, source } = await parse(
      whole.subarray(0, Math.floor(whole.length / 2)),
      'cut.gz',
    )
    expect(states.length).toBeGreaterThan(0)
    expect(states.length).toBeLessThan(5000)
    expect(source.warnings.join(' ')).toMatch(/gzip data is truncated/)
  })

  it('reads a log with one stray NUL byte in its first 4 KB, not refusing it as binary', async () => {
    const lines = Array.from(
      { length: 80 },
      (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served`,
    )
    lines[3] = `\u0000${lines[3]}`
    const incident = await parseInputs([inputFromBytes('svc.log', lines.join('\n') + '\n')])
    expect(incident.sources[0].warnings.join(' ')).not.toMatch(/binary/)
    // Every line that starts with its timestamp is an event: all but the one behind the NUL.
    expect(incident.events.length).toBe(lines.filter((l) => l.startsWith('2024')).length)
  })

  it.each<[string, Uint8Array | string, RegExp]>([
    ['empty', '', /empty/],
    ['a 0-byte gzip', new Uint8Array([0x1f, 0x8b]), /gzip data is truncated/],
    [
      'binary (ELF)',
      new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
      /ELF executable/,
    ],
    ['a zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), /zip archive/],
    ['NUL bytes', 'abc\u0000def\n@x', /binary file/],
  ])('explains %s input', async (_name, bytes, message) => {
    const { source } = await parse(bytes)
    expect(source.warnings.join(' ')).toMatch(message)
  })

  it('reports a line longer than the splitter keeps at its true length', async () => {
    // 80 M characters: past the 64 M the splitter holds of one line.
    const { states, source } = await parse(`@a\n${'x'.repeat(80 << 20)}\n@b\n`)
    expect(states).toEqual(['a', 'b'])
    expect(source.warnings.join(' ')).toMatch(/Line 2 is 80\.0 MB long; skipped/)
  })

  it('skips a 10 MB line with a warning and reads the lines around it', async () => {
    const { states, source } = await parse(`@a\n${'x'.repeat(10 << 20)}\n@b\n`)
    expect(states).toEqual(['a', 'b'])
    expect(source.warnings.join(' ')).toMatch(/Line 2 is 10\.0 MB long; skipped/)
    expect(source.lines).toBe(3)
  })

  it('fingerprints by content and size', async () => {
    const a = (await parse('@a\n')).source.fingerprint
    expect((await parse('@a\n', 'other-name.txt')).source.fingerprint).toBe(a)
    expect((await parse('@b\n')).source.fingerprint).not.toBe(a)
  })

  it('reports progress in bytes up to the total', async () => {
    const seen: number[] = []
    const text = '@a\n'.repeat(100_000)
    await parseInputs([inputFromBytes('p.txt', text)], {
      formats: [atFormat],
      progressIntervalMs: 0,
      onProgress: (p) => seen.push(p.bytesRead),
    })
    expect(seen.at(-1)).toBe(text.length)
    expect(seen.length).toBeGreaterThan(1)
    expect([...seen].sort((x, y) => x - y)).toEqual(seen)
  })
})
