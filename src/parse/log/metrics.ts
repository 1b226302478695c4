import type { Incident, Series } from '../../model/types'

/**
 * Metrics in log lines, with no configuration: `key: value` (`goroutines: 250,`),
 * `key=value` (logfmt) and JSON numbers (`"durationMillis":120`), with an optional unit
 * (`12ms`, `1.5s`, `512MB`, `4KiB`, `37%`). Durations are converted to milliseconds and sizes
 * to bytes, so `1.2s` and `300ms` on two lines land in one series.
 *
 * Noise is skipped where it can be told by its shape or its key: identifiers (`pid=`,
 * `connectionId`, `reqId`), hex (`76c0b38e`, `commit=598e03...`), zero-padded numbers,
 * timestamps and clocks (`0:00:02.112`), IPs and versions (`192.168.1.100`, `7.2.0`),
 * ports and years (by key). Whether a series is worth a chart is decided later, on the
 * whole incident, by `selectMetricSeries`.
 */

/**
 * Receives one metric found on a line. `slot`, a number below `KEY_SLOTS` that the same key
 * usually comes with again, for a sink that keeps what it knows of each key in an array
 * (compare the name before trusting it: another key may come with the same slot).
 */
export type MetricSink = (
  name: string,
  value: number,
  unit: string | undefined,
  slot: number,
) => void

/** At most this many metrics are taken from one line (a 64 KB JSON line could hold 10,000). */
export const MAX_METRICS_PER_LINE = 32

// Units and their factor to the series unit.
const UNITS: Record<string, { unit: string; factor: number }> = {
  ns: { unit: 'ms', factor: 1e-6 },
  us: { unit: 'ms', factor: 1e-3 },
  µs: { unit: 'ms', factor: 1e-3 },
  ms: { unit: 'ms', factor: 1 },
  s: { unit: 'ms', factor: 1000 },
  sec: { unit: 'ms', factor: 1000 },
  min: { unit: 'ms', factor: 60_000 },
  h: { unit: 'ms', factor: 3_600_000 },
  B: { unit: 'B', factor: 1 },
  KB: { unit: 'B', factor: 1e3 },
  MB: { unit: 'B', factor: 1e6 },
  GB: { unit: 'B', factor: 1e9 },
  TB: { unit: 'B', factor: 1e12 },
  kB: { unit: 'B', factor: 1e3 },
  KiB: { unit: 'B', factor: 1024 },
  MiB: { unit: 'B', factor: 1024 ** 2 },
  GiB: { unit: 'B', factor: 1024 ** 3 },
  TiB: { unit: 'B', factor: 1024 ** 4 },
  '%': { unit: '%', factor: 1 },
}

// UNITS keyed by the char codes of the name (every name is 1-3 characters below 256), so a
// unit is found without slicing it out of the line.
const UNIT_CODES = new Map<number, { unit: string; factor: number }>()
for (const [name, unit] of Object.entries(UNITS)) {
  UNIT_CODES.set(unitCode(name, 0, name.length), unit)
}

/** A number naming 1-3 characters below 256 at [from, to), or -1 for anything else. */
function unitCode(text: string, from: number, to: number): number {
  const n = to - from
  if (n < 1 || n > 3) return -1
  let code = n
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c > 255) return -1
    code = code * 256 + c
  }
  return code
}

/** The unit named by text[from, to), as `UNITS[name]` would find it. */
function unitAt(
  text: string,
  from: number,
  to: number,
): { unit: string; factor: number } | undefined {
  const code = unitCode(text, from, to)
  // Longer names go through the record itself, inherited properties and all.
  return code >= 0 ? UNIT_CODES.get(code) : UNITS[text.slice(from, to)]
}

// Keys that name identifiers, positions or times rather than quantities (lowercase).
const SKIP_KEYS = new Set([
  'id',
  'pid',
  'ppid',
  'tid',
  'uid',
  'gid',
  'port',
  'line',
  'lineno',
  'col',
  'column',
  'v',
  'version',
  'ver',
  'year',
  'ts',
  't',
  'time',
  'timestamp',
  'date',
  'level',
  'lvl',
  'severity',
  'priority',
  'code',
  'status',
  'errno',
  'exit',
  'signal',
  'sig',
  'addr',
  'address',
  'ip',
  'host',
  'seq',
  'index',
  'idx',
  'offset',
  'hash',
  'commit',
  'build',
  'session',
  'epoch',
  'goroutine',
  'thread',
  'cpu',
  'node',
  'shard',
  'partition',
  'attempt',
])

// isMetricKey's answers: a log repeats a few dozen keys on millions of lines.
const metricKeyCache = new Map<string, boolean>()
const METRIC_KEY_CACHE_SIZE = 4096

/** A key is a quantity unless its name says it is an identifier, position or time. */
export function isMetricKey(key: string): boolean {
  let ok = metricKeyCache.get(key)
  if (ok === undefined) {
    if (metricKeyCache.size >= METRIC_KEY_CACHE_SIZE) metricKeyCache.clear()
    ok = classifyKey(key)
    metricKeyCache.set(key, ok)
  }
  return ok
}

function classifyKey(key: string): boolean {
  if (key.length < 2 || key.length > 64) return false
  const lower = key.toLowerCase()
  if (SKIP_KEYS.has(lower)) return false
  // `connectionId`, `req_id`, `request-id`, `created_at`, `srcPort`, `__REALTIME_TIMESTAMP`.
  if (key.endsWith('Id') || key.endsWith('ID') || lower.endsWith('_id') || lower.endsWith('-id'))
    return false
  if (lower.endsWith('_at') || lower.endsWith('port') || lower.endsWith('timestamp')) return false
  if (lower.endsWith('pid') || lower.endsWith('uuid') || lower.endsWith('version')) return false
  if (lower.startsWith('_')) return false
  return true
}

/**
 * Scans `text` from column `from` and calls `emit` for each metric, the first occurrence of a
 * key only. Returns how many were emitted.
 */
export function extractMetrics(text: string, from: number, emit: MetricSink): number {
  let count = 0
  // Jump from separator to separator with indexOf (native, fast) rather than testing each char.
  let colon = text.indexOf(':', from + 1)
  let equals = text.indexOf('=', from + 1)
  while ((colon >= 0 || equals >= 0) && count < MAX_METRICS_PER_LINE) {
    const i = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals)
    const c = text.charCodeAt(i)
    let next = i + 1
    // `host:2181`, `file.go:12]` and `06:00:31` are not `key: value`: a bare key's colon is
    // followed by a space. JSON keys (`"alloc":123`) need none. Most separators are followed
    // by no number at all (`method=GET`): that is told before the key is read.
    if (
      (c === 61 || text.charCodeAt(i - 1) === 34 || text.charCodeAt(i + 1) === 32) &&
      startsNumber(text, i + 1, c === 58)
    ) {
      // Keys are told before numbers are read: `status=200` is skipped by its key.
      const key = keyBefore(text, i, from)
      if (key !== null && key.metric && !seenBefore(key.name, count)) {
        const v = readNumber(text, i + 1, c === 58)
        if (v >= 0) {
          seen[count] = key.name
          emit(key.name, numValue, numUnit, key.slot)
          count++
          next = v
        }
      }
    }
    if (colon >= 0 && colon < next) colon = text.indexOf(':', next)
    if (equals >= 0 && equals < next) equals = text.indexOf('=', next)
  }
  return count
}

// The keys emitted from the line being read, the first `count` of them: one array for every
// line rather than one per line.
const seen: string[] = []

function seenBefore(name: string, count: number): boolean {
  for (let k = 0; k < count; k++) if (seen[k] === name) return true
  return false
}

/** Whether `readNumber(text, i, colon)` can find digits: the cheap half of its checks. */
function startsNumber(text: string, i: number, colon: boolean): boolean {
  if (colon) while (text.charCodeAt(i) === 32) i++
  if (text.charCodeAt(i) === 34) i++
  if (text.charCodeAt(i) === 45) i++
  return isDigit(text.charCodeAt(i))
}

/** A key, whether it names a quantity (`isMetricKey`), and its slot in `keyTable`. */
type Key = { name: string; metric: boolean; slot: number }

// Keys read before, by a hash of their characters (direct-mapped: a collision replaces the
// entry). A log repeats a few dozen keys on millions of lines; a key found here is neither
// sliced out of the line nor classified again, and the one string per key keeps the series
// lookups downstream on a string whose hash is already computed.
export const KEY_SLOTS = 1024
const keyTable: (Key | undefined)[] = new Array<Key | undefined>(KEY_SLOTS).fill(undefined)

/** The key at text[start, end), whose characters hash to `hash`: from the table or added. */
function keyAt(text: string, start: number, end: number, hash: number): Key {
  const slot = hash & (KEY_SLOTS - 1)
  const known = keyTable[slot]
  if (known && known.name.length === end - start && holds(text, start, known.name)) return known
  const name = text.slice(start, end)
  const key = { name, metric: isMetricKey(name), slot }
  keyTable[slot] = key
  return key
}

/** Whether `text` holds `name` at `start` (a loop the compiler inlines, unlike `startsWith`). */
function holds(text: string, start: number, name: string): boolean {
  for (let k = 0; k < name.length; k++)
    if (text.charCodeAt(start + k) !== name.charCodeAt(k)) return false
  return true
}

/** The key ending just before the separator at `sep`: a bare identifier or a JSON string. */
function keyBefore(text: string, sep: number, from: number): Key | null {
  const end = sep
  if (text.charCodeAt(end - 1) === 34) {
    // "key": — a JSON key (spaces before ':' are rare, journald prints them).
    const open = text.lastIndexOf('"', end - 2)
    if (open < from || end - 1 - open > 64) return null
    // Plain names only: escaped JSON inside a string (`\\"Uriport\\":9200`) is not a field.
    const hash = jsonKeyHash(text, open + 1, end - 1)
    return hash < 0 ? null : keyAt(text, open + 1, end - 1, hash)
  }
  // The key is read backwards, hashed on the way (in reverse: any fixed order will do).
  let start = end
  let hash = 0
  while (start > from) {
    const c = text.charCodeAt(start - 1)
    if (!isKeyChar(c)) break
    hash = (Math.imul(hash, 31) + c) | 0
    start--
  }
  if (start === end || end - start > 64) return null
  // Keys start with a letter or `_` (`19:50:53` is a clock, not `19: 50`).
  const first = text.charCodeAt(start)
  if (!(isLetter(first) || first === 95)) return null
  return keyAt(text, start, end, hash & 0x7fffffff)
}

/** A hash of text[start, end) if it is `[A-Za-z_$@][\w.$@-]*`, else -1. */
function jsonKeyHash(text: string, start: number, end: number): number {
  if (start >= end) return -1
  let hash = 0
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i)
    if (!(isLetter(c) || c === 95 || c === 36 || c === 64)) {
      if (i === start || !(isDigit(c) || c === 46 || c === 45)) return -1
    }
    hash = (Math.imul(hash, 31) + c) | 0
  }
  return hash & 0x7fffffff
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

// The number read by `readNumber`.
let numValue = 0
let numUnit: string | undefined

/**
 * A number at `i` (after optional spaces for `key: value`, an optional quote), with an
 * optional unit, followed by a delimiter. Returns the column after it, or -1.
 */
function readNumber(text: string, i: number, colon: boolean): number {
  if (colon) while (text.charCodeAt(i) === 32) i++
  const quoted = text.charCodeAt(i) === 34
  if (quoted) i++
  const start = i
  const negative = text.charCodeAt(i) === 45 // '-'
  if (negative) i++
  const intStart = i
  // The digits as an integer, fraction digits included: exact below 16 digits.
  let mantissa = 0
  let c = text.charCodeAt(i)
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48)
    c = text.charCodeAt(++i)
  }
  const intDigits = i - intStart
  if (intDigits === 0 || intDigits > 15) return -1
  // Zero-padded: an id or a hash (`commit=00000000`, `0042`).
  if (intDigits > 1 && text.charCodeAt(intStart) === 48) return -1
  let fractionDigits = 0
  if (c === 46 && isDigit(text.charCodeAt(i + 1))) {
    c = text.charCodeAt(++i)
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      fractionDigits++
      c = text.charCodeAt(++i)
    }
  }
  const numberEnd = i
  // A unit: letters or `%` directly after the digits, or after one space for words like `ms`.
  let unitStart = i
  while (isUnitChar(text.charCodeAt(i))) i++
  let unit: { unit: string; factor: number } | undefined
  if (i > unitStart) {
    unit = unitAt(text, unitStart, i)
    if (!unit) return -1 // `76c0b38e`, `598e0338`, `5s2`
  } else if (text.charCodeAt(i) === 32 && !quoted) {
    // `120 ms,` — only a known unit counts, and the following word is not consumed otherwise.
    let j = i + 1
    unitStart = j
    while (isUnitChar(text.charCodeAt(j))) j++
    const spaced = j > unitStart ? unitAt(text, unitStart, j) : undefined
    if (spaced && spaced.unit !== '%' && isDelimiter(text, j, false)) {
      unit = spaced
      i = j
    }
  }
  if (!isDelimiter(text, i, quoted)) return -1
  // An integer below 2^53 over a power of ten is one correctly rounded division: the same
  // double as parsing the text. Longer numbers are parsed.
  const exact = intDigits + fractionDigits <= 15
  const raw = exact
    ? (negative ? -mantissa : mantissa) / POW10[fractionDigits]
    : +text.slice(start, numberEnd)
  if (!Number.isFinite(raw)) return -1
  numValue = unit ? raw * unit.factor : raw
  numUnit = unit?.unit
  return quoted ? i + 1 : i
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isUnitChar(c: number): boolean {
  return isLetter(c) || c === 37 || c === 181 // '%' 'µ'
}

/** What may follow a number: end, space, `,;})]|`, or the closing quote of a quoted value. */
function isDelimiter(text: string, i: number, quoted: boolean): boolean {
  if (i >= text.length) return !quoted
  const c = text.charCodeAt(i)
  if (quoted) return c === 34
  return (
    c === 32 || c === 9 || c === 44 || c === 59 || c === 125 || c === 41 || c === 93 || c === 124
  )
}

/**
 * The series worth a chart: a metric seen on at least two lines, or one from a line that
 * printed three or more metrics at once (a deliberate metrics dump such as
 * `METRICS: goroutines: 9, cgo: 40, alloc: 7377040`). The builder keeps every point; views
 * and summaries apply this filter. Pure: returns series of `incident` in their order.
 */
export function selectMetricSeries(incident: Incident): Series[] {
  // Single-point series sharing (source, time) came from one line: count them per line.
  const perLine = new Map<string, number>()
  const lineKey = (s: Series) => `${s.source}\u0000${s.time[0]}`
  for (const s of incident.series) {
    if (s.value.length === 1) perLine.set(lineKey(s), (perLine.get(lineKey(s)) ?? 0) + 1)
  }
  return incident.series.filter(
    (s) => s.value.length >= 2 || (s.value.length === 1 && (perLine.get(lineKey(s)) ?? 0) >= 3),
  )
}
