import type { Incident, IndexIntoSourceTable, LineNumber, Milliseconds } from '../types'

/** A boot time proposed for a source whose times count from boot; the team applies it or not. */
export type BootAnchorSuggestion = {
  bootTimeMs: Milliseconds
  /** The source and line that printed both clocks. */
  source: IndexIntoSourceTable
  line: LineNumber
}

/**
 * Proposes when the machine of `source` booted, from a line that printed a wall-clock date
 * and the kernel's time since boot (`SourceInfo.bootClocks`): the same source's lines first,
 * else any loaded source's (a syslog file beside a raw dmesg). Of several boots, the one whose
 * since-boot time is nearest to the source's own since-boot times wins: a machine's uptime
 * only grows within a boot. Null when the source has no since-boot times or nothing anchors them.
 */
export function suggestBootTime(
  incident: Incident,
  source: IndexIntoSourceTable,
): BootAnchorSuggestion | null {
  const { time, relative, source: of, length } = incident.events
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < length; i++) {
    if (of[i] !== source || relative[i] !== 1) continue
    const t = time[i]
    if (t < min) min = t
    if (t > max) max = t
  }
  if (!(min <= max)) return null
  const pick = (sources: readonly number[]): BootAnchorSuggestion | null => {
    let best: BootAnchorSuggestion | null = null
    let bestDistance = Infinity
    for (const s of sources) {
      for (const c of incident.sources[s]?.bootClocks ?? []) {
        const d = c.sinceBoot < min ? min - c.sinceBoot : c.sinceBoot > max ? c.sinceBoot - max : 0
        if (d < bestDistance) {
          bestDistance = d
          best = { bootTimeMs: c.wall - c.sinceBoot, source: s, line: c.line }
        }
      }
    }
    return best
  }
  const others = incident.sources.map((_, s) => s).filter((s) => s !== source)
  return pick([source]) ?? pick(others)
}
