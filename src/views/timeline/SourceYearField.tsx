import { useEffect, useState } from 'react'
import type { SourceInfo } from '../../model/types'

/** Years a person may mean: a typo such as `225` is not moved to. */
const MIN_YEAR = 1970
const MAX_YEAR = 9999

/**
 * The year of an input whose dates print none (BSD syslog `May  3 08:00:29`): shown as the
 * parser assumed it until the team sets it; setting it moves every time of the input.
 */
export function SourceYearField({
  name,
  id,
  assumed,
  year,
  onChange,
}: {
  readonly name: string
  readonly id: string
  readonly assumed: NonNullable<SourceInfo['assumedYear']>
  /** The year set for the input's first dates, undefined while the assumption stands. */
  readonly year: number | undefined
  onChange(year: number | undefined): void
}) {
  const [text, setText] = useState(String(year ?? assumed.first))
  // Follow changes made elsewhere (another tab, a restored postmortem).
  useEffect(() => {
    setText((t) => (readYear(t) === (year ?? assumed.first) ? t : String(year ?? assumed.first)))
  }, [year, assumed.first])
  const typed = readYear(text)
  const invalid = text.trim() !== '' && typed === null
  const rollover = assumed.last - assumed.first
  return (
    <>
      <label className="source-field" htmlFor={id}>
        Year of its dates
      </label>
      <input
        id={id}
        type="number"
        className="source-year"
        aria-label={`Year of the dates of ${name}`}
        aria-invalid={invalid}
        min={MIN_YEAR}
        max={MAX_YEAR}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          const y = readYear(e.target.value)
          // Saved as soon as it reads as a year, so a reload keeps it; empty goes back to the
          // parser's assumption.
          if (e.target.value.trim() === '') onChange(undefined)
          else if (y !== null && y !== year) onChange(y)
        }}
      />
      <span className="muted source-hint" data-testid="source-year-hint">
        {year === undefined
          ? assumed.from === 'modified'
            ? "assumed from the file's modification date"
            : 'assumed: the current year (no modification date)'
          : 'set here'}
        {rollover > 0
          ? `; dates after the turn of the year are in ${(year ?? assumed.first) + rollover}`
          : ''}
      </span>
    </>
  )
}

function readYear(text: string): number | null {
  const t = text.trim()
  if (!/^\d{4}$/.test(t)) return null
  const y = Number(t)
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null
}
