import { jsonMessage } from './json-message'
import { TimestampReader } from './timestamps'

/**
 * A log line as a reader wants it next to its time column: without the leading timestamp
 * (the column shows it already, in the chosen zone) and the separators after it, and a JSON
 * object by its message field (`jsonMessage`). Other lines come back as they are.
 */
export function messageText(line: string): string {
  const m = new TimestampReader().read(line, 'start')
  let at = 0
  if (m !== null && m.start === 0) {
    at = m.end
    while (at < line.length && SEPARATORS.includes(line[at])) at++
  }
  const rest = at < line.length ? line.slice(at) : line
  // `2024-11-22T18:35:01Z {"level":"error","msg":…}` (Docker, kubectl --timestamps) too.
  return jsonMessage(rest) ?? rest
}

/** What logs print between a timestamp and the message: `T | ERROR`, `T - msg`, `T: msg`. */
const SEPARATORS = ' \t|-:,'
