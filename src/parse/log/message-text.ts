import { createTimestampState, detectTimestamp } from './timestamps'

/**
 * A log line as a reader wants it next to its time column: without the leading timestamp
 * (the column shows it already, in the chosen zone) and the separators after it. Lines whose
 * timestamp sits inside (JSON, logfmt) or that have none come back as they are.
 */
export function messageText(line: string): string {
  const m = detectTimestamp(line, createTimestampState(), 'start')
  if (m === null || m.start > 0) return line
  let at = m.end
  while (at < line.length && SEPARATORS.includes(line[at])) at++
  return at < line.length ? line.slice(at) : line
}

/** What logs print between a timestamp and the message: `T | ERROR`, `T - msg`, `T: msg`. */
const SEPARATORS = ' \t|-:,'
