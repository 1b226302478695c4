import { describe, expect, it } from 'vitest'
import { createPostmortemState } from './document'
import { addMarker, pinTarget } from './postmortem'
import { computeTimelineSection } from './timeline-section'

const at = (d: number, h: number, m: number, s = 0) => Date.UTC(2024, 2, d, h, m, s)

describe('the Timeline section from the data', () => {
  it('is empty when nothing has a time', () => {
    expect(computeTimelineSection(createPostmortemState())).toBe('')
  })

  it('lists key times, markers and pinned events in time order, in UTC, by date', () => {
    let state = createPostmortemState()
    state = {
      ...state,
      doc: {
        ...state.doc,
        times: { ...state.doc.times, impactStart: at(5, 23, 50), resolved: at(6, 1, 0) },
      },
    }
    state = addMarker(state, at(6, 0, 10), 'Rolled back to v41', 'mitigation').state
    state = addMarker(state, at(5, 23, 58), 'Pager fired', 'detection').state
    state = pinTarget(
      state,
      {
        type: 'event',
        source: 'fp',
        line: 3,
        time: at(5, 23, 55, 7),
        text: 'panic: nil map\nwrite',
      },
      1,
    ).state
    state = pinTarget(
      state,
      { type: 'event', source: 'fp', line: 9, time: 1500, relative: true, text: 'oops' },
      2,
    ).state
    expect(computeTimelineSection(state)).toBe(
      [
        '### 2024-03-05 (UTC)',
        '',
        '- 23:50:00 **Impact started**',
        '- 23:55:07 panic: nil map write ([E1: panic: nil map write](#pin=p1))',
        '- 23:58:00 **Detection**: Pager fired',
        '',
        '### 2024-03-06 (UTC)',
        '',
        '- 00:10:00 **Mitigation**: Rolled back to v41',
        '- 01:00:00 **Resolved**',
        '',
        '### Since boot or process start',
        '',
        '- +1.500 s oops ([E2: oops](#pin=p2))',
      ].join('\n'),
    )
  })

  it('writes a pinned range with its length', () => {
    const state = pinTarget(
      createPostmortemState(),
      { type: 'range', start: at(5, 10, 0), end: at(5, 10, 12, 30), label: 'error burst' },
      1,
    ).state
    expect(computeTimelineSection(state)).toContain(
      '- 10:00:00 error burst for 12m 30s ([E1: error burst](#pin=p1))',
    )
  })
})
