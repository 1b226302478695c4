import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFixture } from '../../test/incident-snapshot'
import { validateBundle, createBundle } from './bundle'
import { createPostmortemState } from './document'
import { computeMarkdown } from './markdown'
import { crashTarget, describeTarget, resolvePin } from './pins'
import { pinTarget } from './postmortem'

const path = new URL('../../parse/go/__fixtures__/local-go119-cgo-segv.txt', import.meta.url)
  .pathname

/** The crash's facts read straight from the input's text, not through the parser. */
function factsFromText() {
  const lines = readFileSync(path, 'utf8').split('\n')
  const at = lines.findIndex((l) => l.startsWith('[signal '))
  const m = /^\[signal (\w+): .* code=(\S+) addr=(\S+) pc=(\S+)\]$/.exec(lines[at])!
  const goroutine = /^goroutine (\d+) \[/.exec(lines.find((l) => l.startsWith('goroutine '))!)![1]
  return { signal: m[1], code: m[2], addr: m[3], pc: m[4], goroutine, lines, at }
}

describe('a pinned crash', () => {
  it('carries the facts the input states: signal, code, addr, pc, goroutine, source line', async () => {
    const incident = await parseFixture(path)
    const facts = factsFromText()
    const target = crashTarget(incident, incident.crashes[0])
    const resolved = resolvePin(incident, target, [])
    expect(resolved.found).toBe(true)
    expect(resolved.code).toEqual([
      `signal: ${facts.signal}`,
      `code: ${facts.code}`,
      `addr: ${facts.addr}`,
      `pc: ${facts.pc}`,
      `goroutine: ${facts.goroutine}`,
      // The banner's `source`: the input's name and the 1-based line the crash was read from.
      expect.stringMatching(/^source: local-go119-cgo-segv\.txt:\d+$/),
    ])
    const line = Number(resolved.code[5].split(':').pop()) - 1
    expect(facts.lines[line]).toMatch(/^(fatal error|\[signal)/)
    expect(line).toBeLessThanOrEqual(facts.at)
    // Clicking the card opens those lines of the input.
    expect(resolved.destination).toEqual({
      view: 'source',
      source: incident.sources[0].fingerprint,
      first: line,
      last: line,
    })
    expect(describeTarget(target)).toContain(facts.signal)
  })

  it('reaches the Markdown export, and still reads without the input loaded', async () => {
    const incident = await parseFixture(path)
    const facts = factsFromText()
    const { state, pin } = pinTarget(
      createPostmortemState('cgo crash'),
      crashTarget(incident, incident.crashes[0]),
      0,
      null,
    )
    for (const loaded of [incident, null]) {
      const md = computeMarkdown(state, (p) => resolvePin(loaded, p.target, []))
      expect(md).toContain(pin!.label)
      for (const fact of [facts.signal, facts.code, facts.addr, facts.pc])
        expect(md).toContain(fact)
      expect(md).toContain(`goroutine: ${facts.goroutine}`)
    }
  })

  it('survives a bundle round trip', async () => {
    const incident = await parseFixture(path)
    const { state } = pinTarget(
      createPostmortemState('cgo crash'),
      crashTarget(incident, incident.crashes[0]),
      0,
      null,
    )
    const bundle = createBundle(
      state,
      [],
      { activeView: 'stacks', groupMode: { type: 'lines' }, search: '' },
      0,
    )
    expect(validateBundle(JSON.parse(JSON.stringify(bundle))).state.pins).toEqual(state.pins)
  })
})
