import { describe, expect, it } from 'vitest'
import type { IncidentBuilder } from '../model/builder'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'
import type { RegionFormat, RegionLine } from './region'

/** Records every line pushed to it: regions of lines containing `@`. */
function recorder(seen: RegionLine[]): RegionFormat {
  return {
    format: 'at',
    sniff: (line) => line.indexOf('@'),
    open: (_builder: IncidentBuilder) => ({
      push: (line) => {
        if (!line.text.startsWith('@')) return false
        seen.push(line)
        return true
      },
      close: () => {},
    }),
  }
}

describe('Scanner: RegionLine.time', () => {
  it('comes from the peeled prefix, the line itself, or the line before', async () => {
    const seen: RegionLine[] = []
    const text = [
      '2023-05-15T00:29:00.5Z stderr F @a', // prefix (CRI), peeled
      '2023-05-15T00:29:01.5Z stderr F @b',
      '@c', // no prefix here: inherits
      'junk',
      'Nov 22 18:35:01 host app: @d', // a syslog prefix: a new region
      '@e',
    ].join('\n')
    await parseInputs([inputFromBytes('in.txt', text)], { formats: [recorder(seen)] })
    const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString())
    expect(seen.map((l) => [l.text, iso(l.time)])).toEqual([
      ['@a', '2023-05-15T00:29:00.500Z'],
      ['@b', '2023-05-15T00:29:01.500Z'],
      ['@c', '2023-05-15T00:29:01.500Z'],
      ['@d', '2023-11-22T18:35:01.000Z'], // the year of the dated lines before
      ['@e', '2023-11-22T18:35:01.000Z'],
    ])
  })

  it('is undefined before any wall-clock time, and ignores time since boot', async () => {
    const seen: RegionLine[] = []
    await parseInputs([inputFromBytes('in.txt', '@a\n[ 4.591020] @b\n')], {
      formats: [recorder(seen)],
    })
    expect(seen.map((l) => l.time)).toEqual([undefined, undefined])
  })
})

describe('Scanner: RegionLine.source', () => {
  it('holds the line text where `start` says, prefix peeled and `\r` dropped', async () => {
    const seen: RegionLine[] = []
    const text = [
      '2023-05-15T00:29:00.5Z stderr F @a',
      '2023-05-15T00:29:01.5Z stderr F @bb\r',
      '@c',
      '',
      '@d\r',
      '@e',
    ].join('\n')
    await parseInputs([inputFromBytes('in.txt', text)], { formats: [recorder(seen)] })
    expect(seen.map((l) => l.text)).toEqual(['@a', '@bb', '@c', '@d', '@e'])
    for (const l of seen) {
      const start = l.start ?? 0
      expect(l.source?.slice(start, start + l.text.length)).toBe(l.text)
    }
  })
})
