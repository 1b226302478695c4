/**
 * A pinned event opens with the context it was pinned in: the range the timeline showed
 * then (`Pin.context`), not a window of fixed width around its instant, which hid the story
 * around it and piled the markers outside it onto the chart's edges.
 */
import type { PinDestination, ResolvedPin } from './pins'
import type { Pin, TimeSpan } from './types'

/** Where opening `pin` leads: its resolved destination, over the range it was pinned with. */
export function pinDestination(pin: Pin, resolved: ResolvedPin): PinDestination | null {
  const destination = resolved.destination
  if (!destination || destination.view !== 'timeline' || !pin.context) return destination
  return { ...destination, start: pin.context.start, end: pin.context.end }
}

/**
 * The context to store when pinning from the timeline: the brushed range when there is one,
 * else the whole chart (`first` to `last` event time).
 */
export function pinContextOf(
  brushed: readonly [number, number] | null,
  first: number,
  last: number,
): TimeSpan {
  return brushed ? { start: brushed[0], end: brushed[1] } : { start: first, end: last }
}
