import type { Incident } from '../model/types'
import { NONE } from '../model/types'
import { scanSourceLines } from '../parse/source-lines'
import { getSourceBlob } from './source-blobs'

/**
 * Which events a text filter keeps: `1` at each event index whose line, as it is in the file
 * (what `grep` reads), or whose label (`restart after a fatal error`) matches. The model keeps
 * no text, so each source is read back once, in line order. Null when `signal` aborted (the
 * filter changed meanwhile); throws when a source's file is not loaded.
 *
 * `match` comes from `makeMatcher` and reads lower-cased text, as the Stacks search does.
 */
export async function matchEvents(
  incident: Incident,
  match: (text: string) => boolean,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  const e = incident.events
  const out = new Uint8Array(e.length)
  const bySource = new Map<number, number[]>()
  for (let i = 0; i < e.length; i++) {
    let list = bySource.get(e.source[i])
    if (!list) bySource.set(e.source[i], (list = []))
    list.push(i)
  }
  for (const [source, events] of bySource) {
    const blob = getSourceBlob(source)
    const info = incident.sources[source]
    if (!blob || !info)
      throw new Error(
        `the text of ${info?.name ?? 'an input'} is not loaded, so it cannot be searched`,
      )
    events.sort((a, b) => e.line[a] - e.line[b] || a - b)
    const lines = Int32Array.from(events, (i) => e.line[i])
    await scanSourceLines(
      blob,
      info,
      lines,
      (k, text) => {
        const i = events[k]
        const label = e.label[i] === NONE ? '' : incident.strings[e.label[i]]
        const haystack = (label ? `${label}\n${text}` : text).toLowerCase()
        if (match(haystack)) out[i] = 1
      },
      signal,
    )
    if (signal?.aborted) return null
  }
  return out
}
