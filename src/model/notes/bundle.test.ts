import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BUNDLE_VERSION,
  BundleError,
  createBundle,
  looksLikeBundle,
  parseBundle,
  validateBundle,
  type DebriefBundle,
} from './bundle'
import { createPostmortemState } from './document'
import type { GroupMode } from '../group'
import { setSourceClock } from './clocks'
import { addMarker, addNote, pinTarget } from './postmortem'

function sample(): DebriefBundle {
  let state = createPostmortemState('cgo crash')
  state = pinTarget(
    state,
    {
      type: 'group',
      mode: { type: 'top', frames: 3 },
      funcs: ['a', 'b'],
      locations: ['a.go:1', ''],
      state: 'running',
    },
    1,
  ).state
  state = pinTarget(
    state,
    { type: 'event', source: 'fp', line: 2, time: 1_700_000_030_000, text: 'x' },
    2,
    null,
    undefined,
    { start: 1_700_000_000_000, end: 1_700_000_060_000 },
  ).state
  state = pinTarget(
    state,
    { type: 'lines', source: 'fp', first: 1, last: 2, text: ['l1', 'l2'] },
    3,
  ).state
  state = pinTarget(state, { type: 'range', start: 1, end: 2 }, 4).state
  state = addMarker(state, 5, 'rollback', 'mitigation').state
  state = pinTarget(state, { type: 'marker', markerId: 'm1' }, 6).state
  state = addNote(
    state,
    { type: 'frame', func: 'f', file: 'f.go', line: 3, path: ['main', 'f'] },
    'hmm',
    7,
  ).state
  state = setSourceClock(state, { name: 'crash.txt', fingerprint: 'fp' }, { offsetMs: -90_000 })
  state = setSourceClock(
    state,
    { name: 'dmesg.txt', fingerprint: 'fp2' },
    { offsetMs: 0, bootTimeMs: 1_700_000_000_000 },
  )
  state = setSourceClock(
    state,
    { name: 'messages', fingerprint: 'fp3' },
    { offsetMs: 0, year: 2024, dumpsTakenAt: [{ line: 40, time: 1_700_000_600_000 }] },
  )
  return createBundle(
    state,
    [
      {
        name: 'crash.txt',
        bytes: 3,
        fingerprint: 'fp',
        content: { encoding: 'utf8', data: 'abc' },
      },
    ],
    { activeView: 'stacks', groupMode: { type: 'lines' }, search: 'net.' },
    8,
  )
}

describe('.debrief bundles', () => {
  it('round-trip through JSON unchanged', () => {
    const bundle = sample()
    expect(parseBundle(JSON.stringify(bundle))).toEqual(bundle)
  })

  it('carry a pin and a view in every grouping mode the table offers, labels included', () => {
    const modes: GroupMode[] = [
      { type: 'exact' },
      { type: 'lines' },
      { type: 'functions' },
      { type: 'top', frames: 5 },
      { type: 'firstApp' },
      { type: 'createdBy' },
      { type: 'state' },
      { type: 'labels' },
      { type: 'label', key: 'pid' },
    ]
    for (const mode of modes) {
      const bundle = sample()
      const pinned = pinTarget(
        bundle.state,
        { type: 'group', mode, funcs: ['a'], locations: ['a.go:1'] },
        9,
      ).state
      const withMode = { ...bundle, state: pinned, view: { ...bundle.view, groupMode: mode } }
      expect(parseBundle(JSON.stringify(withMode))).toEqual(withMode)
    }
  })

  it('refuse a grouping mode the table has no name for', () => {
    for (const mode of [
      { type: 'top', frames: 1.5 },
      { type: 'top', frames: 0 },
      { type: 'label', key: 'two words' },
      { type: 'label' },
      { type: 'sideways' },
    ]) {
      const bundle = sample()
      const bad = { ...bundle, view: { ...bundle.view, groupMode: mode } }
      expect(() => parseBundle(JSON.stringify(bad))).toThrow(/view\.groupMode/)
    }
  })

  it('read schema 1, which had no clocks', () => {
    const state: Partial<DebriefBundle['state']> = { ...sample().state }
    delete state.clocks
    const v1 = { ...sample(), version: 1, state }
    const read = validateBundle(JSON.parse(JSON.stringify(v1)))
    expect(read.state.clocks).toEqual([])
    expect(read.state.markers).toEqual(sample().state.markers)
  })

  it('carry clock offsets and boot times', () => {
    expect(parseBundle(JSON.stringify(sample())).state.clocks).toEqual([
      { name: 'crash.txt', fingerprint: 'fp', offsetMs: -90_000 },
      { name: 'dmesg.txt', fingerprint: 'fp2', offsetMs: 0, bootTimeMs: 1_700_000_000_000 },
      {
        name: 'messages',
        fingerprint: 'fp3',
        offsetMs: 0,
        year: 2024,
        dumpsTakenAt: [{ line: 40, time: 1_700_000_600_000 }],
      },
    ])
  })

  it('carry the transform stack, and read bundles that have none', () => {
    const bundle = sample()
    expect(bundle.state.transforms).toBeUndefined()
    expect(parseBundle(JSON.stringify(bundle)).state.transforms).toBeUndefined()
    const tf = {
      ...bundle,
      state: { ...bundle.state, transforms: 'merge:runtime.gopark,hide:stdlib' },
    }
    expect(parseBundle(JSON.stringify(tf))).toEqual(tf)
    const bad = { ...bundle, state: { ...bundle.state, transforms: 'squash:x' } }
    expect(() => parseBundle(JSON.stringify(bad))).toThrow(/state\.transforms should be transforms/)
  })

  it('keep the range an event was pinned with, and read pins that have none', () => {
    const bundle = sample()
    const event = bundle.state.pins.find((p) => p.target.type === 'event')!
    expect(parseBundle(JSON.stringify(bundle)).state.pins).toContainEqual({
      ...event,
      context: { start: 1_700_000_000_000, end: 1_700_000_060_000 },
    })
    // A bundle written before pins kept a range.
    const old = {
      ...bundle,
      state: { ...bundle.state, pins: bundle.state.pins.map(({ context: _, ...p }) => p) },
    }
    const read = parseBundle(JSON.stringify(old)).state.pins
    expect(read.map((p) => p.id)).toEqual(bundle.state.pins.map((p) => p.id))
    expect(read.every((p) => p.context === undefined)).toBe(true)
    const reversed = {
      ...bundle,
      state: {
        ...bundle.state,
        pins: bundle.state.pins.map((p) =>
          p === event ? { ...p, context: { start: 9, end: 1 } } : p,
        ),
      },
    }
    expect(() => parseBundle(JSON.stringify(reversed))).toThrow(/context\.end should be a time/)
  })

  it('keep the snapshot a group was pinned in, and refuse one that is not a place', () => {
    const bundle = sample()
    const group = bundle.state.pins.find((p) => p.target.type === 'group')!
    const pinned = {
      ...bundle,
      state: {
        ...bundle.state,
        pins: bundle.state.pins.map((p) => (p === group ? { ...p, snapshot: 2 } : p)),
      },
    }
    expect(parseBundle(JSON.stringify(pinned)).state.pins).toContainEqual({ ...group, snapshot: 2 })
    for (const bad of [-1, 1.5, '2']) {
      const damaged = {
        ...bundle,
        state: {
          ...bundle.state,
          pins: bundle.state.pins.map((p) => (p === group ? { ...p, snapshot: bad } : p)),
        },
      }
      expect(() => parseBundle(JSON.stringify(damaged))).toThrow(/snapshot should be/)
    }
  })

  it('drop fields they do not know', () => {
    const json = { ...sample(), extra: 1, state: { ...sample().state, extra: 2 } }
    expect(validateBundle(json)).toEqual(sample())
  })

  const damaged: [string, (b: Record<string, unknown> & DebriefBundle) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "debrief-bundle", ', /not valid JSON/],
    [
      'another JSON file',
      () => ({ name: 'package' }),
      /not a Debrief bundle: its "format" is missing/,
    ],
    ['a list', () => [], /holds no object/],
    [
      'a newer schema',
      (b) => ({ ...b, version: BUNDLE_VERSION + 1 }),
      new RegExp(`newer Debrief \\(schema ${BUNDLE_VERSION + 1}\\)`),
    ],
    [
      'a bad version',
      (b) => ({ ...b, version: 'one' }),
      /bundle\.version should be a whole number/,
    ],
    [
      'a section without a body',
      (b) => ({
        ...b,
        state: {
          ...b.state,
          doc: { ...b.state.doc, sections: [{ ...b.state.doc.sections[0], body: 3 }] },
        },
      }),
      /bundle\.state\.doc\.sections\[0\]\.body should be text, not 3/,
    ],
    [
      'an unknown pin type',
      (b) => ({
        ...b,
        state: { ...b.state, pins: [{ ...b.state.pins[0], target: { type: 'widget' } }] },
      }),
      /pins\[0\]\.target\.type should be one of group, frame/,
    ],
    [
      'a bad status',
      (b) => ({ ...b, state: { ...b.state, doc: { ...b.state.doc, status: 'done' } } }),
      /doc\.status should be one of draft, in review, final/,
    ],
    [
      'duplicate pin ids',
      (b) => ({ ...b, state: { ...b.state, pins: [b.state.pins[0], b.state.pins[0]] } }),
      /pins\[1\]\.id should be an id used once/,
    ],
    [
      'an input without a fingerprint',
      (b) => ({ ...b, inputs: [{ name: 'x', bytes: 1 }] }),
      /inputs\[0\]\.fingerprint should be text, not nothing/,
    ],
    [
      'a bad encoding',
      (b) => ({ ...b, inputs: [{ ...b.inputs[0], content: { encoding: 'gzip', data: '' } }] }),
      /content\.encoding should be one of utf8, base64/,
    ],
    [
      'a marker time that is not a number',
      (b) => ({ ...b, state: { ...b.state, markers: [{ ...b.state.markers[0], time: '12:00' }] } }),
      /markers\[0\]\.time should be a number/,
    ],
    [
      'a clock offset typed as text',
      (b) => ({ ...b, state: { ...b.state, clocks: [{ ...b.state.clocks[0], offsetMs: '+2h' }] } }),
      /clocks\[0\]\.offsetMs should be a number/,
    ],
    [
      'a dump time typed as text',
      (b) => ({
        ...b,
        state: {
          ...b.state,
          clocks: [{ ...b.state.clocks[2], dumpsTakenAt: [{ line: 40, time: '12:00' }] }],
        },
      }),
      /clocks\[0\]\.dumpsTakenAt\[0\]\.time should be a number/,
    ],
  ]
  it.each(damaged)('are refused with a clear message: %s', (_, damage, message) => {
    const bad = damage(sample() as Record<string, unknown> & DebriefBundle)
    const text = typeof bad === 'string' ? bad : JSON.stringify(bad)
    expect(() => parseBundle(text)).toThrow(BundleError)
    expect(() => parseBundle(text)).toThrow(message)
  })

  it('never fail with anything but a BundleError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          validateBundle(value)
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('never let a mutated bundle through with a wrong type', () => {
    // Replace one leaf of a good bundle with a random value: either the bundle is refused,
    // or what comes back validates again to itself.
    const paths: (string | number)[][] = []
    const walk = (v: unknown, path: (string | number)[]) => {
      if (v && typeof v === 'object')
        for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k])
      else paths.push(path)
    }
    walk(sample(), [])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paths.length - 1 }), fc.jsonValue(), (i, value) => {
        const bundle = JSON.parse(JSON.stringify(sample()))
        let at = bundle
        for (const k of paths[i].slice(0, -1)) at = at[k]
        at[paths[i].at(-1)!] = value
        let out: DebriefBundle
        try {
          out = validateBundle(bundle)
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError)
          return
        }
        // Compared as JSON: a -0 from the generator is written as 0, which is the same value.
        expect(JSON.stringify(validateBundle(JSON.parse(JSON.stringify(out))))).toBe(
          JSON.stringify(out),
        )
      }),
      { numRuns: 300 },
    )
  })

  it.each([
    ['incident.debrief', 'anything', true],
    ['x.json', '{"format":"debrief-bundle","version":1}', true],
    ['x.json', '{"name":"pkg"}', false],
    ['crash.txt', 'goroutine 1 [running]:', false],
  ])('are recognised by name or first bytes: %s', (name, head, want) => {
    expect(looksLikeBundle(name, head)).toBe(want)
  })
})
