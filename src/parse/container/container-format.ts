import type { IncidentBuilder } from '../../model/builder'
import type { CrashFact } from '../../model/types'
import { EventKind, Level } from '../../model/types'
import { addEndedProcess } from '../ended-process'
import type { RegionFormat, RegionLine, RegionReader } from '../region'
import { isFatalSignal, signalFromExitStatus, signalName } from '../signals'
import {
  CONTAINER_HINTS,
  findContainerLine,
  parseComposeExit,
  parseDescribeField,
  parseDockerEvent,
} from './container-lines'

/**
 * How containers ended, as Docker Compose, `docker events` and `kubectl describe pod` say it
 * (container-lines.ts). An exit by a fatal signal (137 is 128 + SIGKILL, 139 SIGSEGV), an OOM
 * kill or a failing status is a crash fact, an event and a record named after the container,
 * so a restart loop is one row with a count. Status 0, and a stop by SIGTERM, SIGINT or SIGHUP
 * (`docker stop`, Ctrl-C), are events only.
 */
export const containerFormat: RegionFormat = {
  format: 'container',
  sniff: findContainerLine,
  hints: CONTAINER_HINTS,
  open: (builder) => new ContainerReader(builder),
}

/** What one container's end is known by. */
type Termination = {
  name: string
  status?: number
  /** kubectl's `Reason:` (`OOMKilled`, `Error`, `Completed`). */
  reason?: string
  message?: string
  /** A signal named beside the status (kubectl's `Signal:`). */
  signal?: string
  finished?: number
  details: string[]
  line: number
  time?: number
}

/** A `kubectl describe` section being read: its indent, and the termination it is in. */
type Describe = {
  indent: number
  container: string
  /** The `State:` line's indent and what was read under it, while in one. */
  state: { indent: number; end: Termination } | null
}

const SAID_REASONS = ['OOMKilled', 'Error', 'Completed']
/** `docker events` prints `oom` just before the `die` it explains. */
const OOM_NOTE = 'the OOM killer killed a process of this container'
/** Lines within which an `oom` event explains the `die` after it. */
const OOM_NOTE_REACH = 3

class ContainerReader implements RegionReader {
  private describe: Describe | null = null
  /** Containers the OOM killer reached, with the line it said so on. */
  private readonly oomKilled = new Map<string, number>()
  /** Each container's last crash, which `Restart Count:` adds to. */
  private readonly lastCrash = new Map<string, CrashFact>()

  constructor(private readonly b: IncidentBuilder) {}

  push(line: RegionLine): boolean {
    const text = line.text.trimEnd()
    if (this.describe !== null) return this.describeLine(this.describe, text, line)
    const compose = parseComposeExit(text)
    if (compose !== null) {
      this.ended({ ...compose, details: [], line: line.lineNo, time: line.time })
      return true
    }
    const event = parseDockerEvent(text)
    if (event !== null) {
      this.dockerEvent(event, line)
      return true
    }
    const field = parseDescribeField(text)
    if (field === null) return false
    const [indent, key] = field
    if (key === 'Containers' || key === 'Init Containers') {
      this.describe = { indent, container: 'container', state: null }
      return true
    }
    // A `State: Terminated` pasted without its container.
    const end = { name: 'container', details: [], line: line.lineNo }
    this.describe = { indent: -1, container: 'container', state: { indent, end } }
    return true
  }

  close(): void {
    if (this.describe?.state) this.ended(this.describe.state.end)
    this.describe = null
  }

  /** A line inside `Containers:`; false when the section has ended. */
  private describeLine(d: Describe, text: string, line: RegionLine): boolean {
    const field = parseDescribeField(text)
    const indent = text.length - text.trimStart().length
    if (d.state !== null) {
      // The `Terminated` block's fields, and the lines of a long message, lie deeper.
      if (text !== '' && indent > d.state.indent) {
        if (field !== null) this.terminationField(d.state.end, field[1], field[2])
        return true
      }
      this.ended(d.state.end)
      d.state = null
      // A block pasted without its `Containers:` ends with it.
      if (d.indent < 0) {
        this.describe = null
        return false
      }
    }
    if (text === '' || indent <= d.indent) {
      this.describe = null
      return false
    }
    if (field === null) return true
    const [, key, value] = field
    if (indent === d.indent + 2 && value === '') d.container = key
    else if ((key === 'State' || key === 'Last State') && value === 'Terminated')
      d.state = { indent, end: { name: d.container, details: [], line: line.lineNo } }
    else if (key === 'Restart Count' && /^\d+$/.test(value) && value !== '0')
      this.lastCrash.get(d.container)?.details.push(`restart count ${value}`)
    return true
  }

  private terminationField(end: Termination, key: string, value: string): void {
    if (key === 'Reason') end.reason = value
    else if (key === 'Message') end.message = value
    else if (key === 'Exit Code' && /^\d+$/.test(value)) end.status = Number(value)
    else if (key === 'Signal' && /^\d+$/.test(value)) end.signal = signalName(value)
    else if (key === 'Started' || key === 'Finished') {
      // RFC 1123 with a numeric zone; a container that never ran shows year 1.
      const time = Date.parse(value)
      const year = Number(/\b\d{4}\b/.exec(value)?.[0])
      if (Number.isFinite(time) && year >= 1970) {
        if (key === 'Finished') end.finished = time
        end.details.push(`${key.toLowerCase()} ${value}`)
      }
    }
  }

  private dockerEvent(e: NonNullable<ReturnType<typeof parseDockerEvent>>, line: RegionLine): void {
    if (e.action === 'oom') {
      this.oomKilled.set(e.name, line.lineNo)
      this.event(line.time, line.lineNo, Level.error, EventKind.log, `${e.name}: out of memory`)
    } else if (e.action === 'kill') {
      const signal = e.signal === undefined ? 'a signal' : signalName(e.signal)
      this.event(line.time, line.lineNo, Level.warn, EventKind.log, `${e.name}: sent ${signal}`)
    } else {
      const oom = this.oomKilled.get(e.name)
      this.oomKilled.delete(e.name)
      const near = oom !== undefined && line.lineNo - oom <= OOM_NOTE_REACH
      this.ended({
        name: e.name,
        status: e.status,
        details: near ? [OOM_NOTE] : [],
        line: line.lineNo,
        time: line.time,
      })
    }
  }

  /** Makes a container's end a crash, a record and an event, or an event alone. */
  private ended(end: Termination): void {
    const time = end.finished ?? end.time ?? NaN
    const signal =
      end.signal ?? (end.status === undefined ? undefined : signalFromExitStatus(end.status))
    const oom = end.reason === 'OOMKilled' || end.details.includes(OOM_NOTE)
    // kubectl's reasons that the state already says; others (`ContainerStatusUnknown`) are kept.
    const reason = end.reason && !SAID_REASONS.includes(end.reason) ? end.reason : undefined
    const status = end.status === undefined ? 'status unknown' : `exit ${end.status}`
    const why = reason ? `${status}, ${reason}` : status
    const state = oom
      ? `OOM killed (${why})`
      : signal !== undefined
        ? `killed by ${signal} (${why})`
        : end.status === undefined
          ? `terminated (${reason ?? status})`
          : `exited ${end.status}${reason ? ` (${reason})` : ''}`
    const message = `${end.name}: ${state}`
    if (!oom && (end.status === 0 || (signal !== undefined && !isFatalSignal(signal)))) {
      this.event(time, end.line, end.status === 0 ? Level.info : Level.warn, EventKind.log, message)
      return
    }
    const b = this.b
    const record = addEndedProcess(b, end.name, state, end.line)
    this.event(time, end.line, Level.error, signal ? EventKind.signal : EventKind.crash, message)
    const details = [...(end.reason ? [`reason ${end.reason}`] : []), ...end.details]
    if (end.message) details.push(end.message)
    const crash = b.addCrash({
      format: 'container',
      kind: oom ? 'oom kill' : signal !== undefined ? 'killed' : 'exit',
      message,
      signal,
      record,
      time: Number.isFinite(time) ? time : undefined,
      line: end.line,
      details,
    })
    this.lastCrash.set(end.name, crash)
  }

  private event(
    time: number | undefined,
    line: number,
    level: Level,
    kind: EventKind,
    label: string,
  ) {
    this.b.addEvent({ time: time ?? NaN, kind, level, line, label })
  }
}
