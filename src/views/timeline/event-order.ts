import type { Incident } from '../../model/types'

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
