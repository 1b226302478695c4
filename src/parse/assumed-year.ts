import { yearsToModified } from '../model/timeline/year-shift'
import type { SourceInfo } from '../model/types'
import type { YearInference } from './log/timestamps'

/**
 * The year of dates printed without one (BSD syslog `May  3 08:00:29`, klog `I0503 …`). A log
 * is written up to the moment it was last modified, so its last such date is the latest one
 * at or before the file's mtime; dates before a December -> January step are a year earlier.
 * Without an mtime (pasted text) the current year stands in. Either way the source's warnings
 * say so, since a wrong year moves every time of the input.
 */

/** The year to read a source with before its last date is known: the mtime's. */
export function firstGuessYear(modified: number | undefined): number | undefined {
  return modified === undefined || !Number.isFinite(modified)
    ? undefined
    : new Date(modified).getUTCFullYear()
}

/** Whether the source's dates got a year nothing in the source printed. */
function assumesYear(dates: YearInference): boolean {
  return dates.inferred && !dates.dated
}

/** Years to move the year-less dates read with `dates` so the last is at or before the mtime. */
export function yearsToModifiedDate(dates: YearInference, modified: number | undefined): number {
  if (modified === undefined || !assumesYear(dates)) return 0
  return yearsToModified(dates.lastInferred, modified)
}

/** Records on the source which years its dates were given and why, with a warning. */
export function noteAssumedYear(
  source: SourceInfo,
  dates: YearInference,
  modified: number | undefined,
): void {
  if (!assumesYear(dates)) return
  const first = dates.firstInferredYear
  const last = new Date(dates.lastInferred).getUTCFullYear()
  const hasModified = modified !== undefined && Number.isFinite(modified)
  source.assumedYear = { first, last, from: hasModified ? 'modified' : 'today' }
  const years = first === last ? `${first}` : `${first}, and ${last} after the turn of the year`
  const why = hasModified
    ? `from the file's modification date, ${new Date(modified).toISOString().slice(0, 10)}`
    : 'the current year: the input has no modification date'
  source.warnings.push(
    `Dates without a year: year assumed: ${years} (${why}). Set the year in Sources on the Timeline if it is wrong.`,
  )
}
