/**
 * The first line of one sample in `perf script` output (tools/perf/builtin-script.c
 * `perf_sample__fprintf_start` and `process_event`, Linux 6.1):
 *
 *     hasher   458/460   21632.365774:    2004008 cpu-clock:         (-F +pid)
 *     perf-threads-de   458 21632.365774:    2004008 cpu-clock:     (default fields: tid)
 *     noploop 21796 [001] 1410597.984841: instructions:              (-a: cpu, -c: no period)
 *     swapper     0 [000]  3.123456789:          1 sched:sched_switch: prev_comm=...
 *
 * Fields in order: comm (may hold spaces, padded with `%16s`), `pid/tid` or one id (the tid
 * by default), `[cpu]` when recorded system-wide, the time in seconds (`%5lu.%06lu`, nine
 * decimals with `--ns`), the period (absent with `-F` lists without it or a fixed `-c`), and
 * the event name with its `:`. What follows the event on the line (a tracepoint's fields, or
 * the one frame of a sample recorded without `-g`) is `rest`. Read by hand, left to right, so
 * a hostile line costs one pass.
 */
export type PerfSampleHeader = {
  comm: string
  /** The process id, or -1 when only one id is printed. */
  pid: number
  /** The thread id (the only id perf prints by default). */
  tid: number
  /** The CPU, or -1 when not printed. */
  cpu: number
  /** Seconds as perf prints them: its own clock, since boot by default. */
  seconds: number
  /** The event's period (nanoseconds of a `cpu-clock` sample, cycles of `cycles`), or NaN. */
  period: number
  /** `cpu-clock`, `cycles:u`, `sched:sched_switch`. */
  event: string
  /** The text after the event's `:`, trimmed. */
  rest: string
}

/** Reads a sample header; null when the line is not one. */
export function parsePerfHeader(line: string): PerfSampleHeader | null {
  const first = line.charCodeAt(0)
  // Frames are indented with a tab; a header starts with the comm (or the spaces padding it).
  if (line.length < 12 || first === 9 /* \t */) return null
  for (let colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
    const after = line.charCodeAt(colon + 1)
    if (after !== 32 && colon + 1 !== line.length) continue
    const header = readAround(line, colon)
    if (header) return header
  }
  return null
}

/** The header whose time ends at `colon`, or null. */
function readAround(line: string, colon: number): PerfSampleHeader | null {
  // The time: digits, `.`, six or nine digits, then the colon.
  let i = colon - 1
  while (i >= 0 && isDigit(line.charCodeAt(i))) i--
  const decimals = colon - 1 - i
  if ((decimals !== 6 && decimals !== 9) || line.charCodeAt(i) !== 46 /* . */) return null
  const dot = i
  i--
  while (i >= 0 && isDigit(line.charCodeAt(i))) i--
  if (i === dot - 1 || i < 0 || line.charCodeAt(i) !== 32) return null
  const seconds = Number(line.slice(i + 1, colon))
  let end = skipSpacesBack(line, i)
  // `[cpu]`
  let cpu = -1
  if (line.charCodeAt(end) === 93 /* ] */) {
    const open = line.lastIndexOf('[', end)
    const digits = line.slice(open + 1, end)
    if (open < 0 || !/^\d{1,5}$/.test(digits)) return null
    cpu = Number(digits)
    end = skipSpacesBack(line, open - 1)
  }
  // `pid/tid` or one id; perf prints -1 for a sample without a thread.
  let start = end
  while (start >= 0 && line.charCodeAt(start) !== 32) start--
  const ids = /^(-?\d{1,10})(?:\/(-?\d{1,10}))?$/.exec(line.slice(start + 1, end + 1))
  if (!ids || start < 0) return null
  const comm = line.slice(0, start).trim()
  if (comm === '') return null
  const pid = ids[2] === undefined ? -1 : Number(ids[1])
  const tid = Number(ids[2] ?? ids[1])

  // After the time: an optional period, then `event:`.
  let j = colon + 1
  while (line.charCodeAt(j) === 32) j++
  let period = NaN
  const periodStart = j
  while (isDigit(line.charCodeAt(j))) j++
  if (j > periodStart && line.charCodeAt(j) === 32) {
    period = Number(line.slice(periodStart, j))
    while (line.charCodeAt(j) === 32) j++
  } else j = periodStart
  let eventEnd = -1
  for (let k = line.indexOf(':', j); k >= 0; k = line.indexOf(':', k + 1)) {
    if (k + 1 === line.length || line.charCodeAt(k + 1) === 32) {
      eventEnd = k
      break
    }
  }
  if (eventEnd <= j) return null
  const event = line.slice(j, eventEnd)
  if (event.includes(' ')) return null
  return { comm, pid, tid, cpu, seconds, period, event, rest: line.slice(eventEnd + 1).trim() }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** The index of the last non-space character at or before `i`. */
function skipSpacesBack(line: string, i: number): number {
  while (i >= 0 && line.charCodeAt(i) === 32) i--
  return i
}
