import type { BrushedRecords } from '../../state/time-filter'
import { formatCount, formatTick } from '../format'
import { CloseIcon } from '../icons'

/**
 * Says that the timeline's brushed range narrows this view, and clears it: `10:35–12:20` and a
 * cross.
 * Records without a time are kept, and counted here so the figures can be checked.
 */
export function TimeFilterChip({
  range,
  brushed,
  clock: fallbackClock = 'absolute',
  zone,
  onClear,
}: {
  readonly range: readonly [number, number]
  readonly brushed: BrushedRecords | null
  /** The clock of the range, when `brushed` does not say. */
  readonly clock?: 'absolute' | 'relative'
  readonly zone: 'utc' | 'local'
  onClear(): void
}) {
  const clock = brushed?.clock ?? fallbackClock
  // The brush ends a bucket 1 ms before the next one starts: 12:19:59.999 reads as 12:20.
  const end = (range[1] + 1) % 1000 === 0 ? range[1] + 1 : range[1]
  const label = `${formatTick(range[0], clock, zone)}–${formatTick(end, clock, zone)}`
  return (
    <div className="time-filter" data-testid="time-filter">
      <button
        type="button"
        className="chip"
        onClick={onClear}
        title="Only what happened in the range brushed on the Timeline is shown. Click to show the whole time range."
        aria-label={`Time range ${label}; show the whole time range`}
      >
        <span>{label}</span>
        <CloseIcon />
      </button>
      {brushed && brushed.timeless > 0 ? (
        <span className="muted" data-testid="time-filter-timeless">
          {formatCount(brushed.timeless)} {brushed.timeless === 1 ? 'record has' : 'records have'}{' '}
          no time and {brushed.timeless === 1 ? 'is' : 'are'} kept
        </span>
      ) : null}
    </div>
  )
}
