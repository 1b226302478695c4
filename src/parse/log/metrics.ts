import type { Incident, Series } from '../../model/types'
import { keyBefore } from './metric-keys'
import { numUnit, numValue, readNumber, startsNumber } from './metric-numbers'

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
    // The lowest byte flagged is the first separator (a borrow only flags bytes above it), so
    // its place is read from the flags, not by a loop over the word's bytes. The bytes of the
    // first word before `i` are masked off.
    const last = (end >> 2) - 1
    let j = i >> 2
    if (j <= last) {
      let before = ~(-1 << ((i & 3) << 3))
      do {
        const word = words[j] | before
        const colons = word ^ 0x3a3a3a3a
        const equals = word ^ 0x3d3d3d3d
        const zero =
          (((colons - 0x01010101) & ~colons) | ((equals - 0x01010101) & ~equals)) & 0x80808080
        if (zero !== 0) {
          const at = (j << 2) + ((31 - Math.clz32(zero & -zero)) >> 3)
          return at < end ? at : end
        }
        before = 0
        j++
      } while (j <= last)
      i = j << 2
    }
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
