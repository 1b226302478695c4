import { describe, expect, it } from 'vitest'
import { IncidentBuilder } from '../builder'
import { getDumpAnchor } from '../timeline/stuck-since'
import { EventKind } from '../types'
import type { Incident } from '../types'
import { setSourceClock } from './clocks'
import { createPostmortemState } from './document'
import { getUndatedDump } from './dump-taken-at'

const LOG_END = Date.UTC(2026, 2, 5, 21, 0) // the last dated line of the inputs
const DATED = Date.UTC(2026, 2, 5, 12, 47)
const BEFORE = Date.UTC(2026, 2, 5, 16, 20)
const SET = Date.UTC(2026, 2, 5, 16, 31)

/** One input with three dumps: dated by its crash line, dated only by a line before it, undated. */
function threeDumps(): Incident {
  const b = new IncidentBuilder()
  b.beginSource('supervisor.log', 10, 'fp-sup')
  b.addEvent({ time: LOG_END, kind: EventKind.log, line: 0 })
  const dump = { bytes: 0, allocations: 0, kind: 'dump' as const, format: 'go' }
  b.addSnapshot({ ...dump, label: 'dated', time: DATED, line: 10 })
  b.addSnapshot({ ...dump, label: 'line before', time: BEFORE, timeApprox: true, line: 200 })
  b.addSnapshot({ ...dump, label: 'undated', line: 400 })
  return b.build()
}

describe('the anchor of a dump (stuck since)', () => {
  it("is the dump's own time when a line dates it, even with a time set", () => {
    const incident = threeDumps()
    expect(getDumpAnchor(incident, 0)).toEqual({ time: DATED, approx: false, assumed: false })
    expect(getDumpAnchor(incident, 0, SET)).toEqual({ time: DATED, approx: false, assumed: false })
  })

  it('is the time set for an undated dump, no longer assumed', () => {
    const incident = threeDumps()
    expect(getDumpAnchor(incident, 2)).toEqual({ time: LOG_END, approx: true, assumed: true })
    expect(getDumpAnchor(incident, 2, SET)).toEqual({
      time: SET,
      approx: false,
      assumed: false,
      set: true,
    })
  })

  it('prefers the time set over the dated line before the dump', () => {
    const incident = threeDumps()
    expect(getDumpAnchor(incident, 1)).toEqual({ time: BEFORE, approx: true, assumed: false })
    expect(getDumpAnchor(incident, 1, SET)?.time).toBe(SET)
  })
})

describe('getUndatedDump', () => {
  const source = { name: 'supervisor.log', fingerprint: 'fp-sup' }

  it('finds the time set for the dump shown, by its input and first line', () => {
    const incident = threeDumps()
    let state = createPostmortemState('t')
    expect(getUndatedDump(incident, 2, state.clocks)?.takenAt).toBeUndefined()
    state = setSourceClock(state, source, getUndatedDump(incident, 2, state.clocks)!.clockWith(SET))
    expect(getUndatedDump(incident, 2, state.clocks)?.takenAt).toBe(SET)
    // The other undated dump of the same input has its own.
    expect(getUndatedDump(incident, 1, state.clocks)?.takenAt).toBeUndefined()
    // Cleared, the setting goes away.
    state = setSourceClock(
      state,
      source,
      getUndatedDump(incident, 2, state.clocks)!.clockWith(undefined),
    )
    expect(state.clocks).toEqual([])
  })

  it('is null for a dump a line dates, and for no dump', () => {
    const incident = threeDumps()
    expect(getUndatedDump(incident, 0, [])).toBeNull()
    expect(getUndatedDump(incident, null, [])).toBeNull()
  })

  it('keeps the offset and year of the input when a dump time is set', () => {
    const incident = threeDumps()
    const clocks = [{ ...source, offsetMs: 5000, year: 2024 }]
    expect(getUndatedDump(incident, 2, clocks)!.clockWith(SET)).toEqual({
      offsetMs: 5000,
      bootTimeMs: undefined,
      year: 2024,
      dumpsTakenAt: [{ line: 400, time: SET }],
    })
  })
})
