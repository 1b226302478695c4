import { noteYear, utcTime, validDate, validTime, type ReadState } from './timestamp-fields'

/**
 * `readIso` at the start of a line held as ASCII bytes, `bytes[start, end)` (one byte per
 * character): the same fields written, read from a typed array rather than a string, for the
 * lines of a long log that the scanner passes on without a string of their own
 * (`RegionReader.pushRange`). Only the common shapes are read here; a line with anything else
 * after its seconds (a zone name, `+hh:mm` near the line's end, a CRI stream) returns -1 before
 * writing anything, and the string reader reads it as before.
 *
 * Returns the column (from `start`) just after the timestamp, or -1.
 */
export function readIsoOfBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  r: ReadState,
): number {
  // Every column read below at fixed places lies before the line's end.
  if (end - start < 24) return -1
  const p = start
  if (bytes[p + 4] !== 45 || bytes[p + 7] !== 45) return -1 // '-'
  const sep = bytes[p + 10]
  if (sep !== 84 && sep !== 32) return -1 // 'T' ' '
  if (bytes[p + 13] !== 58) return -1 // ':'
  const century = d2(bytes, p)
  const y = century * 100 + d2(bytes, p + 2)
  const mo = d2(bytes, p + 5)
  const d = d2(bytes, p + 8)
  const h = d2(bytes, p + 11)
  const mi = d2(bytes, p + 14)
  if (century < 0 || y < century * 100 || mo < 0 || d < 0 || h < 0 || mi < 0 || !validDate(mo, d))
    return -1
  let s = 0
  let i = p + 16
  if (bytes[i] === 58) {
    s = d2(bytes, i + 1)
    if (s < 0) return -1
    i += 3
  }
  if (!validTime(h, mi, s)) return -1
  // `fraction`: `.ddd` or `,ddd`, nine digits used at most. The line's break ends the digits.
  let fracMs = 0
  let fracEnd = i
  const f = bytes[i]
  if (f === 46 || f === 44) {
    let j = i + 1
    let value = 0
    let n = 0
    for (let c = bytes[j] - 48; c >= 0 && c <= 9; c = bytes[++j] - 48) {
      if (n < 9) {
        value = value * 10 + c
        n++
      }
    }
    if (n > 0) {
      fracMs = (value / POW10[n]) * 1000
      fracEnd = j
    }
  }
  if (fracEnd >= end) return -1
  // `zone`: only `Z` or none (a space, then no letter); others are the string reader's.
  let zoneEnd = fracEnd
  const z = bytes[fracEnd]
  if (z === 90) zoneEnd++
  else if (z === 43 || z === 45 || (z === 32 && fracEnd + 1 < end && isLetter(bytes[fracEnd + 1])))
    return -1
  // A CRI prefix (`stdout F `) belongs to the string reader's match.
  if (bytes[zoneEnd] === 32 && zoneEnd + 7 < end && bytes[zoneEnd + 7] === 32) return -1
  r.fracMs = fracMs
  r.fracEnd = fracEnd - start
  r.zoneMinutes = 0
  r.zoneEnd = zoneEnd - start
  noteYear(r, y, mo - 1)
  r.time = utcTime(r, y, mo - 1, d, h, mi, s) + fracMs
  return zoneEnd - start
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/** Two digits at i, or a negative number. */
function d2(bytes: Uint8Array, i: number): number {
  const a = bytes[i] - 48
  const b = bytes[i + 1] - 48
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
