import type { Incident } from '../../model/types'
import { countOf } from '../format'

/**
 * Why the Stacks table is empty. It must not deny what the input holds: a Go crash cut after its
 * `runtime stack:` has no goroutine to count, but its frames are in the crash's details.
 */
export function emptyTableMessage(incident: Incident): string {
  if (incident.records.length > 0) return 'No group matches the search.'
  const events = incident.events.length
  const inTimeline =
    events > 0
      ? `its ${countOf(events, 'event')} ${events === 1 ? 'is' : 'are'} in the Timeline`
      : ''
  const frames = incident.crashes.find((c) => c.runtimeStack?.length)?.runtimeStack?.length
  if (frames)
    return (
      `No goroutine stacks were read. The crash's runtime stack (${countOf(frames, 'frame')}) ` +
      `is under Details in the crash banner${inTimeline ? `; ${inTimeline}` : ''}.`
    )
  return `This input holds no stacks${inTimeline ? `: ${inTimeline}` : ''}.`
}
