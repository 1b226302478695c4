import { describe, expect, it } from 'vitest'
import { parseText } from '../../test/incident-snapshot'
import { tenSnapshots } from '../../test/memleak-snapshots'
import { pinnedSnapshot, pinSnapshotText, snapshotOfPin } from './pin-snapshot'
import type { Pin, PinTarget } from './types'

const group: PinTarget = { type: 'group', mode: { type: 'lines' }, funcs: ['f'], locations: [''] }
const event: PinTarget = { type: 'event', source: 'fp', line: 3, time: null, text: 'x' }
const pin = (snapshot?: number): Pin => ({
  id: 'p1',
  target: group,
  label: 'E1',
  createdAt: 0,
  ...(snapshot === undefined ? {} : { snapshot }),
})

describe('the snapshot a pin is of', () => {
  it('is the one shown when a group or frame is pinned, for inputs with several', async () => {
    const text = tenSnapshots()
    const times = [...text.matchAll(/^\[(\d\d:\d\d:\d\d)\] Top 10/gm)].map((m) => m[1])
    const incident = await parseText(text, 'memleak.txt')
    expect(incident.snapshots).toHaveLength(times.length)
    // The last unless another is chosen, as the picker shows.
    expect(pinnedSnapshot(incident, null, group)).toBe(times.length - 1)
    expect(pinnedSnapshot(incident, 3, group)).toBe(3)
    expect(pinnedSnapshot(incident, 3, { type: 'frame', func: 'f' })).toBe(3)
    // An event has its own time, not a snapshot's.
    expect(pinnedSnapshot(incident, 3, event)).toBeUndefined()
    expect(pinSnapshotText(incident, 3)).toBe(`snapshot 4 of ${times.length} (${times[3]})`)
  })

  it('is read back only where the loaded input has it', async () => {
    const incident = await parseText(tenSnapshots(), 'memleak.txt')
    expect(snapshotOfPin(incident, pin(3))).toBe(3)
    expect(snapshotOfPin(incident, pin())).toBeNull()
    expect(snapshotOfPin(incident, pin(99))).toBeNull()
    const one = await parseText(tenSnapshots().split('[17:35:55]')[0], 'memleak.txt')
    expect(one.snapshots).toHaveLength(1)
    expect(pinnedSnapshot(one, null, group)).toBeUndefined()
    expect(snapshotOfPin(one, pin(0))).toBeNull()
  })
})
