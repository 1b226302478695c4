import { readIso, readJsonAt, readValue } from './timestamp-dates'
import {
  d2,
  d4,
  fraction,
  month3,
  utcTime,
  validTime,
  zone,
  type TimestampPattern,
} from './timestamp-fields'

/**
 * The timestamp patterns that search inside the line (JSON keys, logfmt `ts=`, Apache's
 * `[..]`, a `name | ` prefix, a Go logger's prefix), with their sample lines; the scanner's `start` scope skips
 * them. The table and its order are in `timestamp-patterns.ts`.
 */

/** JSON lines: bunyan/pino `time`, zap `ts`, ECS `@timestamp`, journald `json`
 *  `__REALTIME_TIMESTAMP` (microseconds as a string), MongoDB `"t":{"$date":".."}`. */
export const json: TimestampPattern = {
  name: 'json',
  searches: true,
  inferred: false,
  read(line, r) {
    let p = 0
    while (line.charCodeAt(p) === 32) p++
    if (!readJsonAt(line, p, r)) return false
    r.pattern = 'json'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '{"level":30,"time":"2023-03-24T14:26:16.243Z","v":0}', time: '2023-03-24T14:26:16.243Z', text: '2023-03-24T14:26:16.243Z' },
    { line: '{"@timestamp":"2024-01-02T03:04:05.000Z","message":"x"}', time: '2024-01-02T03:04:05Z', text: '2024-01-02T03:04:05.000Z' },
    // Epoch seconds, milliseconds, microseconds and nanoseconds, by magnitude
    { line: '{"ts": 1700000000, "msg": "x"}', time: '2023-11-14T22:13:20Z', text: '1700000000' },
    { line: '{"time": 1700000000123}', time: '2023-11-14T22:13:20.123Z', text: '1700000000123' },
    { line: '{"ts": 1700000000123456}', time: '2023-11-14T22:13:20.123Z', text: '1700000000123456' },
    { line: '{"ts": 1700000000123456789}', time: '2023-11-14T22:13:20.123Z', text: '1700000000123456789' },
    // journald json
    { line: '{ "__REALTIME_TIMESTAMP" : "1534860261221373", "PRIORITY" : "6" }', time: '2018-08-21T14:04:21.221Z', text: '1534860261221373' },
    // MongoDB
    { line: '{"t":{"$date":"2026-03-10T20:58:09.401+00:00"},"s":"I"}', time: '2026-03-10T20:58:09.401Z', text: '2026-03-10T20:58:09.401+00:00' },
  ],
}

const LOGFMT_KEYS = ['ts=', 'time=', 't=', 'timestamp=']

/** logfmt (`ts=2024-...`, logrus `time="..."`, Grafana `t=...`, go-kit `ts=1700000000.1`). */
export const logfmt: TimestampPattern = {
  name: 'logfmt',
  searches: true,
  inferred: false,
  read(line, r) {
    for (const key of LOGFMT_KEYS) {
      let at = line.indexOf(key)
      while (at >= 0) {
        if (at === 0 || line.charCodeAt(at - 1) === 32) {
          let i = at + key.length
          if (line.charCodeAt(i) === 34) i++
          const end = readValue(line, i, r)
          if (end >= 0) {
            r.relative = false
            r.start = i
            r.end = end
            r.pattern = 'logfmt'
            return true
          }
        }
        at = line.indexOf(key, at + 1)
      }
    }
    return false
  },
  // prettier-ignore
  samples: [
    { line: 'level=info ts=2024-01-02T03:04:05.5Z msg=x', time: '2024-01-02T03:04:05.500Z', text: '2024-01-02T03:04:05.5Z' },
    { line: 'time="2024-01-02T03:04:05Z" level=warning', time: '2024-01-02T03:04:05Z', text: '2024-01-02T03:04:05Z' },
    { line: 'logger=settings t=2025-04-24T19:51:48.520963849Z level=info', time: '2025-04-24T19:51:48.520Z', text: '2025-04-24T19:51:48.520963849Z' },
    { line: 'ts=1700000000.25 caller=main.go:1', time: '2023-11-14T22:13:20.250Z', text: '1700000000.25' },
  ],
}

/** Apache/nginx `%t`: `10.0.0.1 - - [22/Nov/2024:18:35:01 +0000] "GET / ..."`. */
export const apache: TimestampPattern = {
  name: 'apache',
  searches: true,
  inferred: false,
  read(line, r) {
    const b = line.indexOf('[')
    if (b < 0 || b > 128) return false
    if (line.charCodeAt(b + 3) !== 47 || line.charCodeAt(b + 7) !== 47) return false
    if (line.charCodeAt(b + 12) !== 58) return false
    const d = d2(line, b + 1)
    const mo = month3(line, b + 4)
    const y = d4(line, b + 8)
    const h = d2(line, b + 13)
    const mi = d2(line, b + 16)
    const s = d2(line, b + 19)
    if (d < 0 || mo < 0 || y < 0 || h < 0 || mi < 0 || s < 0 || !validTime(h, mi, s)) return false
    fraction(r, line, b + 21)
    zone(r, line, r.fracEnd)
    if (line.charCodeAt(r.zoneEnd) === 32) zone(r, line, r.zoneEnd + 1)
    const end = r.zoneEnd
    if (line.charCodeAt(end) !== 93) return false
    r.time = utcTime(r, y, mo, d, h, mi, s) + r.fracMs - r.zoneMinutes * 60_000
    r.relative = false
    r.start = b + 1
    r.end = end + 1
    r.pattern = 'apache'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '10.112.81.15 - - [15/Feb/2013:06:00:31 +0000] "-" 400 0', time: '2013-02-15T06:00:31Z', text: '15/Feb/2013:06:00:31 +0000]' },
    { line: '1.2.3.4 - - [22/Nov/2024:18:35:01 -0500] "GET /"', time: '2024-11-22T23:35:01Z', text: '22/Nov/2024:18:35:01 -0500]' },
  ],
}

/**
 * docker compose `web-1  | 2024-04-25T05:32:35.584725130Z ...` (service name, bar, ISO; the
 * ISO time is compose's own with `--timestamps`), or the service's own JSON line after the
 * bar: Caddy's zap output `caddy  | {"level":"info","ts":1761019822.3152757,...}`.
 */
export const compose: TimestampPattern = {
  name: 'compose',
  searches: true,
  inferred: false,
  read(line, r) {
    const bar = line.indexOf('| ')
    if (bar < 1 || bar > 64) return false
    const p = bar + 2
    if (line.charCodeAt(p) === 123) {
      if (!readJsonAt(line, p, r)) return false
      r.pattern = 'compose'
      return true
    }
    const end = readIso(line, p, r, 45)
    if (end < 0) return false
    r.relative = false
    r.start = p
    r.end = end
    r.pattern = 'compose'
    return true
  },
  // prettier-ignore
  samples: [
    { line: '\x1b[2Kweb-1  | 2024-04-25T05:32:35.584725130Z  * Serving', time: '2024-04-25T05:32:35.584Z', text: '2024-04-25T05:32:35.584725130Z' },
    { line: 'research_backend_caddy  | {"level":"info","ts":1757912767.6567812,"msg":"maxprocs: Leaving GOMAXPROCS=2: CPU quota undefined"}', time: '2025-09-15T05:06:07.656Z', text: '1757912767.6567812' },
  ],
}

/**
 * Go `log` with a prefix (`log.New(os.Stderr, "edgeproxy: ", log.LstdFlags)`), which the
 * logger prints before the date: `edgeproxy: 2026/11/22 19:46:06.074191 watchdog: ...`. The
 * prefix is one word (up to 48 characters) and a space.
 */
export const goLogPrefix: TimestampPattern = {
  name: 'go-log-prefix',
  searches: true,
  inferred: false,
  read(line, r) {
    const space = line.indexOf(' ')
    if (space < 1 || space > 48 || line.charCodeAt(space + 5) !== 47) return false // '/'
    const p = space + 1
    const end = readIso(line, p, r, 47)
    if (end < 0) return false
    r.relative = false
    r.start = p
    r.end = end
    r.pattern = 'go-log-prefix'
    return true
  },
  // prettier-ignore
  samples: [
    { line: 'edgeproxy: 2026/11/22 19:46:06.074191 started 18 background goroutines', time: '2026-11-22T19:46:06.074Z', text: '2026/11/22 19:46:06.074191' },
    { line: '[api] 2014/06/24 19:50:53 http: panic serving', time: '2014-06-24T19:50:53Z', text: '2014/06/24 19:50:53' },
  ],
}
