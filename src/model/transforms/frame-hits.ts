import { compileFrameSearch, getFrameSearchText } from '../flame/search'
import type { Incident } from '../types'
import { NONE } from '../types'
import type { Transform } from './types'

/**
 * Which frames a transform is about, tested once per distinct frame (a 420k-goroutine dump
 * has a few thousand frames), never per record: 1 for each frame the transform names.
 * A pattern that does not compile matches nothing (the syntax refuses it before this).
 */
export function computeFrameHits(incident: Incident, t: Transform): Uint8Array {
  const { frames, strings } = incident
  const hits = new Uint8Array(frames.length)
  switch (t.type) {
    case 'focus':
    case 'through':
    case 'merge':
    case 'drop':
    case 'rec':
    case 'drec': {
      // Compare string indices: the name is looked up once, frames are not read as text.
      const wanted = new Set<number>()
      strings.forEach((s, i) => {
        if (s === t.func) wanted.add(i)
      })
      for (let f = 0; f < frames.length; f++) if (wanted.has(frames.func[f])) hits[f] = 1
      return hits
    }
    case 'module': {
      const under = t.module.endsWith('/') ? t.module : t.module + '/'
      const memo = new Map<number, number>()
      for (let f = 0; f < frames.length; f++) {
        const m = frames.module[f]
        if (m === NONE) continue
        let hit = memo.get(m)
        if (hit === undefined) {
          hit = strings[m] === t.module || strings[m].startsWith(under) ? 1 : 0
          memo.set(m, hit)
        }
        hits[f] = hit
      }
      return hits
    }
    case 'hide-kind':
      for (let f = 0; f < frames.length; f++)
        hits[f] = t.kinds.includes(frames.kind[f] as never) ? 1 : 0
      return hits
    case 'hide-regex': {
      const match = compileFrameSearch(t.pattern)
      if (typeof match !== 'function') return hits
      for (let f = 0; f < frames.length; f++)
        hits[f] = match(getFrameSearchText(incident, f)) ? 1 : 0
      return hits
    }
  }
}
