import { describe, expect, it } from 'vitest'
import { setActionItems, emptyActionItem } from './action-items'
import { createPostmortemState, updateSection } from './document'
import { computeMarkdown, unlinkPins } from './markdown'
import type { ResolvedPin } from './pins'
import { addNote, pinTarget } from './postmortem'
import type { PostmortemState } from './types'

const resolved: ResolvedPin = {
  type: 'group',
  found: true,
  heading: '2,002 records · semacquire',
  code: ['sync.runtime_Semacquire  sema.go:62', 'net.lookupIPDeadline  lookup.go:101'],
  meta: ['top application frame: main.resolve'],
  destination: null,
}

function sample(): PostmortemState {
  let state = createPostmortemState('DNS lookups pile up')
  state = {
    ...state,
    doc: {
      ...state.doc,
      severity: 'SEV2',
      owner: 'ana',
      times: {
        ...state.doc.times,
        impactStart: Date.UTC(2024, 2, 5, 14, 0),
        detected: Date.UTC(2024, 2, 5, 14, 5),
      },
    },
  }
  const summary = state.doc.sections[0]
  state = {
    ...state,
    doc: updateSection(state.doc, summary.id, { body: 'Goroutines | piled up.' }),
  }
  state = pinTarget(state, { type: 'frame', func: 'net.lookupIPDeadline' }, 1, {
    sectionId: summary.id,
    offset: 10,
  }).state
  const impact = state.doc.sections[1]
  state = {
    ...state,
    doc: updateSection(state.doc, impact.id, { skipped: true, body: 'secret draft' }),
  }
  const actions = state.doc.sections.find((s) => s.kind === 'actions')!
  state = {
    ...state,
    doc: updateSection(state.doc, actions.id, {
      body: setActionItems('', [{ ...emptyActionItem(), what: 'Add a DNS timeout', owner: 'bob' }]),
    }),
  }
  return addNote(state, { type: 'frame', func: 'net.lookupIPDeadline' }, 'No deadline here', 2)
    .state
}

describe('Markdown export', () => {
  it('writes the header, the sections, the evidence in full and the notes', () => {
    const md = computeMarkdown(sample(), () => resolved)
    expect(md).toContain('# DNS lookups pile up\n')
    expect(md).toContain(
      '**Severity:** SEV2 · **Status:** draft · **Owner:** ana · **Services:** not set',
    )
    expect(md).toContain('| Detected | 2024-03-05 14:05:00 UTC | time to detect 5m 00s |')
    expect(md).toContain('## Summary\n\nGoroutines **E1: net.lookupIPDeadline** | piled up.')
    expect(md).not.toContain('## Impact')
    expect(md).not.toContain('secret draft')
    expect(md).toContain('| Add a DNS timeout | prevent | bob |  |  | open |')
    expect(md).toContain(
      '## Supporting evidence\n\n- **E1: net.lookupIPDeadline**: 2,002 records · semacquire\n  top application frame: main.resolve\n\n  ```\n  sync.runtime_Semacquire  sema.go:62\n',
    )
    expect(md).toContain('## Notes on the evidence\n\n- **net.lookupIPDeadline**: No deadline here')
    expect(md).toContain('## Detection\n\n_Not written yet._')
    // Nothing that only Debrief understands, and no HTML.
    expect(md).not.toContain('#pin=')
    expect(md).not.toMatch(/<[a-z]/i)
  })

  it('lists pins the evidence section no longer names', () => {
    const state = sample()
    const evidence = state.doc.sections.find((s) => s.kind === 'evidence')!
    const md = computeMarkdown(
      { ...state, doc: updateSection(state.doc, evidence.id, { body: 'See below.' }) },
      () => resolved,
    )
    expect(md).toContain('## Supporting evidence\n\nSee below.\n- **E1: net.lookupIPDeadline**')
  })

  it('fences code that holds backticks with a longer fence', () => {
    const md = computeMarkdown(sample(), () => ({ ...resolved, code: ['a ``` b'] }))
    expect(md).toContain('  ````\n  a ``` b\n  ````')
  })

  it.each([
    ['plain', 'see [E1: x](#pin=p1).', 'see **E1: x**.'],
    ['escaped brackets', '[E2: f\\[0\\]](#pin=p2)', '**E2: f\\[0\\]**'],
    ['other links stay', '[docs](https://example.com)', '[docs](https://example.com)'],
  ])('unlinks pins: %s', (_, input, want) => {
    expect(unlinkPins(input)).toBe(want)
  })
})
