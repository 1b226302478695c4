import { isDigit, isLetter, utf8Text } from './metric-numbers'

/**
 * The keys of log metrics: which name a quantity (`isMetricKey`), and the key written before a
 * separator, read in the line's bytes and kept in a table so that a log's few dozen keys are
 * neither sliced out of each line nor classified again.
 */

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

/** A key, whether it names a quantity (`isMetricKey`), its slot in `keyTable`, and its
 *  bytes (compared faster than the name's characters), also as little-endian 32-bit groups,
 *  the last one zero-padded (`quads`, compared four bytes at a time). */
export type Key = {
  name: string
  metric: boolean
  slot: number
  bytes: Uint8Array
  quads: Int32Array
}

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
  if (known !== undefined && known.bytes.length === end - start && holds(bytes, start, known))
    return known
  const name = utf8Text(bytes, start, end)
  const own = bytes.slice(start, end)
  const quads = new Int32Array((own.length + 3) >> 2)
  for (let k = 0; k < own.length; k++) quads[k >> 2] |= own[k] << ((k & 3) << 3)
  const key = { name, metric: isMetricKey(name), slot, bytes: own, quads }
  keyTable[slot] = key
  return key
}

/**
 * Whether the bytes from `start` are the bytes of `key`: four at a time where the bytes can
 * be read so (the last group masked to the key's length), which costs a third of a loop over
 * each byte.
 */
function holds(bytes: Uint8Array, start: number, key: Key): boolean {
  const n = key.bytes.length
  const view = dataViewOf(bytes)
  if (view === null || start + ((n + 3) & ~3) > bytes.length) {
    const own = key.bytes
    for (let k = 0; k < n; k++) if (bytes[start + k] !== own[k]) return false
    return true
  }
  const quads = key.quads
  const last = quads.length - 1
  for (let k = 0; k < last; k++)
    if (view.getInt32(start + (k << 2), true) !== quads[k]) return false
  // The bytes past the key in its last group are masked off (n & 3 of them kept, or all 4).
  const mask = (n & 3) === 0 ? -1 : (1 << ((n & 3) << 3)) - 1
  return (view.getInt32(start + (last << 2), true) & mask) === quads[last]
}

// A view of the bytes last compared, which the lines of one chunk share.
let viewedBytes: Uint8Array | null = null
let dataView: DataView | null = null

/** `bytes` as a DataView, or null for none (an empty array). */
function dataViewOf(bytes: Uint8Array): DataView | null {
  if (bytes !== viewedBytes) {
    viewedBytes = bytes
    dataView = bytes.length > 0 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.length) : null
  }
  return dataView
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
export function keyBefore(bytes: Uint8Array, sep: number, from: number, nth: number): Key | null {
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
      holds(bytes, start, guess)
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
