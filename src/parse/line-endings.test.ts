import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dumpIncident, inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'
import { mergeIncidentParts } from '../model/merge'
import { readSourceLines } from './source-lines'
import { parseInParts } from '../test/parse-in-parts'

/**
 * Guards against files whose lines end with a lone `\r` (old macOS tools, some serial
 * consoles): a 363-line service log read as one line with no events, and a Go crash gave no
 * goroutines; and with `\r\r\n`, read as blank lines between all lines, a Go crash gave a
 * goroutine for each frame. Each real sample, converted to CR and to CRLF endings, must read as the
 * original does, and its lines must read back from the file under the same numbers.
 */
const samples: [string, string][] = [
  ['a service log with a Go crash', 'public/examples/api-service-with-restart.log'],
  ['a Go cgo crash', 'public/examples/go-cgo-sigsegv.txt'],
]

const endings: [string, (text: string) => string][] = [
  ['CR', (text) => text.replace(/\n/g, '\r')],
  ['CRLF', (text) => text.replace(/\n/g, '\r\n')],
  // CRLF text written again through a CRLF conversion.
  ['CR CR LF', (text) => text.replace(/\n/g, '\r\r\n')],
  // Lines ended by `\n`, `\r` and `\r\n` in turn, but never `\r` before an empty line: `\r`s
  // and then `\n` are one break (an empty line's `\n` or `\r\n` would join its `\r`).
  [
    'mixed',
    (text) =>
      text
        .split('\n')
        .reduce(
          (out, l, i) => out + (l === '' && i % 3 === 1 ? '\n' : ['\n', '\r', '\r\n'][i % 3]) + l,
        ),
  ],
]

async function summary(text: string) {
  const incident = await parseInputs([inputFromBytes('x.log', new TextEncoder().encode(text))])
  const source = incident.sources[0]
  const counts = {
    lines: source.lines,
    regions: source.regions,
    records: incident.records.length,
    events: incident.events.length,
    crashes: incident.crashes.map((c) => c.message),
  }
  return { source, counts }
}

describe.each(samples)('%s', (_name, path) => {
  const text = readFileSync(path, 'utf8')
  // Counted apart from the parser: the sample's own line breaks.
  const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)

  it.each(endings)('reads the same with %s line endings', async (_ending, convert) => {
    const original = (await summary(text)).counts
    expect(original.lines).toBe(lineCount)
    expect(original.records + original.events).toBeGreaterThan(0)
    const { source, counts } = await summary(convert(text))
    expect(counts).toEqual(original)

    const blob = new Blob([new TextEncoder().encode(convert(text))])
    const expected = text.split('\n')
    for (const first of [0, Math.floor(lineCount / 2), lineCount - 2]) {
      expect(await readSourceLines(blob, source, first, 2)).toEqual(
        expected.slice(first, first + 2),
      )
    }
  })
})

it('the service log has 363 lines and its goroutines and events with CR endings', async () => {
  const text = readFileSync(samples[0][1], 'utf8').replace(/\n/g, '\r')
  const { lines, records, events } = (await summary(text)).counts
  expect(lines).toBe(363)
  expect(records).toBeGreaterThan(0)
  expect(events).toBeGreaterThan(0)
})

it.each<[string, string]>([
  ['CR', '\r'],
  ['CRLF', '\r\n'],
  ['CR CR LF', '\r\r\n'],
])(
  'a dump with %s endings cut into parts at blank lines merges to the whole',
  async (_name, eol) => {
    const text = readFileSync('public/examples/go-goroutine-leak-dump.txt', 'utf8')
    const bytes = new TextEncoder().encode(text.replace(/\n/g, eol))
    const whole = await parseInputs([inputFromBytes('dump.txt', bytes)])
    const { cuts, parts } = await parseInParts('dump.txt', bytes, 3)
    expect(cuts.length).toBe(4)
    const merged = mergeIncidentParts(parts)
    expect(merged.sources[0].lines).toBe(text.split('\n').length - 1) // it ends with a break
    expect(dumpIncident(merged)).toBe(dumpIncident(whole))
  },
)
