import { describe, expect, it } from 'vitest'
import { incidentFromStacks } from '../../test/incident-from-stacks'
import { pinContextOf, pinDestination } from './pin-context'
import { resolvePin } from './pins'
import type { Pin } from './types'

describe('a pinned event opens with the range it was pinned in', () => {
  const instant: Pin = {
    id: 'p1',
    label: 'E1: boom',
    createdAt: 1,
    target: { type: 'range', start: 5_000, end: 5_000 },
  }

  it('replaces the instant with the stored range', () => {
    const resolved = resolvePin(incidentFromStacks('a'), instant.target, [])
    expect(resolved.destination).toMatchObject({ start: 5_000, end: 5_000 })
    const pinned = { ...instant, context: { start: 1_000, end: 9_000 } }
    expect(pinDestination(pinned, resolved)).toEqual({
      view: 'timeline',
      start: 1_000,
      end: 9_000,
    })
  })

  it('leaves a pin without a range, and other views, as they resolve', () => {
    const resolved = resolvePin(incidentFromStacks('a'), instant.target, [])
    expect(pinDestination(instant, resolved)).toBe(resolved.destination)
    const stacks = { ...resolved, destination: { view: 'flame' as const, func: 'a' } }
    expect(pinDestination({ ...instant, context: { start: 1, end: 2 } }, stacks)).toBe(
      stacks.destination,
    )
  })

  it('stores the brushed range, else the whole chart', () => {
    expect(pinContextOf([2_000, 3_000], 0, 10_000)).toEqual({ start: 2_000, end: 3_000 })
    expect(pinContextOf(null, 0, 10_000)).toEqual({ start: 0, end: 10_000 })
  })
})
