/**
 * The numbers of log metrics, read in a line's UTF-8 bytes: digits, a fraction, a unit
 * (`12ms`, `1.5s`, `512MB`, `4KiB`, `37%`) converted to the series unit, and the delimiter
 * that must follow.
 */

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

export function utf8Text(bytes: Uint8Array, from: number, to: number): string {
  return decoder.decode(bytes.subarray(from, to))
}

/** Whether `readNumber(bytes, i, colon, end)` can find digits: the cheap half of its checks. */
export function startsNumber(bytes: Uint8Array, i: number, colon: boolean): boolean {
  if (colon) while (bytes[i] === 32) i++
  if (bytes[i] === 34) i++
  if (bytes[i] === 45) i++
  return isDigit(bytes[i])
}

// The number read by `readNumber`.
export let numValue = 0
export let numUnit: string | undefined

/**
 * A number at `i` (after optional spaces for `key: value`, an optional quote), with an
 * optional unit, followed by a delimiter or the line's `end`. Returns the byte after it, or -1.
 */
export function readNumber(bytes: Uint8Array, i: number, colon: boolean, end: number): number {
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

export function isDigit(c: number): boolean {
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

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
