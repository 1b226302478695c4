import type { IncidentBuilder } from '../../model/builder'
import type { CrashFact } from '../../model/types'
import { EventKind, Level } from '../../model/types'
import { addEndedProcess } from '../ended-process'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { findServiceLine, parseServiceLine, SERVICE_HINTS, type ServiceLine } from './service-lines'

/**
 * systemd's account of a service's death (service-lines.ts): a main process killed by a
 * signal or dumping core is a crash fact, an event and a record named after the unit (so a
 * restart loop is one row with a count); an exit with a failing status is an event and a
 * record, and a crash fact too; `Failed with result`, the OOM killer's note and the restart
 * counter are events, and details of the unit's last crash.
 */
export const systemdFormat: RegionFormat = {
  format: 'systemd',
  sniff: findServiceLine,
  hints: SERVICE_HINTS,
  open: (builder) => new SystemdReader(builder),
}

const OOM_NOTE = 'the OOM killer killed a process of this unit'
/** systemd's job lines: `Started api.service - API server.`, `Stopping api.service...`. */
const JOB_LINE =
  /^(?:Started|Starting|Stopped|Stopping|Failed to start) ([^\s]+?)(?: - |\.\.\.|\.$)/
/** Lines after an exit within which systemd's OOM note explains that exit. */
const OOM_NOTE_REACH = 3

class SystemdReader implements RegionReader {
  /** Each unit's last crash, which its later lines add to. */
  private readonly lastCrash = new Map<string, CrashFact>()
  /** Units this region has named. */
  private readonly units = new Set<string>()
  /** Units the OOM killer reached, for the crash that follows. */
  private readonly oomKilled = new Set<string>()

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text.trimEnd()
    const s = parseServiceLine(text)
    if (!s) return this.aboutKnownUnit(text, line)
    this.units.add(s.unit)
    if (s.type === 'exited') this.exited(s, line)
    else this.note(s, line)
    return true
  }

  /**
   * systemd's other lines about a unit already seen (`api.service: Consumed 4min CPU time.`,
   * `Started api.service - API server.`) stay in the region, as events, so that a restart
   * loop is one region and its restart counters reach the crash they follow.
   */
  private aboutKnownUnit(text: string, line: RegionLine): boolean {
    const colon = text.indexOf(': ')
    const unit = colon > 0 ? text.slice(0, colon) : JOB_LINE.exec(text)?.[1]
    if (unit === undefined || !this.units.has(unit)) return false
    this.event(line, Level.info, EventKind.log, text)
    return true
  }

  close(): void {}

  private exited(s: Extract<ServiceLine, { type: 'exited' }>, line: RegionLine): void {
    if (s.code === 'exited' && s.status === 0) {
      this.event(line, Level.info, EventKind.log, `${s.unit}: main process exited, status 0`)
      return
    }
    const signal = s.code === 'exited' ? undefined : `SIG${s.name || s.status}`
    const state =
      s.code === 'dumped'
        ? `dumped core (${signal})`
        : s.code === 'killed'
          ? `killed by ${signal}`
          : `exited ${s.status}${s.name ? ` (${s.name})` : ''}`
    const message = `${s.unit}: main process ${state}`
    const b = this.b
    const record = addEndedProcess(b, s.unit, state, line.lineNo)
    this.event(line, Level.error, signal ? EventKind.signal : EventKind.crash, message)
    const details = this.oomKilled.delete(s.unit) ? [OOM_NOTE] : []
    const crash = b.addCrash({
      format: 'systemd',
      kind: s.code === 'dumped' ? 'core dump' : s.code === 'killed' ? 'killed' : 'exit',
      message,
      signal,
      record,
      time: line.time,
      line: line.lineNo,
      details,
    })
    this.lastCrash.set(s.unit, crash)
  }

  private note(s: Exclude<ServiceLine, { type: 'exited' }>, line: RegionLine): void {
    const crash = this.lastCrash.get(s.unit)
    if (s.type === 'failed') {
      const text = `${s.unit}: failed with result '${s.result}'`
      this.event(line, Level.error, EventKind.log, text)
      crash?.details.push(`failed with result '${s.result}'`)
    } else if (s.type === 'oom') {
      this.event(
        line,
        Level.error,
        EventKind.log,
        `${s.unit}: a process was killed by the OOM killer`,
      )
      // systemd says so just before or just after the exit it explains.
      if (crash && line.lineNo - crash.line <= OOM_NOTE_REACH && !crash.details.includes(OOM_NOTE))
        crash.details.push(OOM_NOTE)
      else this.oomKilled.add(s.unit)
    } else {
      this.event(line, Level.warn, EventKind.restart, `${s.unit}: restart ${s.counter}`)
      crash?.details.push(`restart counter at ${s.counter}`)
    }
  }

  private event(line: RegionLine, level: Level, kind: EventKind, label: string): void {
    this.b.addEvent({ time: line.time ?? NaN, kind, level, line: line.lineNo, label })
  }
}
