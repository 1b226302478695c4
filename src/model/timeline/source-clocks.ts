import type { Incident, Milliseconds, Series } from '../types'

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
}

/** True when the clock moves nothing. */
export function isIdentityClock(clock: SourceClock | undefined): boolean {
  return !clock || (clock.offsetMs === 0 && clock.bootTimeMs === undefined)
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
  let any = false
  for (let s = 0; s < n; s++) {
    const c = clocks[s]
    if (isIdentityClock(c)) continue
    any = true
    offset[s] = c!.offsetMs
    if (c!.bootTimeMs !== undefined) boot[s] = c!.bootTimeMs
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
  const series = incident.series.map((x): Series => {
    const shift = shiftOf(x.source, hasRelative[x.source] === 1 && hasAbsolute[x.source] === 0)
    if (shift === 0) return x
    const t = new Float64Array(x.time.length)
    for (let i = 0; i < t.length; i++) t[i] = x.time[i] + shift
    return { ...x, time: t }
  })
  // Snapshot and crash times are wall-clock when present (formats that only know since-boot
  // times leave them out), so only the offset applies.
  const snapshots = incident.snapshots.map((x) => {
    const shift = shiftOf(x.source, false)
    return shift === 0 || x.time === undefined ? x : { ...x, time: x.time + shift }
  })
  const crashes = incident.crashes.map((x) => {
    const shift = shiftOf(x.source, false)
    return shift === 0 || x.time === undefined ? x : { ...x, time: x.time + shift }
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
