import { useMemo } from 'react'
import type { GroupMode } from '../../model/group'
import { pinDestination } from '../../model/notes/pin-context'
import { resolvePin, type ResolvedPin } from '../../model/notes/pins'
import type { Marker, Pin } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { getGroups } from '../../state/selectors'

/** Groups per mode for one incident, computed once each (pins may name several modes). */
function groupsByMode(incident: Incident) {
  const cache = new Map<string, ReturnType<typeof getGroups>>()
  return (mode: GroupMode) => {
    const key = JSON.stringify(mode)
    let groups = cache.get(key)
    if (!groups) {
      groups = getGroups(incident, mode).slice()
      cache.set(key, groups)
    }
    return groups
  }
}

/**
 * Resolves pins against the loaded incident, each leading to its view with the context it was
 * pinned in; memoised on the incident and markers.
 */
export function usePinResolver(
  incident: Incident | null,
  markers: readonly Marker[],
): (pin: Pin) => ResolvedPin {
  return useMemo(() => {
    const groupsOf = incident ? groupsByMode(incident) : undefined
    return (pin: Pin) => {
      const resolved = resolvePin(incident, pin.target, markers, groupsOf)
      return { ...resolved, destination: pinDestination(pin, resolved) }
    }
  }, [incident, markers])
}
