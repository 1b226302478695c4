import { describe, expect, it } from 'vitest'
import { Level } from '../model/types'
import { parseText } from '../test/incident-snapshot'
import { hasTerminalEscapes, withoutTerminalEscapes } from './terminal-escapes'

describe('terminal escapes', () => {
  it.each([
    [
      'zerolog console',
      '\x1b[90m2024-03-14T08:23:33Z\x1b[0m \x1b[32mINF\x1b[0m ready',
      '2024-03-14T08:23:33Z INF ready',
    ],
    ['bold red', '\x1b[31m\x1b[1mWARNING: dev server\x1b[0m', 'WARNING: dev server'],
    ['256 colours', '\x1b[38;5;208mwarn\x1b[m x', 'warn x'],
    ['erase line', '\x1b[2Kweb-1  | 2024-04-25T05:32:35Z hi', 'web-1  | 2024-04-25T05:32:35Z hi'],
    ['OSC 8 hyperlink', '\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ text', 'link text'],
    ['OSC title ended by BEL', '\x1b]0;title\x07prompt', 'prompt'],
    ['a two-character escape', '\x1bMup', 'up'],
    ['cut short at the end', 'text \x1b[3', 'text '],
    ['a lone ESC', 'a\x1bb', 'ab'],
    ['no escape', 'plain [31m text', 'plain [31m text'],
  ])('%s', (_name, line, text) => {
    expect(withoutTerminalEscapes(line)).toBe(text)
  })

  it('tells a text with escapes from one without', () => {
    expect(hasTerminalEscapes('a\x1b[0m')).toBe(true)
    expect(hasTerminalEscapes('plain [31m')).toBe(false)
  })

  it('stays linear on a long run of parameters with no final byte', () => {
    const line = `\x1b[${'1;'.repeat(500_000)}`
    const started = process.cpuUsage()
    expect(withoutTerminalEscapes(line)).toBe('')
    const { user } = process.cpuUsage(started)
    expect(user).toBeLessThan(500_000)
  })
})

describe('inputs coloured by a terminal', () => {
  const zerolog = [
    '\x1b[90m2024-03-14T08:23:33.123Z\x1b[0m \x1b[31mERR\x1b[0m request failed \x1b[36mlatency_ms=\x1b[0m120',
    '\x1b[90m2024-03-14T08:23:34.123Z\x1b[0m \x1b[32mINF\x1b[0m request ok \x1b[36mlatency_ms=\x1b[0m80',
    '\x1b[90m2024-03-14T08:23:35.123Z\x1b[0m \x1b[33mWRN\x1b[0m slow \x1b[36mlatency_ms=\x1b[0m900',
  ].join('\n')

  it('a console log: each line an event at its time and level, its metric charted', async () => {
    const incident = await parseText(zerolog, 'api.log')
    const plain = await parseText(withoutTerminalEscapes(zerolog), 'api.log')
    expect(incident.events.length).toBe(3)
    const times = Array.from(incident.events.time.subarray(0, 3))
    expect(times).toEqual(Array.from(plain.events.time.subarray(0, 3)))
    expect(times[0]).toBe(Date.parse('2024-03-14T08:23:33.123Z'))
    const levels = Array.from(incident.events.level.subarray(0, 3))
    expect(levels).toEqual(Array.from(plain.events.level.subarray(0, 3)))
    expect(levels).toEqual([Level.error, Level.info, Level.warn])
    expect(incident.series.map((s) => [s.name, Array.from(s.value)])).toEqual(
      plain.series.map((s) => [s.name, Array.from(s.value)]),
    )
    expect(incident.series.find((s) => s.name === 'latency_ms')?.value).toEqual(
      new Float64Array([120, 80, 900]),
    )
  })

  it('a panic in coloured `docker compose logs`: the crash and its goroutine', async () => {
    const text = [
      '\x1b[36mapi-1  |\x1b[0m \x1b[31mpanic: boom\x1b[0m',
      '\x1b[36mapi-1  |\x1b[0m ',
      '\x1b[36mapi-1  |\x1b[0m goroutine 1 [running]:',
      '\x1b[36mapi-1  |\x1b[0m main.main()',
      '\x1b[36mapi-1  |\x1b[0m \t/app/main.go:5 +0x25',
      '\x1b[36mapi-1  |\x1b[0m exit status 2',
    ].join('\n')
    const incident = await parseText(text, 'compose.log')
    expect(incident.crashes.map((c) => c.message)).toEqual(['boom'])
    expect(incident.records.length).toBe(1)
  })
})
