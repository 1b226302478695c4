import { useEffect } from 'react'

/**
 * Measures `debrief:render`, drop -> the first view painted, for the benchmark harness: the
 * table for stacks, the timeline for log lines alone (which open there). The view shown
 * calls this; the first paint after a drop is measured once.
 */
export function useFirstPaintMeasure(incident: object): void {
  useEffect(() => {
    requestAnimationFrame(() => {
      if (
        performance.getEntriesByName('debrief:drop').length &&
        !performance.getEntriesByName('debrief:render').length
      ) {
        performance.measure('debrief:render', 'debrief:drop')
      }
    })
  }, [incident])
}
