/**
 * systemd's lines about a service's main process (src/core/service.c `service_sigchld_event`,
 * `service_enter_dead`, src/core/unit.c `unit_log_failure`, `unit_check_oom`), as journald and
 * syslog carry them after `systemd[1]: `:
 * - `api.service: Main process exited, code=killed, status=9/KILL` (`code=` is `exited`,
 *   `killed` or `dumped`; `status=` an exit status or a signal, with its name); before v236
 *   `main process exited` in lower case.
 * - `api.service: Failed with result 'oom-kill'.` (`exit-code`, `signal`, `core-dump`,
 *   `timeout`, `watchdog` …).
 * - `api.service: A process of this unit has been killed by the OOM killer.` (v243+).
 * - `api.service: Scheduled restart job, restart counter is at 5.`
 * Parsed with indexOf on the fixed words; a unit name holds no space.
 */

export type ServiceLine =
  | {
      type: 'exited'
      unit: string
      code: 'exited' | 'killed' | 'dumped'
      status: number
      name: string
    }
  | { type: 'failed'; unit: string; result: string }
  | { type: 'oom'; unit: string }
  | { type: 'restart'; unit: string; counter: number }

const EXITED = ': Main process exited, code='
const EXITED_OLD = ': main process exited, code='
const FAILED = ": Failed with result '"
const OOM = ': A process of this unit has been killed by the OOM killer.'
const RESTART = ': Scheduled restart job, restart counter is at '

/** The fixed texts one of which every service line holds (RegionFormat.hints). */
export const SERVICE_HINTS: readonly string[] = [EXITED, EXITED_OLD, FAILED, OOM, RESTART]

/** Where the unit name before `colon` starts: after the last space, or the line's start. */
function unitStart(line: string, colon: number): number {
  return line.lastIndexOf(' ', colon - 1) + 1
}

/** Where a service line starts in a log line (at its unit name), or -1. */
export function findServiceLine(line: string): number {
  for (const hint of SERVICE_HINTS) {
    const colon = line.indexOf(hint)
    if (colon <= 0) continue
    const start = unitStart(line, colon)
    return parseServiceLine(line.slice(start)) ? start : -1
  }
  return -1
}

/** A service line (its log prefix removed, starting at the unit name), or null. */
export function parseServiceLine(text: string): ServiceLine | null {
  const colon = text.indexOf(': ')
  if (colon <= 0 || text.lastIndexOf(' ', colon - 1) >= 0) return null
  const unit = text.slice(0, colon)
  const rest = text.slice(colon)
  if (rest.startsWith(EXITED) || rest.startsWith(EXITED_OLD)) {
    // `code=killed, status=9/KILL`
    const m = /^(exited|killed|dumped), status=(\d+)(?:\/([A-Z0-9_+-]+))?/.exec(
      rest.slice(EXITED.length),
    )
    if (!m) return null
    return {
      type: 'exited',
      unit,
      code: m[1] as 'exited' | 'killed' | 'dumped',
      status: Number(m[2]),
      name: m[3] ?? '',
    }
  }
  if (rest.startsWith(FAILED)) {
    const end = rest.indexOf("'", FAILED.length)
    return end < 0 ? null : { type: 'failed', unit, result: rest.slice(FAILED.length, end) }
  }
  if (rest.startsWith(OOM)) return { type: 'oom', unit }
  if (rest.startsWith(RESTART)) {
    const m = /^\d+/.exec(rest.slice(RESTART.length))
    return m ? { type: 'restart', unit, counter: Number(m[0]) } : null
  }
  return null
}
