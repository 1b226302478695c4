import { gzipSync } from 'node:zlib'

/**
 * The adversarial corpus: inputs that have broken parsers and tabs elsewhere. Generated, not
 * stored, so a 10 MB line or a million empty lines cost nothing in the repository; each is
 * deterministic. Used by the unit robustness tests and by the end-to-end bad-input test.
 */
export type AdversarialInput = {
  name: string
  bytes: () => Uint8Array
  /** A phrase the page must show for it (a warning or the empty-result explanation). */
  expect: RegExp
}

const text = (s: string) => new TextEncoder().encode(s)
const goTrace =
  'panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\nexit status 2\n'

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2)
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe])
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    out[2 + 2 * i] = bigEndian ? c >> 8 : c & 0xff
    out[3 + 2 * i] = bigEndian ? c & 0xff : c >> 8
  }
  return out
}

export const adversarialInputs: AdversarialInput[] = [
  { name: 'empty.txt', bytes: () => new Uint8Array(0), expect: /empty/ },
  {
    name: 'whitespace.txt',
    bytes: () => text(' \n\t\n   \n\n'),
    expect: /none of them looked like/,
  },
  {
    name: 'image.png',
    bytes: () =>
      new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0,
        1, 0,
      ]),
    expect: /binary file \(a PNG image\)/,
  },
  {
    name: 'core.elf',
    bytes: () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]),
    expect: /ELF executable or core file/,
  },
  {
    name: 'nul-bytes.txt',
    bytes: () => text('text\u0000with\u0000nuls\n' + goTrace),
    expect: /binary file/,
  },
  {
    name: 'one-10mb-line.txt',
    bytes: () => text('x'.repeat(10 << 20)),
    expect: /Line 1 is 10\.0 MB long; skipped/,
  },
  {
    name: 'million-empty-lines.txt',
    bytes: () => new Uint8Array(1_000_000).fill(10),
    expect: /1000001 lines were read|none of them looked like/,
  },
  {
    name: 'crlf-and-mixed.txt',
    bytes: () => text(goTrace.replace(/\n/g, '\r\n').slice(0, 40) + goTrace.slice(38)),
    expect: /panic|boom/,
  },
  { name: 'utf16le-bom.txt', bytes: () => utf16(goTrace, false), expect: /boom/ },
  { name: 'utf16be-bom.txt', bytes: () => utf16(goTrace, true), expect: /boom/ },
  {
    name: 'invalid-utf8.txt',
    bytes: () =>
      new Uint8Array([...text('ab'), 0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, ...text('\n' + goTrace)]),
    expect: /boom/,
  },
  {
    name: 'truncated.txt.gz',
    bytes: () => {
      const whole = gzipSync(goTrace.repeat(2000))
      return whole.subarray(0, Math.floor(whole.length / 2))
    },
    expect: /gzip data is truncated or corrupt/,
  },
  {
    name: 'archive.zip',
    bytes: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]),
    expect: /zip archive/,
  },
  {
    name: 'zero.gz',
    bytes: () => new Uint8Array([0x1f, 0x8b]),
    expect: /gzip data is truncated or corrupt/,
  },
  {
    name: 'wrong-schema.debrief',
    bytes: () =>
      text(
        JSON.stringify({ format: 'debrief', version: 999, __proto__: { polluted: true }, doc: 42 }),
      ),
    expect: /none of them looked like|bundle/i,
  },
]
