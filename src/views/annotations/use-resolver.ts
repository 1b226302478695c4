import { useMemo } from 'react'
import type { GroupMode } from '../../model/group'
import { pinDestination } from '../../model/notes/pin-context'
import { pinSnapshotText, snapshotOfPin } from '../../model/notes/pin-snapshot'
import { resolvePin, type ResolvedPin } from '../../model/notes/pins'
import type { Marker, Pin } from '../../model/notes/types'
import type { Incident } from '../../model/types'
import { getGroups, getShownIncident } from '../../state/selectors'

/**
 * Resolves pins against the loaded incident, each leading to its view with the context it was
 * pinned in; memoised on the incidents and markers. `incident` is the snapshot shown;
 * `snapshots`, the same incident with all of its snapshots, from which a group or frame pinned
 * in another snapshot reads that snapshot's figures.
 */
export function usePinResolver(
  incident: Incident | null,
  markers: readonly Marker[],
  snapshots: Incident | null = incident,
): (pin: Pin) => ResolvedPin {
  return useMemo(() => {
    // Pins may name several modes; `getGroups` keeps each mode's groups of the incident.
    const groupsOf = (of: Incident) => (mode: GroupMode) => getGroups(of, mode)
    return (pin: Pin) => {
      const snapshot = snapshotOfPin(snapshots, pin)
      const of = snapshot === null ? incident : getShownIncident(snapshots!, snapshot)
      let resolved = resolvePin(of, pin.target, markers, of ? groupsOf(of) : undefined)
      if (snapshot !== null && resolved.found) {
        const destination = resolved.destination
        resolved = {
          ...resolved,
          meta: [...resolved.meta, pinSnapshotText(snapshots!, snapshot)],
          destination:
            destination && (destination.view === 'stacks' || destination.view === 'flame')
              ? { ...destination, snapshot }
              : destination,
        }
      }
      return { ...resolved, destination: pinDestination(pin, resolved) }
    }
  }, [incident, snapshots, markers])
}
