import { describe, expect, it } from 'vitest'
import {
  addSection,
  computeDurations,
  createDocument,
  ensureSection,
  formatDuration,
  insertAt,
  moveSection,
  nextId,
  parseUtcInput,
  removeSection,
  titleFromMessage,
  toUtcInputValue,
} from './document'

describe('the template', () => {
  it('starts with the sections in the order the postmortem guides use', () => {
    expect(createDocument('x').sections.map((s) => s.title)).toEqual([
      'Summary',
      'Impact',
      'Detection',
      'Response and recovery',
      'Timeline',
      'Contributing factors / root cause',
      'What went well / badly / where we got lucky',
      'Action items',
      'Supporting evidence',
    ])
    expect(createDocument().status).toBe('draft')
  })

  it('puts a deleted section back at its template position', () => {
    // Guards against "pin" writing into nowhere after the team deleted Supporting evidence.
    let doc = createDocument()
    const timeline = doc.sections.find((s) => s.kind === 'timeline')!
    doc = removeSection(doc, timeline.id)
    const [next, section] = ensureSection(doc, 'timeline')
    expect(next.sections.map((s) => s.kind).indexOf('timeline')).toBe(4)
    expect(section.id).toBe('s10')
    expect(ensureSection(next, 'timeline')[0]).toBe(next)
  })

  it('adds custom sections before the evidence and moves sections', () => {
    const doc = addSection(createDocument(), 'Glossary')
    expect(doc.sections.at(-2)!.title).toBe('Glossary')
    const moved = moveSection(doc, doc.sections[0].id, 1)
    expect(moved.sections[1].title).toBe('Summary')
    expect(moveSection(doc, doc.sections[0].id, -1)).toBe(doc)
  })
})

describe('nextId', () => {
  it.each([
    [[], 'p1'],
    [['p1', 'p2'], 'p3'],
    [['p9', 'p2', 'n40'], 'p10'],
    [['px', 'p'], 'p1'],
  ] as [string[], string][])('after %j is %s', (existing, want) => {
    expect(nextId('p', existing)).toBe(want)
  })
})

describe('insertAt', () => {
  it.each([
    ['empty', '', 0, '[R]'],
    ['between words', 'ab cd', 2, 'ab [R] cd'],
    ['inside a word', 'abcd', 2, 'ab [R] cd'],
    ['at the end', 'ab', 2, 'ab [R]'],
    ['past the end', 'ab ', 99, 'ab [R]'],
  ])('%s', (_, body, caret, want) => {
    expect(insertAt(body, caret, '[R]')).toBe(want)
  })
})

describe('durations', () => {
  const t0 = Date.UTC(2024, 2, 5, 14, 0, 0)
  it('counts time to detect, mitigate and resolve from the start of impact', () => {
    expect(
      computeDurations({
        impactStart: t0,
        detected: t0 + 5 * 60e3,
        mitigated: t0 + 65 * 60e3,
        resolved: null,
      }),
    ).toEqual({ detect: 300e3, mitigate: 3900e3, resolve: null })
    expect(
      computeDurations({ impactStart: null, detected: t0, mitigated: null, resolved: null }).detect,
    ).toBeNull()
  })

  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [750_000, '12m 30s'],
    [3_900_000, '1h 05m'],
    [90_000_000, '1d 1h 00m'],
    [-60_000, '-1m 00s'],
  ])('formats %d ms as %s', (ms, want) => {
    expect(formatDuration(ms)).toBe(want)
  })
})

describe('UTC inputs', () => {
  it.each([
    ['2024-03-05T14:02', Date.UTC(2024, 2, 5, 14, 2)],
    ['2024-03-05 14:02:11', Date.UTC(2024, 2, 5, 14, 2, 11)],
    ['2024-03-05T14:02:11.5Z', Date.UTC(2024, 2, 5, 14, 2, 11, 500)],
    ['2024-03-05 14:02 UTC', Date.UTC(2024, 2, 5, 14, 2)],
    ['', null],
    ['yesterday', null],
  ])('reads %j', (text, want) => {
    expect(parseUtcInput(text)).toBe(want)
  })

  it('round-trips through the input value', () => {
    const t = Date.UTC(2024, 2, 5, 14, 2, 11)
    expect(parseUtcInput(toUtcInputValue(t))).toBe(t)
    expect(toUtcInputValue(null)).toBe('')
  })
})

describe('a title from a crash message', () => {
  // Seed 001's kernel line, as the crash's message.
  const message =
    'haproxy[610] user-mode read of a not-present page at 0x7fdb0426e000 in ld-musl-x86_64.so.1 at offset 0x5105b'

  it('is cut between words, with an ellipsis, never inside a name', () => {
    const title = titleFromMessage(message)
    expect(title.length).toBeLessThanOrEqual(80)
    expect(title.endsWith('…')).toBe(true)
    const kept = title.slice(0, -1)
    expect(message.startsWith(kept)).toBe(true)
    expect(message[kept.length]).toBe(' ')
  })

  it('keeps a short message whole', () => {
    expect(titleFromMessage('unexpected signal during runtime execution')).toBe(
      'unexpected signal during runtime execution',
    )
  })

  it('cuts a message without spaces at 80 characters', () => {
    const title = titleFromMessage('x'.repeat(200))
    expect(title).toHaveLength(80)
  })
})
