import { NONE, type Incident } from '../model/types'
import { resetsOf } from './log/metric-history'

/**
 * The formats a file may be cut inside (after a blank line, else before a line that starts at
 * its first column), each part parsed on its own, because their records end at such lines:
 * - `go`: goroutines end at a blank line; the crash is read in the part with its header, and
 *   tail lines after a cut reach it through `detailsBeforeFirstCrash`;
 * - `log`: an entry's continuation lines are indented;
 * - `memleak`: a snapshot's blocks and frames are indented under its header;
 * - `folded`: one stack per line.
 * Kept apart from the parsers, so the page can check parts without loading them.
 */
export const CUT_SAFE_FORMATS: ReadonlySet<string> = new Set(['go', 'log', 'memleak', 'folded'])

/**
 * Why consecutive parts of one file, each parsed on its own, would not read as the whole file
 * does, or null when they do. The caller then parses the file whole. Regions wholly inside a
 * part read as they do in the whole; what can differ is a record cut in two, and what a reader
 * carries from line to line past a cut: the year of dates without one, a metric's history, a
 * fatal error awaiting its restart.
 */
export function whyCutsDiffer(parts: readonly Incident[]): string | null {
  for (let k = 1; k < parts.length; k++) {
    const before = parts[k - 1]
    const after = parts[k]
    const last = before.sources[0]?.regions.at(-1)
    const first = after.sources[0]?.regions[0]
    if (last && !CUT_SAFE_FORMATS.has(last.format)) return `a cut inside ${last.format} output`
    // A part that starts inside a record leaves its first lines unread, or reads them apart.
    if (!first || first.firstLine !== 0 || !CUT_SAFE_FORMATS.has(first.format))
      return 'a cut inside a record'
    // A goroutine ends at a blank line, so a cut next to Go output must fall before a header.
    const goNext = first.format === 'go' && opensAtFirstLine(after)
    if ((first.format === 'go' || last?.format === 'go') && !goNext)
      return 'a cut inside a goroutine'
    const crash = before.crashes.at(-1)
    if (crash && crash.format === 'go' && crash.record === NONE && crash.line >= last!.firstLine)
      return 'a cut between a crash and its goroutine'
    // A "starting" line is a restart when a fatal error came before it, maybe before the cut.
    if (after.sources[0]?.restartWordBeforeFatal)
      return 'a cut before a restart line whose fatal error may come before it'
    // Dates without a year roll into the next one where they go back (Dec -> Jan); a part
    // after the cut cannot see the dates before it.
    if (before.sources[0]?.assumedYear || after.sources[0]?.assumedYear) {
      const years = [before.sources[0]?.assumedYear?.last, after.sources[0]?.assumedYear?.first]
      if (years[0] !== years[1] || firstTime(after) < lastTime(before))
        return 'a cut between dates of different assumed years'
    }
  }
  return metricResetsMoved(parts)
}

/** The first and last absolute times of a part's events (NaN when none). */
function firstTime({ events }: Incident): number {
  for (let i = 0; i < events.length; i++) if (!events.relative[i]) return events.time[i]
  return NaN
}
function lastTime({ events }: Incident): number {
  for (let i = events.length - 1; i >= 0; i--) if (!events.relative[i]) return events.time[i]
  return NaN
}

/** Whether the part's first line opens a record or a crash. */
function opensAtFirstLine(part: Incident): boolean {
  return part.records.line[0] === 0 || part.crashes.some((c) => c.line === 0)
}

/**
 * A metric's reset depends on its history: the values of each metric over the whole file must
 * reset at the same points as each part's values, read from each part's first.
 */
function metricResetsMoved(parts: readonly Incident[]): string | null {
  const names = new Set(parts.flatMap((p) => p.series.map((s) => s.name)))
  for (const name of names) {
    const pieces = parts.map((p) => p.series.find((s) => s.name === name))
    if (pieces.filter((s) => s !== undefined).length < 2) continue
    const unit = pieces.find((s) => s !== undefined)?.unit
    const apart: number[] = []
    const whole: number[] = []
    let base = 0
    for (const s of pieces) {
      if (!s) continue
      for (const r of resetsOf(s.value, unit)) apart.push(base + r)
      for (let i = 0; i < s.value.length; i++) whole.push(s.value[i])
      base += s.value.length
    }
    const together = resetsOf(whole, unit)
    if (together.length !== apart.length || together.some((r, i) => r !== apart[i]))
      return `a cut inside the history of the metric ${name}`
  }
  return null
}
