import type { Incident, LineNumber, Milliseconds, Series, SourceInfo } from '../types'
import { makeYearShifter } from './year-shift'

/**
 * Puts several sources on one time axis when their clocks disagree: each source's times are
 * moved by its own offset, and a source that only counts from boot (dmesg `[4838261.07]`)
 * becomes wall-clock once the team says when that machine booted. Like lnav's per-file time
 * offset and Grafana's per-query time shift, it changes what is shown, never the parse.
 */

/** How one source's clock is read onto the shared axis. */
export type SourceClock = {
  /** Added to every time of the source: +2h when it logged in UTC-2 read as UTC. */
  offsetMs: Milliseconds
  /** When the machine booted (epoch ms): a since-boot time t is then at `bootTimeMs + t`. */
  bootTimeMs?: Milliseconds
  /**
   * The year of the source's first date printed without one (BSD syslog): its dates move
   * from the year the parser assumed (`SourceInfo.assumedYear.first`) to this one.
   */
  year?: number
  /** When each of the source's dumps that no line dates was taken, as the team says. */
  dumpsTakenAt?: DumpTakenAt[]
}

/** One dump's time set by hand: the dump is named by its first line (`Snapshot.line`). */
export type DumpTakenAt = { line: LineNumber; time: Milliseconds }

/** True when the clock sets nothing. */
export function isIdentityClock(clock: SourceClock | undefined): boolean {
  return (
    !clock ||
    (clock.offsetMs === 0 &&
      clock.bootTimeMs === undefined &&
      clock.year === undefined &&
      !clock.dumpsTakenAt?.length)
  )
}

/** Years the source's dates move by under `clock` (0 unless the parser assumed a year). */
export function getYearShift(
  source: Pick<SourceInfo, 'assumedYear'> | undefined,
  clock: SourceClock | undefined,
): number {
  const assumed = source?.assumedYear
  return clock?.year === undefined || !assumed ? 0 : clock.year - assumed.first
}

/**
 * The incident with each source's times read through its clock (`clocks[source]`; a missing
 * entry leaves the source alone). Columns and series that no clock touches are shared with
 * the input, so memoised derivations of them stay valid; with no clock at all the input
 * itself comes back. One typed-array pass over the events: millions cost tens of ms.
 *
 * A series has no clock flag of its own: it counts from boot when its source's events all do
 * (the log format times a metric with its line's timestamp).
 */
export function applySourceClocks(
  incident: Incident,
  clocks: readonly (SourceClock | undefined)[],
): Incident {
  const n = incident.sources.length
  const offset = new Float64Array(n)
  // NaN: no anchor, since-boot times stay since-boot.
  const boot = new Float64Array(n).fill(NaN)
  // Per source: its wall-clock times in the year the team set, or null (no year to move).
  const toYear: (((t: Milliseconds) => Milliseconds) | null)[] = new Array(n).fill(null)
  let any = false
  for (let s = 0; s < n; s++) {
    const c = clocks[s]
    if (isIdentityClock(c)) continue
    any = true
    offset[s] = c!.offsetMs
    if (c!.bootTimeMs !== undefined) boot[s] = c!.bootTimeMs
    const years = getYearShift(incident.sources[s], c)
    if (years !== 0) toYear[s] = makeYearShifter(years)
  }
  if (!any) return incident

  const events = incident.events
  const { source, time: before, relative: rel, length } = events
  // Copied on the first event that moves: a clock on a source without events copies nothing.
  let time = before
  let relative = rel
  // Per source: has it any wall-clock event, any since-boot event (for its series' clock)?
  const hasAbsolute = new Uint8Array(n)
  const hasRelative = new Uint8Array(n)
  for (let i = 0; i < length; i++) {
    const s = source[i]
    let shift = offset[s]
    if (rel[i] === 1) {
      hasRelative[s] = 1
      const b = boot[s]
      if (b === b) {
        if (relative === rel) relative = new Uint8Array(rel)
        relative[i] = 0
        shift += b
      }
    } else {
      hasAbsolute[s] = 1
      const move = toYear[s]
      if (move !== null) shift += move(before[i]) - before[i]
    }
    if (shift === 0) continue
    if (time === before) time = new Float64Array(before)
    time[i] += shift
  }

  const shiftOf = (s: number, countsFromBoot: boolean): number => {
    if (s < 0 || s >= n) return 0
    const b = boot[s]
    return offset[s] + (countsFromBoot && b === b ? b : 0)
  }
  // A wall-clock time of source s on the shared axis.
  const wall = (s: number, t: Milliseconds): Milliseconds => {
    const move = s >= 0 && s < n ? toYear[s] : null
    return (move === null ? t : move(t)) + shiftOf(s, false)
  }
  const series = incident.series.map((x): Series => {
    const fromBoot = hasRelative[x.source] === 1 && hasAbsolute[x.source] === 0
    const shift = shiftOf(x.source, fromBoot)
    const move = fromBoot ? null : (toYear[x.source] ?? null)
    if (shift === 0 && move === null) return x
    const t = new Float64Array(x.time.length)
    for (let i = 0; i < t.length; i++) t[i] = (move === null ? x.time[i] : move(x.time[i])) + shift
    return { ...x, time: t }
  })
  // Snapshot and crash times are wall-clock when present (formats that only know since-boot
  // times leave them out), so only the offset and the year apply.
  const snapshots = incident.snapshots.map((x) => {
    if (x.time === undefined) return x
    const time = wall(x.source, x.time)
    return Object.is(time, x.time) ? x : { ...x, time }
  })
  const crashes = incident.crashes.map((x) => {
    if (x.time === undefined) return x
    const time = wall(x.source, x.time)
    return Object.is(time, x.time) ? x : { ...x, time }
  })
  return {
    ...incident,
    events: { ...events, time, relative },
    series: unchangedOr(incident.series, series),
    snapshots: unchangedOr(incident.snapshots, snapshots),
    crashes: unchangedOr(incident.crashes, crashes),
  }
}

/** The original list when every item is the same object, so `===` checks downstream hold. */
function unchangedOr<T>(original: T[], mapped: T[]): T[] {
  return mapped.every((x, i) => x === original[i]) ? original : mapped
}
