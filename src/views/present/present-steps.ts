import type { Pin, PostmortemState } from '../../model/notes/types'

/**
 * The pinned evidence in the order the document tells it: each pin where it is first
 * referenced (`#pin=<id>`) in a section that is not skipped, then the pins the text never
 * mentions, oldest first.
 */
export function computePresentSteps(state: PostmortemState): Pin[] {
  const byId = new Map(state.pins.map((p) => [p.id, p]))
  const steps: Pin[] = []
  const seen = new Set<string>()
  for (const section of state.doc.sections) {
    if (section.skipped) continue
    for (const m of section.body.matchAll(/#pin=([\w-]+)/g)) {
      const pin = byId.get(m[1])
      if (pin && !seen.has(pin.id)) {
        seen.add(pin.id)
        steps.push(pin)
      }
    }
  }
  const rest = state.pins.filter((p) => !seen.has(p.id)).sort((a, b) => a.createdAt - b.createdAt)
  return [...steps, ...rest]
}
