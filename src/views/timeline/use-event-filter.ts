import { useEffect, useMemo, useState } from 'react'
import type { Incident } from '../../model/types'
import { matchEvents } from '../../state/event-search'
import { makeMatcher } from '../../state/selectors'

/** Typing pauses this long before the inputs are read again. */
const DEBOUNCE_MS = 150

type Matches = { incident: Incident; filter: string; flags: Uint8Array }

export type FilteredEvents = {
  /** The events to list, in `order`'s order. */
  shown: Int32Array
  /** True while the inputs are being read for a new filter (the list shows the last result). */
  pending: boolean
  /** A filter that is not a valid /regex/, or an input that cannot be read. */
  error: string | null
}

/**
 * The listed events narrowed by level (`level`: the least severe shown, 0 for all) and by a
 * text or /regex/ filter read against each event's line in the file (state/event-search.ts).
 */
export function useEventFilter(
  incident: Incident,
  order: Int32Array,
  filter: string,
  level: number,
): FilteredEvents {
  const active = filter.trim() !== ''
  const matcher = useMemo(() => (active ? makeMatcher(filter) : null), [active, filter])
  const [matches, setMatches] = useState<Matches | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  useEffect(() => {
    if (typeof matcher !== 'function') return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      matchEvents(incident, matcher, controller.signal).then(
        (flags) => {
          if (flags) {
            setReadError(null)
            setMatches({ incident, filter, flags })
          }
        },
        (error: unknown) => setReadError(error instanceof Error ? error.message : String(error)),
      )
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [incident, matcher, filter])
  // Until the first result for this input arrives, the text filter is not applied yet.
  const flags = active && matches?.incident === incident ? matches.flags : null
  const shown = useMemo(() => {
    if (!level && !flags) return order
    const levels = incident.events.level
    return order.filter((i) => levels[i] >= level && (!flags || flags[i] === 1))
  }, [incident, order, level, flags])
  const error =
    matcher !== null && typeof matcher !== 'function'
      ? `Not a valid /regex/: ${matcher.error}`
      : active
        ? readError
        : null
  return {
    shown,
    pending:
      active && error === null && (matches?.incident !== incident || matches.filter !== filter),
    error,
  }
}
