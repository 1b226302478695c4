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

// UNITS keyed by the UTF-8 bytes of the name (1-3 characters, `µ` two bytes), so a unit is
// found without decoding it out of the line.
const UNIT_CODES = new Map<number, { unit: string; factor: number }>()
for (const [name, unit] of Object.entries(UNITS)) {
  const bytes = new TextEncoder().encode(name)
  UNIT_CODES.set(unitCode(bytes, 0, bytes.length), unit)
}

/** A number naming the 1-4 bytes at [from, to), or -1 for more. */
function unitCode(bytes: Uint8Array, from: number, to: number): number {
  const n = to - from
  if (n < 1 || n > 4) return -1
  let code = n
  for (let i = from; i < to; i++) code = code * 256 + bytes[i]
  return code
}

/**
 * The unit named by the UTF-8 bytes [from, to) of letters, `%` and `µ`, as `UNITS[name]` would
 * find it for a name of four characters or more, and only among UNITS' own names below that.
 */
function unitAt(
  bytes: Uint8Array,
  from: number,
  to: number,
): { unit: string; factor: number } | undefined {
  let characters = to - from
  for (let i = from; i < to; i++) if (bytes[i] === 0xc2) characters--
  // Longer names go through the record itself, inherited properties and all.
  if (characters > 3) return UNITS[utf8Text(bytes, from, to)]
  // A log prints one unit again and again: the last one is found without the map.
  const code = unitCode(bytes, from, to)
  if (code !== lastUnitCode) {
    lastUnitCode = code
    lastUnit = UNIT_CODES.get(code)
  }
  return lastUnit
}

let lastUnitCode = -1
let lastUnit: { unit: string; factor: number } | undefined

/** The end of the unit characters (letters, `%`, `µ`) from byte `i` of UTF-8 text. */
function unitEnd(bytes: Uint8Array, i: number): number {
  for (;;) {
    const c = bytes[i]
    if (isLetter(c) || c === 37) i++
    else if (c === 0xc2 && bytes[i + 1] === 0xb5) i += 2
    else return i
  }
}

const decoder = new TextDecoder()

function utf8Text(bytes: Uint8Array, from: number, to: number): string {
  return decoder.decode(bytes.subarray(from, to))
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
 * key only. Returns how many were emitted. Reads the text's UTF-8 bytes (`extractMetricsOfBytes`).
 */
export function extractMetrics(text: string, from: number, emit: MetricSink): number {
  // Nothing before `from` is read: the key before a separator is read back to `from` at most.
  const rest = from > 0 ? text.slice(from) : text
  // A UTF-16 unit takes at most three bytes; one more for the break that ends the line.
  if (scratch.length < rest.length * 3 + 1) scratch = new Uint8Array(rest.length * 3 + 1)
  const { written } = utf8.encodeInto(rest, scratch)
  scratch[written] = 10
  return extractMetricsOfBytes(scratch, 0, written, emit)
}

const utf8 = new TextEncoder()
let scratch = new Uint8Array(256)

/**
 * `extractMetrics` of a line held as UTF-8, `bytes[from, end)`: the structure read here (keys,
 * digits, units, delimiters) is ASCII, which UTF-8 keeps byte for byte, and a typed array's
 * bytes are read faster than a string's characters. The byte at `end` must be the line's break
 * (`\n` or `\r`), which ends every run of digits, letters and spaces as the end of the text
 * would.
 */
export function extractMetricsOfBytes(
  bytes: Uint8Array,
  from: number,
  end: number,
  emit: MetricSink,
): number {
  let count = 0
  let keys = 0
  let i = nextSeparator(bytes, from + 1, end)
  while (i < end && count < MAX_METRICS_PER_LINE) {
    const c = bytes[i]
    let next = i + 1
    // `host:2181`, `file.go:12]` and `06:00:31` are not `key: value`: a bare key's colon is
    // followed by a space. JSON keys (`"alloc":123`) need none. Most separators are followed
    // by no number at all (`method=GET`): that is told before the key is read.
    if (
      (c === 61 || bytes[i - 1] === 34 || bytes[i + 1] === 32) &&
      startsNumber(bytes, i + 1, c === 58)
    ) {
      // Keys are told before numbers are read: `status=200` is skipped by its key.
      const key = keyBefore(bytes, i, from, keys++)
      if (key !== null && key.metric && !seenBefore(key.name, count)) {
        const v = readNumber(bytes, i + 1, c === 58, end)
        if (v >= 0) {
          seen[count] = key.name
          emit(key.name, numValue, numUnit, key.slot)
          count++
          next = v
        }
      }
    }
    i = nextSeparator(bytes, next, end)
  }
  return count
}

/** The first `:` or `=` in bytes[i, end), or `end`. */
function nextSeparator(bytes: Uint8Array, i: number, end: number): number {
  const words = wordsOf(bytes)
  if (words !== null) {
    // Four bytes a load: most bytes of a line are no separator, and a word without one is
    // told by a few integer operations (a zero byte in the word xor each separator repeated).
    while ((i & 3) !== 0) {
      if (i >= end) return end
      const c = bytes[i]
      if (c === 58 || c === 61) return i
      i++
    }
    const last = (end >> 2) - 1
    let j = i >> 2
    while (j <= last) {
      const word = words[j]
      const colons = word ^ 0x3a3a3a3a
      const equals = word ^ 0x3d3d3d3d
      const zero = ((colons - 0x01010101) & ~colons) | ((equals - 0x01010101) & ~equals)
      if ((zero & 0x80808080) !== 0) break
      j++
    }
    i = j << 2
  }
  while (i < end) {
    const c = bytes[i]
    if (c === 58 || c === 61) return i
    i++
  }
  return end
}

// The 32-bit view of the bytes last read, which the lines of one chunk share.
let viewed: Uint8Array | null = null
let words: Int32Array | null = null

/** `bytes` as little-endian 32-bit words from its index 0, or null when it cannot be read so. */
function wordsOf(bytes: Uint8Array): Int32Array | null {
  if (bytes !== viewed) {
    viewed = bytes
    words =
      LITTLE_ENDIAN && (bytes.byteOffset & 3) === 0
        ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2)
        : null
  }
  return words
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

// The keys emitted from the line being read, the first `count` of them: one array for every
// line rather than one per line.
const seen: string[] = []

function seenBefore(name: string, count: number): boolean {
  for (let k = 0; k < count; k++) if (seen[k] === name) return true
  return false
}

/** Whether `readNumber(bytes, i, colon, end)` can find digits: the cheap half of its checks. */
function startsNumber(bytes: Uint8Array, i: number, colon: boolean): boolean {
  if (colon) while (bytes[i] === 32) i++
  if (bytes[i] === 34) i++
  if (bytes[i] === 45) i++
  return isDigit(bytes[i])
}

/** A key, whether it names a quantity (`isMetricKey`), its slot in `keyTable`, and its
 *  bytes (compared faster than the name's characters). */
type Key = { name: string; metric: boolean; slot: number; bytes: Uint8Array }

// Keys read before, by a hash of their characters (direct-mapped: a collision replaces the
// entry). A log repeats a few dozen keys on millions of lines; a key found here is neither
// sliced out of the line nor classified again, and the one string per key keeps the series
// lookups downstream on a string whose hash is already computed.
export const KEY_SLOTS = 1024
const keyTable: (Key | undefined)[] = new Array<Key | undefined>(KEY_SLOTS).fill(undefined)

/** The key at bytes[start, end) (ASCII), which hash to `hash`: from the table or added. */
function keyAt(bytes: Uint8Array, start: number, end: number, hash: number): Key {
  const slot = hash & (KEY_SLOTS - 1)
  const known = keyTable[slot]
  if (known !== undefined && holds(bytes, start, end, known.bytes)) return known
  const name = utf8Text(bytes, start, end)
  const key = { name, metric: isMetricKey(name), slot, bytes: bytes.slice(start, end) }
  keyTable[slot] = key
  return key
}

/** Whether `bytes[start, end)` are the bytes of `key`. */
function holds(bytes: Uint8Array, start: number, end: number, key: Uint8Array): boolean {
  if (key.length !== end - start) return false
  for (let k = 0; k < key.length; k++) if (bytes[start + k] !== key[k]) return false
  return true
}

// The bare key read at each of the line's separators followed by a number, by their order, on
// the line before: a log repeats its lines' shapes, so the key there is first compared in place
// (one pass over its bytes) rather than read back, hashed and then compared (two).
const KEYS_GUESSED = 16
const lastKeys: (Key | undefined)[] = new Array<Key | undefined>(KEYS_GUESSED).fill(undefined)

/**
 * The key ending just before the separator at `sep`: a bare identifier or a JSON string.
 * `nth`: how many keys the line read before this one.
 */
function keyBefore(bytes: Uint8Array, sep: number, from: number, nth: number): Key | null {
  const end = sep
  if (bytes[end - 1] === 34) {
    // "key": — a JSON key (spaces before ':' are rare, journald prints them).
    const open = quoteBefore(bytes, end - 2, from)
    if (open < from || end - 1 - open > 64) return null
    // Plain names only: escaped JSON inside a string (`\\"Uriport\\":9200`) is not a field.
    const hash = jsonKeyHash(bytes, open + 1, end - 1)
    return hash < 0 ? null : keyAt(bytes, open + 1, end - 1, hash)
  }
  if (nth >= KEYS_GUESSED) return bareKeyBefore(bytes, end, from)
  // The line before's key when its bytes end here and no key byte comes before them.
  const guess = lastKeys[nth]
  if (guess !== undefined) {
    const start = end - guess.bytes.length
    if (
      start >= from &&
      (start === from || KEY_CHAR[bytes[start - 1]] === 0) &&
      holds(bytes, start, end, guess.bytes)
    )
      return guess
  }
  const key = bareKeyBefore(bytes, end, from)
  if (key !== null) lastKeys[nth] = key
  return key
}

/** The bare key (`[A-Za-z_][\w.-]*`, up to 64 bytes) ending at `end`, or null. */
function bareKeyBefore(bytes: Uint8Array, end: number, from: number): Key | null {
  // The key is read backwards, hashed on the way (in reverse: any fixed order will do).
  let start = end
  let hash = 0
  while (start > from) {
    const c = bytes[start - 1]
    if (KEY_CHAR[c] === 0) break
    hash = (Math.imul(hash, 31) + c) | 0
    start--
  }
  if (start === end || end - start > 64) return null
  // Keys start with a letter or `_` (`19:50:53` is a clock, not `19: 50`).
  const first = bytes[start]
  if (!(isLetter(first) || first === 95)) return null
  return keyAt(bytes, start, end, hash & 0x7fffffff)
}

/** The last `"` in bytes[from, at], or -1 (none, or more than 65 bytes back: too far for a
 *  key). */
function quoteBefore(bytes: Uint8Array, at: number, from: number): number {
  const stop = Math.max(from, at - 65)
  for (let i = at; i >= stop; i--) if (bytes[i] === 34) return i
  return -1
}

/** A hash of bytes[start, end) if they are `[A-Za-z_$@][\w.$@-]*`, else -1. */
function jsonKeyHash(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1
  let hash = 0
  for (let i = end - 1; i >= start; i--) {
    const c = bytes[i]
    if (!(isLetter(c) || c === 95 || c === 36 || c === 64)) {
      if (i === start || !(isDigit(c) || c === 46 || c === 45)) return -1
    }
    hash = (Math.imul(hash, 31) + c) | 0
  }
  return hash & 0x7fffffff
}

/** 1 for the bytes of a bare key: letters, digits, `_`, `.` and `-`. */
const KEY_CHAR = new Uint8Array(256)
for (let c = 0; c < 128; c++)
  if (isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45) KEY_CHAR[c] = 1

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

// The number read by `readNumber`.
let numValue = 0
let numUnit: string | undefined

/**
 * A number at `i` (after optional spaces for `key: value`, an optional quote), with an
 * optional unit, followed by a delimiter or the line's `end`. Returns the byte after it, or -1.
 */
function readNumber(bytes: Uint8Array, i: number, colon: boolean, end: number): number {
  if (colon) while (bytes[i] === 32) i++
  const quoted = bytes[i] === 34
  if (quoted) i++
  const start = i
  const negative = bytes[i] === 45 // '-'
  if (negative) i++
  const intStart = i
  // The digits as an integer, fraction digits included: exact below 16 digits.
  let mantissa = 0
  let c = bytes[i]
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48)
    c = bytes[++i]
  }
  const intDigits = i - intStart
  if (intDigits === 0 || intDigits > 15) return -1
  // Zero-padded: an id or a hash (`commit=00000000`, `0042`).
  if (intDigits > 1 && bytes[intStart] === 48) return -1
  let fractionDigits = 0
  if (c === 46 && isDigit(bytes[i + 1])) {
    c = bytes[++i]
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      fractionDigits++
      c = bytes[++i]
    }
  }
  const numberEnd = i
  // A unit: letters or `%` directly after the digits, or after one space for words like `ms`.
  let unitStart = i
  i = unitEnd(bytes, i)
  let unit: { unit: string; factor: number } | undefined
  if (i > unitStart) {
    unit = unitAt(bytes, unitStart, i)
    if (!unit) return -1 // `76c0b38e`, `598e0338`, `5s2`
  } else if (bytes[i] === 32 && !quoted) {
    // `120 ms,` — only a known unit counts, and the following word is not consumed otherwise.
    unitStart = i + 1
    const j = unitEnd(bytes, unitStart)
    const spaced = j > unitStart ? unitAt(bytes, unitStart, j) : undefined
    if (spaced && spaced.unit !== '%' && isDelimiter(bytes, j, false, end)) {
      unit = spaced
      i = j
    }
  }
  if (!isDelimiter(bytes, i, quoted, end)) return -1
  // An integer below 2^53 over a power of ten is one correctly rounded division: the same
  // double as parsing the text. Longer numbers are parsed.
  const exact = intDigits + fractionDigits <= 15
  const raw = exact
    ? (negative ? -mantissa : mantissa) / POW10[fractionDigits]
    : +utf8Text(bytes, start, numberEnd)
  if (!Number.isFinite(raw)) return -1
  numValue = unit ? raw * unit.factor : raw
  numUnit = unit?.unit
  return quoted ? i + 1 : i
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** What may follow a number: end, space, `,;})]|`, or the closing quote of a quoted value. */
function isDelimiter(bytes: Uint8Array, i: number, quoted: boolean, end: number): boolean {
  if (i >= end) return !quoted
  const c = bytes[i]
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
