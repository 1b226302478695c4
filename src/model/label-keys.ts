import type { Incident } from './types'
import { NONE } from './types'

const keysByIncident = new WeakMap<Incident, string[]>()

/**
 * The label keys the records carry (`pid`, `comm`, `tid` of perf samples; pprof's own), in
 * the order first seen: each can group on its own (`label:pid`). One pass over the records,
 * splitting each distinct labels string once.
 */
export function getLabelKeys(incident: Incident): string[] {
  let keys = keysByIncident.get(incident)
  if (keys) return keys
  const seen = new Set<number>()
  const found = new Set<string>()
  // Indexed: an iterator over the typed column cost 27 ms for 420,000 goroutines with no labels.
  const column = incident.records.labels
  for (let i = 0; i < incident.records.length; i++) {
    const labels = column[i]
    if (labels === NONE || seen.has(labels)) continue
    seen.add(labels)
    for (const pair of incident.strings[labels].split(', ')) {
      const eq = pair.indexOf('=')
      if (eq > 0) found.add(pair.slice(0, eq))
    }
  }
  keys = [...found]
  keysByIncident.set(incident, keys)
  return keys
}
