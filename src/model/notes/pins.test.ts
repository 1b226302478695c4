import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../builder'
import { computeGroups, type Group } from '../group'
import { selectSnapshot } from '../snapshot-view'
import { parseFixture } from '../../test/incident-snapshot'
import { EventKind } from '../types'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import { createPostmortemState } from './document'
import {
  eventTarget,
  findPinnedGroup,
  frameTarget,
  groupTarget,
  resolvePin,
  linesTarget,
} from './pins'
import { pinTarget, unpin } from './postmortem'
import type { PinTarget } from './types'

const dump = `
main.main;main.serve;net.lookupIPDeadline@101;sync.runtime_Semacquire@62 [semacquire 27] *5
main.main;main.worker@12;runtime.gopark [chan receive 3] *3
main.main;main.crash@40 [running] !
`

describe('group pins', () => {
  it('find the same group after re-parsing, whatever order the records come in', () => {
    const first = incidentFromStacks(dump)
    const group = computeGroups(first).find((g) => g.count === 3)!
    const target = groupTarget(first, group, { type: 'lines' })
    expect(target).toMatchObject({
      funcs: ['runtime.gopark', 'main.worker', 'main.main'],
      state: 'chan receive',
    })

    const reordered = incidentFromStacks(dump.trim().split('\n').reverse().join('\n'))
    const resolved = resolvePin(reordered, target, [])
    expect(resolved.found).toBe(true)
    expect(resolved.heading).toBe('3 records · chan receive')
    expect(resolved.code[1]).toBe('main.worker  line 12')
    expect(resolved.destination).toMatchObject({ view: 'stacks', groupKey: expect.any(String) })
  })

  it('fall back to the same functions when the lines moved (a rebuilt binary)', () => {
    const a = incidentFromStacks(
      'main.main;main.worker@12 [chan receive]\nmain.main;main.worker@30 *2',
    )
    const target = groupTarget(a, computeGroups(a)[1], { type: 'lines' })
    const b = incidentFromStacks('main.main;main.worker@14 [chan receive]')
    expect(findPinnedGroup(b, target as Extract<PinTarget, { type: 'group' }>)?.count).toBe(1)
    // The exact match wins over a functions-only match.
    expect(findPinnedGroup(a, target as Extract<PinTarget, { type: 'group' }>)?.count).toBe(1)
  })

  it('say so when the group is not in the loaded input', () => {
    const a = incidentFromStacks(dump)
    const target = groupTarget(a, computeGroups(a)[0], { type: 'lines' })
    const other = incidentFromStacks('main.other')
    const resolved = resolvePin(other, target, [])
    expect(resolved.found).toBe(false)
    expect(resolved.code[0]).toContain('sync.runtime_Semacquire')
    expect(resolvePin(null, target, []).found).toBe(false)
  })

  it('resolve state groups by state', () => {
    const a = incidentFromStacks(dump)
    const groups = computeGroups(a, { type: 'state' })
    const target = groupTarget(
      a,
      groups.find((g) => g.states[0].state === 'running')!,
      { type: 'state' },
    )
    expect(resolvePin(a, target, []).heading).toContain('crashed')
  })
})

describe('frame pins', () => {
  it('count the stacks through the frame', () => {
    const a = incidentFromStacks(dump)
    const f = [...Array(a.frames.length).keys()].find(
      (i) => a.strings[a.frames.func[i]] === 'main.main',
    )!
    const resolved = resolvePin(incidentFromStacks(dump), frameTarget(a, f), [])
    expect(resolved.heading).toBe('main.main · on 9 stacks')
    expect(resolved.destination).toEqual({ view: 'flame', func: 'main.main' })
  })
})

function withEvents() {
  const b = new IncidentBuilder()
  b.beginSource('app.log', 100, 'fp-app')
  b.addEvent({
    time: Date.UTC(2024, 2, 5, 14, 2, 11),
    kind: EventKind.crash,
    line: 7,
    label: 'panic: boom',
  })
  b.addEvent({ time: 12_500, relative: true, kind: EventKind.segfault, line: 9, label: 'segfault' })
  return b.build()
}

describe('event and line pins', () => {
  it('find the event by source fingerprint and line', () => {
    const incident = withEvents()
    const target = eventTarget(incident, 0)
    expect(target).toEqual({
      type: 'event',
      source: 'fp-app',
      line: 7,
      time: Date.UTC(2024, 2, 5, 14, 2, 11),
      text: 'panic: boom',
    })
    const resolved = resolvePin(withEvents(), target, [])
    expect(resolved).toMatchObject({
      found: true,
      heading: '2024-03-05 14:02:11 UTC',
      code: ['panic: boom'],
      meta: ['app.log line 8'],
    })
    expect(resolvePin(withEvents(), eventTarget(incident, 1), []).heading).toBe(
      '+12.500 s since start',
    )
  })

  it('keep the lines they were pinned with', () => {
    const incident = withEvents()
    const target = linesTarget(incident, 0, 6, 8, ['a', 'b', 'c'])
    expect(resolvePin(incident, target, [])).toMatchObject({
      found: true,
      heading: 'app.log: lines 7–9',
      code: ['a', 'b', 'c'],
    })
    expect(resolvePin(incidentFromStacks('x'), target, []).found).toBe(false)
  })
})

describe('pinning into the document', () => {
  const target: PinTarget = { type: 'frame', func: 'main.crash', file: 'main.go', line: 40 }

  it('lists the pin under Supporting evidence and inserts a reference at the caret', () => {
    const state = createPostmortemState()
    const summary = state.doc.sections[0]
    const caret = { sectionId: summary.id, offset: 0 }
    const { state: next, pin } = pinTarget(
      {
        ...state,
        doc: {
          ...state.doc,
          sections: [{ ...summary, body: 'Crash in .' }, ...state.doc.sections.slice(1)],
        },
      },
      target,
      1,
      { ...caret, offset: 9 },
    )
    expect(pin).toMatchObject({ id: 'p1', label: 'E1: main.crash' })
    expect(next.doc.sections[0].body).toBe('Crash in [E1: main.crash](#pin=p1) .')
    expect(next.doc.sections.at(-1)!.body).toBe('- [E1: main.crash](#pin=p1)')

    // Pinning the same item again reuses the pin and does not list it twice.
    const again = pinTarget(next, { ...target }, 2, null)
    expect(again.state.pins).toHaveLength(1)
    expect(again.state.doc.sections.at(-1)!.body).toBe('- [E1: main.crash](#pin=p1)')

    const removed = unpin(again.state, 'p1')
    expect(removed.pins).toEqual([])
    expect(removed.doc.sections.at(-1)!.body).toBe('')
  })

  it('keeps the range an event was pinned in, and the newer one when pinned again', () => {
    const event: PinTarget = { type: 'event', source: 'fp', line: 4, time: 5_000, text: 'boom' }
    const first = pinTarget(createPostmortemState(), event, 1, null, undefined, {
      start: 1_000,
      end: 9_000,
    })
    expect(first.pin.context).toEqual({ start: 1_000, end: 9_000 })
    // Pinned again over another range: still one pin, with the range chosen last.
    const again = pinTarget(first.state, { ...event }, 2, null, undefined, {
      start: 4_000,
      end: 6_000,
    })
    expect(again.state.pins).toHaveLength(1)
    expect(again.state.pins[0]).toMatchObject({ id: 'p1', context: { start: 4_000, end: 6_000 } })
    // Pinned again from somewhere that knows no range: the range stays.
    expect(pinTarget(again.state, event, 3, null).state.pins[0].context).toEqual({
      start: 4_000,
      end: 6_000,
    })
  })

  it('escapes brackets in labels so the link stays a link', () => {
    const { state } = pinTarget(createPostmortemState(), { type: 'frame', func: 'f[0]' }, 1, null)
    expect(state.doc.sections.at(-1)!.body).toBe('- [E1: f\\[0\\]](#pin=p1)')
  })
})

describe('a pinned group’s heading names what it counts', () => {
  const fixture = (path: string) => `src/parse/${path}`
  const pinHeading = async (path: string, pick: (g: Group) => boolean) => {
    const incident = selectSnapshot(await parseFixture(fixture(path)), null)
    const group = computeGroups(incident).find(pick)!
    return resolvePin(incident, groupTarget(incident, group, { type: 'lines' }), []).heading
  }

  it('goroutines in a Go dump, as many as the text holds in that state', async () => {
    const path = 'go/__fixtures__/local-go119-gen-dump-n2000-churn.txt'
    const text = readFileSync(fixture(path), 'utf8')
    // The goroutines parked in the singleflight group, by their stacks' own line.
    const blocks = text.split('\n\n').filter((b) => /^goroutine \d+ \[semacquire/.test(b))
    const inDo = blocks.filter((b) => b.includes('singleflight.go:33')).length
    expect(inDo).toBeGreaterThan(1000)
    const heading = await pinHeading(path, (g) => g.label.includes('singleflightGroup'))
    expect(heading).toBe(`${inDo.toLocaleString('en-US')} goroutines · semacquire`)
  })

  it('a leak by its bytes and allocations, not as records again', async () => {
    const path = 'sanitizer/__fixtures__/issue-iniparser-123-lsan-direct-indirect.txt'
    const text = readFileSync(fixture(path), 'utf8')
    const [, bytes, objects] = /Direct leak of (\d+) byte\(s\) in (\d+) object/.exec(text)!
    const heading = await pinHeading(path, (g) => g.states[0]?.state === 'direct leak')
    expect(heading).toBe(`${bytes} B in ${objects} allocations · direct leak`)
  })

  it('a massif tree by its bytes alone: massif counts no allocations', async () => {
    const heading = await pinHeading('massif/__fixtures__/ms_print-leaky_cache.txt', () => true)
    expect(heading).toMatch(/^\d[\d,]* records? · [\d,]+ B( · [a-z ]+)?$/)
    expect(heading).not.toContain('allocations')
  })
})
