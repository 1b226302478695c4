import { describe, expect, it } from 'vitest'
import {
  clockOfSetting,
  findDumpTakenAt,
  findSourceClock,
  resolveSourceClocks,
  setSourceClock,
  withDumpTakenAt,
} from './clocks'
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

  it("keep a source's year and dump times beside its offset, and drop them when cleared", () => {
    let state = setSourceClock(createPostmortemState('t'), app, { offsetMs: 0, year: 2024 })
    expect(state.clocks).toEqual([{ ...app, offsetMs: 0, year: 2024 }])
    // A change to the offset made from the saved setting keeps the year.
    state = setSourceClock(state, app, { ...clockOfSetting(state.clocks[0]), offsetMs: 5 })
    state = setSourceClock(state, app, withDumpTakenAt(clockOfSetting(state.clocks[0]), 7, 1000))
    expect(state.clocks).toEqual([
      { ...app, offsetMs: 5, year: 2024, dumpsTakenAt: [{ line: 7, time: 1000 }] },
    ])
    expect(findDumpTakenAt(state.clocks, app, 7)).toBe(1000)
    expect(findDumpTakenAt(state.clocks, app, 8)).toBeUndefined()
    expect(resolveSourceClocks([app], state.clocks)).toEqual([
      { offsetMs: 5, bootTimeMs: undefined, year: 2024 },
    ])
    // Cleared one by one, nothing is left.
    state = setSourceClock(
      state,
      app,
      withDumpTakenAt(clockOfSetting(state.clocks[0]), 7, undefined),
    )
    state = setSourceClock(state, app, { ...clockOfSetting(state.clocks[0]), offsetMs: 0 })
    expect(state.clocks).toEqual([{ ...app, offsetMs: 0, year: 2024 }])
    state = setSourceClock(state, app, { ...clockOfSetting(state.clocks[0]), year: undefined })
    expect(state.clocks).toEqual([])
  })
})
