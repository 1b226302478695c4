import { cancelLoad } from '../../state/load'
import type { LoadStatus } from '../../state/slices/incident'
import { formatBytes } from '../format'

export function LoadProgress({ status }: { status: Extract<LoadStatus, { type: 'loading' }> }) {
  const fraction = status.bytesTotal > 0 ? status.bytesRead / status.bytesTotal : 0
  return (
    <section className="progress" aria-live="polite" data-testid="load-progress">
      <div className="progress-label">
        Reading {status.names.join(', ')}: {formatBytes(status.bytesRead)} of{' '}
        {formatBytes(status.bytesTotal)} ({Math.floor(fraction * 100)}%)
      </div>
      <progress className="progress-bar" max={1} value={fraction} aria-label="Parsing progress" />
      <button type="button" className="button" onClick={cancelLoad} autoFocus>
        Cancel
      </button>
    </section>
  )
}
