import { readIso, readSyslogAt } from './timestamp-dates'
import {
  DAY,
  d2,
  d4,
  digit,
  fraction,
  fullMonth,
  inferYear,
  isLetter,
  month3,
  utcTime,
  validDate,
  validTime,
  type TimestampPattern,
} from './timestamp-fields'
import { apache, compose, goLogPrefix, json, logfmt } from './timestamp-search-patterns'

/**
 * The timestamp patterns, in the order they are tried, each with sample lines beside it as
 * lnav's `src/formats/*.json` keep theirs (a test reads every sample with a fresh
 * `TimestampReader` and checks the pattern, the time and the timestamp's text). Those at
 * fixed columns are here; those that search inside the line, in
 * `timestamp-search-patterns.ts`.
 *
 * Every pattern checks a few character positions before reading anything, so lines without a
 * timestamp (a Go dump's frames, prose) cost a handful of `charCodeAt` calls. Times are
 * computed from the parsed fields, never with `Date.parse` on free text (slow and
 * locale-dependent). A time without a zone is read as UTC.
 *
 * Sources (lnav's format files and test logs, and the corpus notes, read 2026-11):
 * RFC 3339 / ISO 8601, RFC 5424 and RFC 3164 (BSD syslog), `dmesg` / `dmesg -T`,
 * journald `short-iso` / `short-precise` / `json`, Go `log` (`log.LstdFlags`), klog
 * (`k8s.io/klog/v2` header `Lmmdd hh:mm:ss.uuuuuu`), logfmt, Apache/nginx `%t`,
 * bcc `memleak` `[%H:%M:%S]`, Kubernetes CRI log prefixes, Kibana's default date format and
 * valgrind `--time-stamp=yes`.
 */

/** ISO at column 0, or inside `[..]` (`[2023-03-03 10:55:38.405][ERROR]`); a Kubernetes CRI
 *  prefix after it (`stderr F `: the stream, then F(ull)/P(artial)) belongs to the match. */
const iso: TimestampPattern = {
  name: 'iso',
  searches: false,
  inferred: false,
  read(line, r) {
    const p = line.charCodeAt(0) === 91 ? 1 : 0 // '['
    const end = readIso(line, p, r, 45)
    if (end < 0) return false
    r.relative = false
    r.start = p
    r.end = p === 1 && line.charCodeAt(end) === 93 ? end + 1 : end
    r.pattern = 'iso'
    if (p === 0 && line.charCodeAt(end) === 32 && line.charCodeAt(end + 7) === 32) {
      const stream = line.slice(end + 1, end + 7)
      const tag = line.charCodeAt(end + 8)
      if ((stream === 'stdout' || stream === 'stderr') && (tag === 70 || tag === 80)) {
        if (line.charCodeAt(end + 9) === 32 || end + 9 === line.length) {
          r.end = Math.min(line.length, end + 10)
          r.pattern = 'cri'
        }
      }
    }
    return true
  },
  // prettier-ignore
  samples: [
    // RFC 3339 with T and Z
    { line: '2024-08-20T17:38:27.488Z x', time: '2024-08-20T17:38:27.488Z', text: '2024-08-20T17:38:27.488Z' },
    // A space, no zone (UTC)
    { line: '2014-06-24 19:50:53 info:76c0b38e METRICS:', time: '2014-06-24T19:50:53Z', text: '2014-06-24 19:50:53' },
    // Python logging's comma fraction
    { line: '2012-07-02 10:22:40,672:DEBUG:foo', time: '2012-07-02T10:22:40.672Z', text: '2012-07-02 10:22:40,672' },
    // dmesg --time-format=iso
    { line: '2026-11-22T19:25:45,681900+00:00 kernel', time: '2026-11-22T19:25:45.681Z', text: '2026-11-22T19:25:45,681900+00:00' },
    // +hh:mm, +hhmm zones
    { line: '2015-04-24T21:08:10.313913+02:00 err', time: '2015-04-24T19:08:10.313Z', text: '2015-04-24T21:08:10.313913+02:00' },
    { line: '2024-01-01T00:00:00-0130 x', time: '2024-01-01T01:30:00Z', text: '2024-01-01T00:00:00-0130' },
    // journald short-iso
    { line: '2026-11-22T18:35:01+0000 host prog[1]: x', time: '2026-11-22T18:35:01Z', text: '2026-11-22T18:35:01+0000' },
    // The Datadog agent's UTC word; postgres's zone abbreviation
    { line: '2015-03-14 08:23:33 UTC | ERROR | dd.collector |', time: '2015-03-14T08:23:33Z', text: '2015-03-14 08:23:33 UTC' },
    { line: '2025-08-13 01:45:01.123 PDT [12345] LOG:', time: '2025-08-13T08:45:01.123Z', text: '2025-08-13 01:45:01.123 PDT' },
    // Nanoseconds (lnav's generic_nanos)
    { line: '2025-01-01 01:00:00.987654321:WARN:nano', time: '2025-01-01T01:00:00.987Z', text: '2025-01-01 01:00:00.987654321' },
    // Bracketed
    { line: '[2023-03-03 10:55:38.405][ERROR][1] x', time: '2023-03-03T10:55:38.405Z', text: '2023-03-03 10:55:38.405]' },
    // A Kubernetes CRI log line
    { line: '2023-05-15T00:29:00.060915154Z stderr F panic: x', time: '2023-05-15T00:29:00.060Z', text: '2023-05-15T00:29:00.060915154Z stderr F ', as: 'cri' },
  ],
}

/** BSD syslog (RFC 3164) at column 0; journald `short-precise` adds microseconds. */
const syslog: TimestampPattern = {
  name: 'syslog',
  searches: false,
  inferred: true,
  read(line, r) {
    if (!readSyslogAt(line, 0, r)) return false
    r.pattern = 'syslog'
    return true
  },
  // prettier-ignore
  samples: [
    { line: 'Nov 22 18:35:01 host prog[12]: x', time: '2026-11-22T18:35:01Z', text: 'Nov 22 18:35:01' },
    { line: 'May  2 14:51:13 host kernel: x', time: '2026-05-02T14:51:13Z', text: 'May  2 14:51:13' },
    { line: 'Nov 22 18:35:01.123456 host x', time: '2026-11-22T18:35:01.123Z', text: 'Nov 22 18:35:01.123456' },
  ],
}

/** Kernel ring buffer `[4838261.071917]` / `[    4.591020]`: seconds since boot. */
const kernel: TimestampPattern = {
  name: 'kernel',
  searches: false,
  inferred: false,
  read(line, r) {
    if (line.charCodeAt(0) !== 91) return false
    let i = 1
    while (line.charCodeAt(i) === 32) i++
    const first = i
    let sec = 0
    for (;;) {
      const dg = digit(line, i)
      if (dg < 0) break
      sec = sec * 10 + dg
      i++
    }
    if (i === first || i - first > 10 || line.charCodeAt(i) !== 46) return false
    fraction(r, line, i)
    if (r.fracEnd === i || line.charCodeAt(r.fracEnd) !== 93) return false
    r.time = sec * 1000 + r.fracMs
    r.relative = true
    r.start = 0
    r.end = r.fracEnd + 1
    r.pattern = 'kernel'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '[4838261.071917] haproxy[610]: segfault', time: 4838261071.917, text: '[4838261.071917]' },
    { line: '[    4.591020] usb 1-1: new', time: 4591.02, text: '[    4.591020]' },
  ],
}

/** Go `log` with `log.LstdFlags` (`2014/06/24 19:50:53`); `Lmicroseconds` adds `.123456`. */
const goLog: TimestampPattern = {
  name: 'go-log',
  searches: false,
  inferred: false,
  read(line, r) {
    const end = readIso(line, 0, r, 47) // '/'
    if (end < 0) return false
    r.relative = false
    r.start = 0
    r.end = end
    r.pattern = 'go-log'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '2014/06/24 19:50:53 http: panic serving', time: '2014-06-24T19:50:53Z', text: '2014/06/24 19:50:53' },
    { line: '2014/06/24 19:50:53.123456 x', time: '2014-06-24T19:50:53.123Z', text: '2014/06/24 19:50:53.123456' },
  ],
}

/** klog/glog: `E1122 18:35:01.123456 12345 file.go:12]` (level letter, mmdd, no year). */
const klog: TimestampPattern = {
  name: 'klog',
  searches: false,
  inferred: true,
  read(line, r) {
    const c = line.charCodeAt(0)
    if (c !== 73 && c !== 87 && c !== 69 && c !== 70) return false // I W E F
    if (line.charCodeAt(5) !== 32 || line.charCodeAt(8) !== 58 || line.charCodeAt(11) !== 58)
      return false
    const mo = d2(line, 1)
    const d = d2(line, 3)
    const h = d2(line, 6)
    const mi = d2(line, 9)
    const s = d2(line, 12)
    if (mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return false
    if (!validDate(mo, d) || !validTime(h, mi, s)) return false
    fraction(r, line, 14)
    const year = inferYear(r, mo - 1)
    r.time = utcTime(r, year, mo - 1, d, h, mi, s) + r.fracMs
    r.lastInferred = r.time
    r.relative = false
    r.start = 0
    r.end = r.fracEnd
    r.pattern = 'klog'
    return true
  },
  // prettier-ignore
  samples: [
    { line: 'E1122 18:35:01.123456 12345 file.go:12] boom', time: '2026-11-22T18:35:01.123Z', text: 'E1122 18:35:01.123456' },
  ],
}

/** A syslog priority, then RFC 5424 (`<34>1 2003-10-11T22:14:15.003Z host app - - msg`) or
 *  BSD syslog (`<3>Nov 22 18:35:01`). */
const priority: TimestampPattern = {
  name: 'priority',
  searches: false,
  inferred: true,
  read(line, r) {
    if (line.charCodeAt(0) !== 60) return false // '<'
    let i = 1
    while (i < 5 && digit(line, i) >= 0) i++
    if (i === 1 || line.charCodeAt(i) !== 62) return false // '>'
    i++
    if (line.charCodeAt(i) === 49 && line.charCodeAt(i + 1) === 32) {
      const end = readIso(line, i + 2, r, 45)
      if (end < 0) return false
      r.relative = false
      r.start = i + 2
      r.end = end
      r.pattern = 'rfc5424'
      return true
    }
    if (!readSyslogAt(line, i, r)) return false
    r.pattern = 'syslog'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - x', time: '2003-10-11T22:14:15.003Z', text: '2003-10-11T22:14:15.003Z', as: 'rfc5424' },
    { line: '<3>Nov 22 18:35:01 host x', time: '2026-11-22T18:35:01Z', text: 'Nov 22 18:35:01', as: 'syslog' },
  ],
}

/** `dmesg -T`: `[Sun Nov 22 19:25:45 2026]` (strftime `%a %b %e %H:%M:%S %Y`). */
const dmesgT: TimestampPattern = {
  name: 'dmesg-T',
  searches: false,
  inferred: false,
  read(line, r) {
    if (line.charCodeAt(0) !== 91 || line.charCodeAt(4) !== 32 || line.charCodeAt(8) !== 32)
      return false
    const mo = month3(line, 5)
    if (mo < 0) return false
    let i = 9
    if (line.charCodeAt(i) === 32) i++
    let d = digit(line, i)
    if (d < 0) return false
    i++
    if (digit(line, i) >= 0) d = d * 10 + digit(line, i++)
    if (line.charCodeAt(i) !== 32 || line.charCodeAt(i + 3) !== 58) return false
    const h = d2(line, i + 1)
    const mi = d2(line, i + 4)
    const s = d2(line, i + 7)
    const y = d4(line, i + 10)
    if (h < 0 || mi < 0 || s < 0 || y < 0 || line.charCodeAt(i + 14) !== 93) return false
    if (!validTime(h, mi, s)) return false
    r.time = utcTime(r, y, mo, d, h, mi, s)
    r.relative = false
    r.start = 0
    r.end = i + 15
    r.pattern = 'dmesg-T'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '[Sun Nov 22 19:25:45 2026] haproxy[610]: segfault', time: '2026-11-22T19:25:45Z', text: '[Sun Nov 22 19:25:45 2026]' },
    { line: '[Mon Nov  2 19:25:45 2026] x', time: '2026-11-02T19:25:45Z', text: '[Mon Nov  2 19:25:45 2026]' },
  ],
}

/** bcc memleak `[17:34:55] Top 10 stacks ...`: a time of day, dated by the last absolute
 *  timestamp when there is one, else relative to midnight. */
const clock: TimestampPattern = {
  name: 'clock',
  searches: false,
  inferred: true,
  read(line, r) {
    if (line.charCodeAt(0) !== 91 || line.charCodeAt(3) !== 58 || line.charCodeAt(6) !== 58)
      return false
    if (line.charCodeAt(9) !== 93) return false
    const h = d2(line, 1)
    const mi = d2(line, 4)
    const s = d2(line, 7)
    if (h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s)) return false
    const tod = ((h * 60 + mi) * 60 + s) * 1000
    if (tod + DAY / 2 < r.lastClock && !Number.isNaN(r.day)) r.day += DAY
    r.lastClock = tod
    r.relative = Number.isNaN(r.day)
    r.time = r.relative ? tod : r.day + tod
    r.start = 0
    r.end = 10
    r.pattern = 'clock'
    return true
  },
  // prettier-ignore
  samples: [
    // No date known yet: since midnight.
    { line: '[17:34:55] Top 10 stacks with outstanding allocations:', time: (17 * 3600 + 34 * 60 + 55) * 1000, text: '[17:34:55]' },
  ],
}

/** Kibana's default `MMMM Do YYYY, HH:mm:ss.SSS`: `August 3rd 2017, 19:28:27.000`. */
const kibana: TimestampPattern = {
  name: 'kibana',
  searches: false,
  inferred: false,
  read(line, r) {
    const c = line.charCodeAt(0)
    if (c < 65 || c > 90) return false
    let i = 1
    while (i < 10 && isLetter(line.charCodeAt(i))) i++
    if (line.charCodeAt(i) !== 32 || i < 3) return false
    const mo = fullMonth(line.slice(0, i))
    if (mo < 0) return false
    i++
    let d = digit(line, i)
    if (d < 0) return false
    i++
    if (digit(line, i) >= 0) d = d * 10 + digit(line, i++)
    if (isLetter(line.charCodeAt(i))) i += 2 // st nd rd th
    if (line.charCodeAt(i) !== 32) return false
    const y = d4(line, i + 1)
    if (y < 0 || line.charCodeAt(i + 5) !== 44 || line.charCodeAt(i + 6) !== 32) return false
    i += 7
    if (line.charCodeAt(i + 2) !== 58 || line.charCodeAt(i + 5) !== 58) return false
    const h = d2(line, i)
    const mi = d2(line, i + 3)
    const s = d2(line, i + 6)
    if (h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s) || d < 1 || d > 31) return false
    fraction(r, line, i + 8)
    r.time = utcTime(r, y, mo, d, h, mi, s) + r.fracMs
    r.relative = false
    r.start = 0
    r.end = r.fracEnd
    r.pattern = 'kibana'
    return true
  },
  // prettier-ignore
  samples: [
    { line: 'August 3rd 2017, 19:28:27.000 haproxy[610]: segfault', time: '2017-08-03T19:28:27Z', text: 'August 3rd 2017, 19:28:27.000' },
    { line: 'May 21st 2019, 01:02:03.500 x', time: '2019-05-21T01:02:03.500Z', text: 'May 21st 2019, 01:02:03.500' },
  ],
}

/** valgrind `--time-stamp=yes`: `==12345== 00:00:00:01.234 ` (days:h:m:s.ms since start). */
const valgrind: TimestampPattern = {
  name: 'valgrind',
  searches: false,
  inferred: false,
  read(line, r) {
    if (line.charCodeAt(0) !== 61 || line.charCodeAt(1) !== 61) return false
    let i = 2
    while (i < 12 && digit(line, i) >= 0) i++
    if (line.charCodeAt(i) !== 61 || line.charCodeAt(i + 1) !== 61 || line.charCodeAt(i + 2) !== 32)
      return false
    const p = i + 3
    if (line.charCodeAt(p + 2) !== 58 || line.charCodeAt(p + 5) !== 58) return false
    if (line.charCodeAt(p + 8) !== 58 || line.charCodeAt(p + 11) !== 46) return false
    const dd = d2(line, p)
    const h = d2(line, p + 3)
    const mi = d2(line, p + 6)
    const s = d2(line, p + 9)
    const ms = d2(line, p + 12) * 10 + digit(line, p + 14)
    if (dd < 0 || h < 0 || mi < 0 || s < 0 || ms < 0) return false
    r.time = (((dd * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms
    r.relative = true
    r.start = p
    r.end = p + 15
    r.pattern = 'valgrind'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '==12345== 00:00:00:01.234 Memcheck, a memory error detector', time: 1234, text: '00:00:00:01.234' },
    { line: '==1== 01:02:03:04.005 x', time: ((26 * 60 + 3) * 60 + 4) * 1000 + 5, text: '01:02:03:04.005' },
  ],
}

/** A line that starts with epoch milliseconds: `1428634687123 Hello` (lnav's `epoch` test log,
 *  JavaScript `Date.now()` prefixes). Thirteen digits, then a space or a tab: 2001 to 2286. */
const epochMs: TimestampPattern = {
  name: 'epoch-ms',
  searches: false,
  inferred: false,
  read(line, r) {
    const c = line.charCodeAt(13)
    if (c !== 32 && c !== 9) return false
    let v = 0
    for (let i = 0; i < 13; i++) {
      const dg = digit(line, i)
      if (dg < 0) return false
      v = v * 10 + dg
    }
    if (v < 1e12) return false
    r.time = v
    r.relative = false
    r.start = 0
    r.end = 13
    r.pattern = 'epoch-ms'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '1796538666406 health check /healthz: ok in 7ms', time: '2026-12-06T06:31:06.406Z', text: '1796538666406' },
  ],
}

/** The table, most common first. A reader tries the pattern of its previous line first, so
 *  the order matters only until a pattern matches. */
export const TIMESTAMP_PATTERNS: readonly TimestampPattern[] = [
  iso,
  syslog,
  kernel,
  goLog,
  klog,
  priority,
  dmesgT,
  clock,
  kibana,
  valgrind,
  epochMs,
  json,
  logfmt,
  apache,
  compose,
  goLogPrefix,
]
