import type { Incident } from '../../model/types'
import { eventClockInOrder, firstAfter, firstAtOrAfter } from '../../model/timeline/time-order'

/**
 * Event indices on one clock within a range, in time order. Events of one source arrive in
 * time order already, so the sort only runs when several sources interleave.
 */
export function getEventsInRange(
  incident: Incident,
  clock: 'absolute' | 'relative',
  range: [number, number] | null,
): Int32Array {
  const { time, relative, length } = incident.events
  if (eventClockInOrder(incident.events) === clock) {
    // One run of indices: found by binary search, not by a look at each event.
    const first = range ? firstAtOrAfter(time, range[0], 0, length) : 0
    const end = range ? firstAfter(time, range[1], first, length) : length
    const run = new Int32Array(Math.max(0, end - first))
    for (let k = 0; k < run.length; k++) run[k] = first + k
    return run
  }
  const want = clock === 'relative' ? 1 : 0
  const picked = new Int32Array(length)
  let n = 0
  let sorted = true
  let last = -Infinity
  for (let i = 0; i < length; i++) {
    const t = time[i]
    if (relative[i] !== want || Number.isNaN(t)) continue
    if (range && (t < range[0] || t > range[1])) continue
    if (t < last) sorted = false
    last = t
    picked[n++] = i
  }
  const out = picked.slice(0, n)
  return sorted ? out : out.sort((a, b) => time[a] - time[b] || a - b)
}
