import {
  d2,
  d4,
  digit,
  epochToMs,
  fraction,
  inferYear,
  isLetter,
  month3,
  noteYear,
  utcTime,
  validDate,
  validTime,
  zone,
  type ReadState,
} from './timestamp-fields'

/**
 * Date-times that several timestamp patterns share, read at a given column: ISO 8601, BSD
 * syslog's `Mmm dd hh:mm:ss`, a JSON object's time field, and a value that is either an ISO
 * string or an epoch number.
 */

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS][.frac|,frac][Z|+hh:mm|+hhmm| UTC]` at column p. Writes `r.time`
 * and returns the end column, or -1. Seen as: RFC 3339 (`2024-08-20T17:38:27.488639+00:00`),
 * Python logging (`2012-07-02 10:22:40,672`), `dmesg --time-format=iso` (comma fraction),
 * the Datadog agent (`2015-03-14 08:23:33 UTC | ERROR |`), postgres (`... 01:45:01.123 PDT`).
 * `dateSep` is `-`, or `/` for Go's `log`.
 */
export function readIso(line: string, p: number, r: ReadState, dateSep: number): number {
  if (line.charCodeAt(p + 4) !== dateSep || line.charCodeAt(p + 7) !== dateSep) return -1
  const sep = line.charCodeAt(p + 10)
  if (sep !== 84 && sep !== 32) return -1 // 'T' ' '
  if (line.charCodeAt(p + 13) !== 58) return -1 // ':'
  const y = d4(line, p)
  const mo = d2(line, p + 5)
  const d = d2(line, p + 8)
  const h = d2(line, p + 11)
  const mi = d2(line, p + 14)
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || !validDate(mo, d)) return -1
  let s = 0
  let i = p + 16
  if (line.charCodeAt(i) === 58) {
    s = d2(line, i + 1)
    if (s < 0) return -1
    i += 3
  }
  if (!validTime(h, mi, s)) return -1
  fraction(r, line, i)
  zone(r, line, r.fracEnd)
  noteYear(r, y, mo - 1)
  r.time = utcTime(r, y, mo - 1, d, h, mi, s) + r.fracMs - r.zoneMinutes * 60_000
  return r.zoneEnd
}

/** `Nov 22 18:35:01` / `May  2 14:51:13` (RFC 3164) at column p, `.123456` from journald
 *  short-precise; the year is inferred. Writes the match but its name. */
export function readSyslogAt(line: string, p: number, r: ReadState): boolean {
  if (line.charCodeAt(p + 3) !== 32) return false
  const mo = month3(line, p)
  if (mo < 0) return false
  let i = p + 4
  if (line.charCodeAt(i) === 32) i++
  let d = digit(line, i)
  if (d < 0) return false
  i++
  const d1 = digit(line, i)
  if (d1 >= 0) {
    d = d * 10 + d1
    i++
  }
  if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 3) !== 58 || line.charCodeAt(i + 6) !== 58)
    return false
  const h = d2(line, i + 1)
  const mi = d2(line, i + 4)
  const s = d2(line, i + 7)
  if (h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s) || d < 1 || d > 31) return false
  fraction(r, line, i + 9)
  const year = inferYear(r, mo)
  r.time = utcTime(r, year, mo, d, h, mi, s) + r.fracMs
  r.lastInferred = r.time
  r.relative = false
  r.start = p
  r.end = r.fracEnd
  return true
}

/** A timestamp value at column i: an ISO string or an epoch number (s/ms/us/ns). Writes
 *  `r.time` and returns the end column, or -1. */
export function readValue(line: string, i: number, r: ReadState): number {
  const iso = readIso(line, i, r, 45)
  if (iso >= 0) return iso
  let j = i
  let v = 0
  while (j - i < 20) {
    const dg = digit(line, j)
    if (dg < 0) break
    v = v * 10 + dg
    j++
  }
  if (j - i < 9) return -1 // shorter than 1973 in seconds: a count, not a time
  fraction(r, line, j)
  // A fraction of seconds (zap's default `1761019822.3152757`) or of milliseconds (zap's
  // EpochMillisTimeEncoder `1761019822315.2757`); `epochToMs` scales by magnitude.
  if (r.fracEnd !== j && j - i <= 13) v += r.fracMs / 1000
  else if (r.fracEnd !== j) return -1
  const next = line.charCodeAt(r.fracEnd)
  if (isLetter(next) || next === 58 || next === 46) return -1 // 123abc, a clock, a version
  r.time = epochToMs(v)
  return r.fracEnd
}

const JSON_KEYS = ['"@timestamp"', '"timestamp"', '"time"', '"ts"', '"__REALTIME_TIMESTAMP"', '"t"']

/** A JSON object starting at column p (at its `{`): the value of its first time key. Writes
 *  the match but its name. */
export function readJsonAt(line: string, p: number, r: ReadState): boolean {
  if (line.charCodeAt(p) !== 123) return false // '{'
  for (const key of JSON_KEYS) {
    let at = line.indexOf(key, p)
    while (at >= 0) {
      let i = at + key.length
      while (line.charCodeAt(i) === 32) i++
      if (line.charCodeAt(i) === 58) {
        i++
        while (line.charCodeAt(i) === 32) i++
        if (line.charCodeAt(i) === 123) {
          // {"$date":"2026-03-10T20:58:09.401+00:00"} or {"$date":{"$numberLong":"..."}}
          const date = line.indexOf('"$date"', i)
          if (date < 0 || date > i + 4) break
          i = date + 8
          while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 58) i++
        }
        const quoted = line.charCodeAt(i) === 34
        const v = quoted ? i + 1 : i
        const end = readValue(line, v, r)
        if (end >= 0) {
          r.relative = false
          r.start = v
          r.end = end
          return true
        }
        break
      }
      at = line.indexOf(key, at + 1)
    }
  }
  return false
}
