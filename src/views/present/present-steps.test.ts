import { describe, expect, it } from 'vitest'
import { createPostmortemState } from '../../model/notes/document'
import type { Pin } from '../../model/notes/types'
import { computePresentSteps } from './present-steps'

const pin = (id: string, createdAt: number): Pin => ({
  id,
  label: id,
  createdAt,
  target: { type: 'range', start: 0, end: 1 },
})

describe('presentation steps', () => {
  it('follows the document, skips skipped sections, then adds unmentioned pins oldest first', () => {
    const state = createPostmortemState('t')
    state.pins = [pin('p1', 1), pin('p2', 2), pin('p3', 3), pin('p4', 4)]
    state.doc.sections[0].body = 'First [E3](#pin=p3), then [E1](#pin=p1) and [E3](#pin=p3).'
    state.doc.sections[1].body = 'Hidden [E2](#pin=p2)'
    state.doc.sections[1].skipped = true
    expect(computePresentSteps(state).map((p) => p.id)).toEqual(['p3', 'p1', 'p2', 'p4'])
  })

  it('ignores references to deleted pins', () => {
    const state = createPostmortemState('t')
    state.doc.sections[0].body = '[gone](#pin=p9)'
    expect(computePresentSteps(state)).toEqual([])
  })
})
