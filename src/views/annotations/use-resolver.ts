import { useMemo } from 'react'
import type { GroupMode } from '../../model/group'
import { pinDestination } from '../../model/notes/pin-context'
import { resolvePin, type ResolvedPin } from '../../model/notes/pins'
import type { Marker, Pin } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { getGroups } from '../../state/selectors'

/**
 * Resolves pins against the loaded incident, each leading to its view with the context it was
 * pinned in; memoised on the incident and markers.
 */
export function usePinResolver(
  incident: Incident | null,
  markers: readonly Marker[],
): (pin: Pin) => ResolvedPin {
  return useMemo(() => {
    // Pins may name several modes; `getGroups` keeps each mode's groups of the incident.
    const groupsOf = incident ? (mode: GroupMode) => getGroups(incident, mode) : undefined
    return (pin: Pin) => {
      const resolved = resolvePin(incident, pin.target, markers, groupsOf)
      return { ...resolved, destination: pinDestination(pin, resolved) }
    }
  }, [incident, markers])
}
