import type { Incident, IndexIntoRecordTable, Milliseconds } from '../types'
import { keepRecords } from '../record-subset'
import { EventKind } from '../types'

/**
 * The timeline's brush applied to records: Stacks and Flame then show only what happened in
 * the selected range. A record has a time when its input says when it was seen:
 * - its own line is a timeline event (a kernel `segfault at …` line, a crash), at that time;
 * - else its own `time` (a memleak snapshot's `[HH:MM:SS]`, a Node report's dump time);
 * - else its snapshot's time (one of several dumps in a file).
 * Other records (the goroutines of an undated dump) have no time and are kept.
 */

/** Each record's time on the timeline's clock, or NaN. */
export function computeRecordTimes(
  clocked: Incident,
  clock: 'absolute' | 'relative',
): Float64Array {
  const r = clocked.records
  const e = clocked.events
  const want = clock === 'relative' ? 1 : 0
  const out = new Float64Array(r.length).fill(NaN)
  // Crash-like events by source and line: the lines records start on.
  const eventTime = new Map<number, number>()
  for (let i = 0; i < e.length; i++) {
    const k = e.kind[i]
    if (k !== EventKind.crash && k !== EventKind.signal && k !== EventKind.segfault) continue
    if (e.relative[i] !== want || Number.isNaN(e.time[i])) continue
    const key = e.source[i] * 2 ** 32 + e.line[i]
    if (!eventTime.has(key)) eventTime.set(key, e.time[i])
  }
  for (let i = 0; i < r.length; i++) {
    const fromEvent = eventTime.get(r.source[i] * 2 ** 32 + r.line[i])
    if (fromEvent !== undefined) {
      out[i] = fromEvent
      continue
    }
    // Records' and snapshots' own times are wall-clock.
    if (want === 1) continue
    if (!Number.isNaN(r.time[i])) out[i] = r.time[i]
    else if (r.snapshot[i] >= 0) {
      const t = clocked.snapshots[r.snapshot[i]]?.time
      if (t !== undefined) out[i] = t
    }
  }
  return out
}

/** What the brush did to the records. */
export type TimeFilter = {
  /** The incident with only the records kept (the same object when nothing was dropped). */
  incident: Incident
  /** Records in the range. */
  inRange: number
  /** Records without a time, kept. */
  timeless: number
  /** Records outside the range, dropped. */
  dropped: number
}

/** Keeps the records whose time is in `range` (inclusive) and those without a time. */
export function filterRecordsByTime(
  incident: Incident,
  times: Float64Array,
  range: readonly [Milliseconds, Milliseconds],
): TimeFilter {
  const n = incident.records.length
  const keep: IndexIntoRecordTable[] = []
  let inRange = 0
  let timeless = 0
  for (let i = 0; i < n; i++) {
    const t = times[i]
    if (Number.isNaN(t)) timeless++
    else if (t >= range[0] && t <= range[1]) inRange++
    else continue
    keep.push(i)
  }
  const dropped = n - keep.length
  if (dropped === 0) return { incident, inRange, timeless, dropped }
  return { incident: keepRecords(incident, keep), inRange, timeless, dropped }
}
