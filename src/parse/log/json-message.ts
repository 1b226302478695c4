/**
 * The message of a structured (JSON) log line, for the timeline's list: a reader wants
 * "connection refused", not `{"level":"error","ts":1700000000.1,"caller":…}`.
 *
 * Keys, by logger (read 2026-12): zap, logrus, slog, bunyan, pino, MongoDB `msg`; zerolog,
 * ECS, Nextcloud, Cloud Logging `message`; journald `MESSAGE`; logstash `@message`; Serilog
 * CLEF `@m` (rendered) and `@mt` (template); GELF `short_message`; Docker's json-file driver
 * `log`; Cloud Logging `textPayload`; structlog `event`.
 */
const MESSAGE_KEYS = [
  'msg',
  'message',
  'MESSAGE',
  'Message',
  'MSG',
  '@message',
  '@m',
  '@mt',
  'short_message',
  'log',
  'textPayload',
  'event',
]

/** Fields that say what went wrong; shown after the message, as `error=…`. */
const ERROR_KEYS = ['error', 'err', 'exception', '@x']

/** Lines longer than this are not parsed: the list shows them as they are. */
const MAX_PARSED = 1 << 20

/**
 * `msg  error=…` of a JSON object line, or null when the text is not one, or has no string
 * message. Never throws: a truncated or invalid object is not a message.
 */
export function jsonMessage(text: string): string | null {
  let p = 0
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++
  if (text.charCodeAt(p) !== 123 || text.length > MAX_PARSED) return null // '{'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const fields = value as Record<string, unknown>
  const key = MESSAGE_KEYS.find((k) => typeof fields[k] === 'string' && fields[k] !== '')
  if (key === undefined) return null
  // Docker's `log` keeps the line's own newline.
  const message = (fields[key] as string).replace(/\r?\n$/, '')
  const errors = ERROR_KEYS.filter((k) => k !== key && isScalar(fields[k])).map(
    (k) => `${k}=${String(fields[k])}`,
  )
  return errors.length ? `${message}  ${errors.join('  ')}` : message
}

function isScalar(v: unknown): v is string | number | boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean'
}
