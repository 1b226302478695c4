import { describe, expect, it } from 'vitest'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import { useIncidentStore } from '../store'

describe('flame slice', () => {
  it('starts afresh for a new incident but keeps display preferences', () => {
    // Guards against a zoom path of frame indices from one input applied to another.
    const store = useIncidentStore
    store.setState({ incident: incidentFromStacks('a;b') })
    const s = store.getState()
    s.setFlameWeight('wait')
    s.setFlameOrder('name')
    s.setFlameFocus([0, 1])
    s.setFlameSelection([0])
    s.setFlameSearch('b')
    s.setFlameMode({ type: 'sandwich', func: 1 })
    expect(store.getState().flameFocus).toEqual([])
    s.setFlameFocus([0, 1])
    store.setState({ incident: incidentFromStacks('c') })
    const next = store.getState()
    expect([next.flameWeight, next.flameFocus, next.flameSelection, next.flameSearch]).toEqual([
      null,
      [],
      null,
      '',
    ])
    expect(next.flameMode).toEqual({ type: 'graph' })
    expect(next.flameOrder).toBe('name')
  })
})
