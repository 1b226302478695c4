import { describe, expect, it } from 'vitest'
import { findSourceClock, resolveSourceClocks, setSourceClock } from './clocks'
import { createPostmortemState } from './document'

const app = { name: 'app.log', fingerprint: 'fp-app' }
const dmesg = { name: 'dmesg.txt', fingerprint: 'fp-dmesg' }

describe('source clock settings', () => {
  it('are set, changed and removed per input', () => {
    let state = createPostmortemState('t')
    state = setSourceClock(state, app, { offsetMs: 7_200_000 })
    state = setSourceClock(state, dmesg, { offsetMs: 0, bootTimeMs: 1000 })
    state = setSourceClock(state, app, { offsetMs: -90_000 })
    expect(state.clocks).toEqual([
      { ...dmesg, offsetMs: 0, bootTimeMs: 1000 },
      { ...app, offsetMs: -90_000 },
    ])
    // A clock that moves nothing is not kept.
    state = setSourceClock(state, app, { offsetMs: 0 })
    expect(state.clocks).toEqual([{ ...dmesg, offsetMs: 0, bootTimeMs: 1000 }])
  })

  it('leaves the state alone when nothing changes', () => {
    const state = createPostmortemState('t')
    expect(setSourceClock(state, app, { offsetMs: 0 })).toBe(state)
  })

  it('resolve to source indices by name and fingerprint', () => {
    const state = setSourceClock(createPostmortemState('t'), dmesg, {
      offsetMs: 5,
      bootTimeMs: 1000,
    })
    expect(resolveSourceClocks([app, dmesg], state.clocks)).toEqual([
      undefined,
      { offsetMs: 5, bootTimeMs: 1000 },
    ])
  })

  it('find a renamed copy of the same file by its fingerprint', () => {
    const settings = [{ ...app, offsetMs: 1 }]
    expect(findSourceClock(settings, { name: 'app-copy.log', fingerprint: 'fp-app' })).toBe(
      settings[0],
    )
    // Two inputs with one fingerprint and other names: neither is guessed.
    const two = [
      { name: 'a', fingerprint: 'same', offsetMs: 1 },
      { name: 'b', fingerprint: 'same', offsetMs: 2 },
    ]
    expect(findSourceClock(two, { name: 'b', fingerprint: 'same' })).toBe(two[1])
    expect(findSourceClock(two, { name: 'c', fingerprint: 'same' })).toBeUndefined()
  })
})
