import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'
import { readSourceLines, scanSourceLines } from './source-lines'

const lines = Array.from({ length: 3500 }, (_, i) => `line ${i} ünïcode`)

describe('readSourceLines', () => {
  it.each([
    ['plain', new TextEncoder().encode(lines.join('\n') + '\n')],
    ['CRLF', new TextEncoder().encode(lines.join('\r\n'))],
    ['a byte-order mark', new TextEncoder().encode('\ufeff' + lines.join('\n'))],
    [
      'ASCII with one emoji line',
      new TextEncoder().encode(
        lines.map((l, i) => (i === 1500 ? '😀 ' + l : l.replace('ünïcode', 'ascii'))).join('\n'),
      ),
    ],
    ['gzip', gzipSync(lines.join('\n'))],
  ])('reads lines back from a %s source through the line index', async (_name, bytes) => {
    const incident = await parseInputs([inputFromBytes('x.txt', bytes)], { formats: [] })
    const source = incident.sources[0]
    expect(source.lines).toBe(3500)
    if (source.compression === null) expect(source.lineOffsets.length).toBe(4)
    const blob = new Blob([bytes as BlobPart])
    const text = new TextDecoder()
      .decode(bytes[0] === 0x1f ? new Uint8Array(0) : bytes)
      .replace(/^\ufeff/, '')
    const expected = text ? text.replace(/\n$/, '').split(/\r?\n/) : lines
    for (const first of [0, 999, 1000, 1499, 1500, 2001, 3498]) {
      expect(await readSourceLines(blob, source, first, 3)).toEqual(
        expected.slice(first, first + 3),
      )
    }
  })
})

// Line breaks counted in the bytes, so what the decoder does to a line moves no offset.
describe('readSourceLines against the decoded text', () => {
  const utf8 = (t: string) => new TextEncoder().encode(t)
  const latin1 = (t: string) => Uint8Array.from(t, (c) => c.charCodeAt(0) & 0xff)
  const zstd = (bytes: Uint8Array) => {
    const dir = mkdtempSync(join(tmpdir(), 'debrief-zst-'))
    writeFileSync(join(dir, 'x.txt'), bytes)
    execFileSync('zstd', ['-q', '-f', join(dir, 'x.txt')])
    return new Uint8Array(readFileSync(join(dir, 'x.txt.zst')))
  }
  const cases: [string, Uint8Array, Uint8Array?][] = [
    // Latin-1 bytes in a UTF-8 log: each decodes to one U+FFFD, three bytes had it been UTF-8.
    [
      'Latin-1 bytes in UTF-8',
      latin1(lines.map((l, i) => (i % 3 ? l : `caf\xe9 ${l}`)).join('\n')),
    ],
    ['lone CR line endings', utf8(lines.join('\r'))],
    ['mixed CR, LF and CRLF', utf8(lines.map((l, i) => l + ['\n', '\r', '\r\n'][i % 3]).join(''))],
  ]
  const plain = utf8(lines.join('\n') + '\n')
  cases.push(['zstd', zstd(plain), plain])
  // `cat a.gz b.gz`: two gzip members, cut in the middle of a line (RFC 1952 section 2.2).
  const cut = plain.length >> 1
  const twoMembers = new Uint8Array([
    ...gzipSync(plain.subarray(0, cut)),
    ...gzipSync(plain.subarray(cut)),
  ])
  cases.push(['gzip in two members', twoMembers, plain])

  it.each(cases)('reads the lines of a source with %s', async (_name, bytes, decompressed) => {
    const incident = await parseInputs([inputFromBytes('x.txt', bytes)], { formats: [] })
    const source = incident.sources[0]
    const expected = new TextDecoder()
      .decode(decompressed ?? bytes)
      .replace(/(\r\n|\r|\n)$/, '')
      .split(/\r\n|\r|\n/)
    expect(source.lines).toBe(expected.length)
    const blob = new Blob([bytes as BlobPart])
    for (const first of [0, 999, 1000, 2001, 2999, expected.length - 2])
      expect(await readSourceLines(blob, source, first, 2)).toEqual(
        expected.slice(first, first + 2),
      )
  })

  it('reads the lines after one longer than the splitter keeps (64 M characters)', async () => {
    const long = 'x'.repeat((1 << 26) + (1 << 20))
    const bytes = utf8([...lines.slice(0, 1200), long, ...lines.slice(1200)].join('\n'))
    const incident = await parseInputs([inputFromBytes('x.txt', bytes)], { formats: [] })
    const source = incident.sources[0]
    const blob = new Blob([bytes as BlobPart])
    expect(await readSourceLines(blob, source, 2500, 2)).toEqual(lines.slice(2499, 2501))
    expect(await readSourceLines(blob, source, 3000, 1)).toEqual([lines[2999]])
  })
})

describe('scanSourceLines', () => {
  it.each([
    ['plain', new TextEncoder().encode(lines.join('\n') + '\n')],
    ['CRLF', new TextEncoder().encode(lines.join('\r\n'))],
    ['gzip', gzipSync(lines.join('\n'))],
  ])('visits each wanted line of a %s source once, in one pass', async (_name, bytes) => {
    const incident = await parseInputs([inputFromBytes('x.txt', bytes)], { formats: [] })
    const blob = new Blob([bytes as BlobPart])
    // Two events on one line (a log line and the restart it shows) both get its text.
    const wanted = [5, 999, 1000, 1000, 2500, 3499]
    const seen: [number, string][] = []
    await scanSourceLines(blob, incident.sources[0], wanted, (k, text) => seen.push([k, text]))
    expect(seen).toEqual(wanted.map((line, k) => [k, lines[line]]))
  })

  it('stops when the signal aborts', async () => {
    const bytes = new TextEncoder().encode(lines.join('\n'))
    const incident = await parseInputs([inputFromBytes('x.txt', bytes)], { formats: [] })
    const controller = new AbortController()
    const seen: number[] = []
    await scanSourceLines(
      new Blob([bytes as BlobPart]),
      incident.sources[0],
      [1, 2, 3, 4],
      (k) => {
        seen.push(k)
        if (k === 1) controller.abort()
      },
      controller.signal,
    )
    expect(seen).toEqual([0, 1])
  })
})
