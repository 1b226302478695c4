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
