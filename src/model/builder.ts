import { GrowableArray } from '../lib/growable-array'
import { flatString } from '../lib/flat-string'
import type {
  Bytes,
  CrashFact,
  EventTable,
  Incident,
  IndexIntoRecordTable,
  IndexIntoStackTable,
  IndexIntoStringTable,
  LineNumber,
  Milliseconds,
  RecordTable,
  Region,
  SampleValueTable,
  Series,
  Snapshot,
  SourceInfo,
} from './types'
import { EventKind, Level, MAX_BOOT_CLOCKS, NONE, SAME_BOOT_MS } from './types'
import { appendRemapped, GrowableTable, type Remap } from './growable-table'
import { eventColumns, modelTables, recordColumns, sampleValueColumns } from './schema'
import { StackTreeBuilder } from './stack-tree-builder'
import { LogEventBatch } from './log-event-batch'
import { RecordBatch } from './record-batch'

export { argsHashOf, argsHashOfPairs, type FrameInput } from './stack-tree-builder'

/** The time a line had, and whether it printed it itself (else: the last dated line before). */
export type LineTime = { time: Milliseconds; exact: boolean }

/** A metric series while points are added. */
export type SeriesColumns = {
  name: string
  unit?: string
  source: number
  time: GrowableArray<Float64ArrayConstructor>
  value: GrowableArray<Float64ArrayConstructor>
}

/** What a parser knows about one record; every field but `stack` is optional. */
export type RecordInput = {
  stack: IndexIntoStackTable
  state?: string
  waitMinutes?: number
  id?: number
  name?: string
  createdBy?: IndexIntoStackTable
  parentId?: number
  count?: number
  bytes?: Bytes
  allocations?: number
  time?: Milliseconds
  snapshot?: number
  argsHash?: number
  flags?: number
  line: LineNumber
  /** String labels as `key=value` pairs joined by `, ` (pprof labels). */
  labels?: string
}

export type EventInput = {
  time: Milliseconds
  /** `time` counts from boot or process start rather than the epoch. */
  relative?: boolean
  kind: EventKind
  level?: Level
  line: LineNumber
  label?: string
}

/** Lines between two entries of a source's line index: 5M lines cost 40 KB. */
export const LINE_INDEX_STEP = 1000

/**
 * Owns the model's invariants: strings interned once, frames deduplicated by identity, stacks
 * shared through the prefix tree, every column the same length. Parsers only call it.
 */
export class IncidentBuilder extends StackTreeBuilder {
  private readonly records = new GrowableTable(recordColumns)
  // Stack records not yet in `records` (`addStackRecord`): every use of `records` empties it
  // first, so the table reads as if each had been added alone.
  private readonly recordBatch = new RecordBatch()
  private readonly events = new GrowableTable(eventColumns)
  // Log lines' events not yet in `events` (`addLogEvent`): every use of `events` empties it
  // first, so the table reads as if each had been added alone.
  private readonly logEvents = new LogEventBatch()
  private readonly sampleValues = new GrowableTable(sampleValueColumns)
  // Declared sample types by `type\0unit`: their string indices, in the order declared.
  private readonly sampleTypeIndex = new Map<string, number>()
  private readonly sampleTypes: { type: IndexIntoStringTable; unit: IndexIntoStringTable }[] = []

  private readonly seriesByKey = new Map<string, SeriesColumns>()
  // The current source's series by bare name: a log line adds a few points, and building the
  // `source\0name` key for each cost more than storing the point.
  private seriesOfSource = new Map<string, SeriesColumns>()
  private seriesSource = NONE
  private readonly snapshots: Snapshot[] = []
  private readonly crashes: CrashFact[] = []
  private readonly sources: SourceInfo[] = []
  private readonly leakKinds: Incident['leakKinds'] = {}

  /** The source currently being parsed; records and events are attributed to it. */
  currentSource = NONE
  // Where the current source's events and crashes start, for `settleCrashes`.
  private sourceEventStart = 0
  private sourceCrashStart = 0

  addRecord(r: RecordInput): IndexIntoRecordTable {
    this.flushRecords()
    // Column by column rather than through `push(row)`: one call site per column keeps each
    // store monomorphic. `finish` checks none is missed.
    const c = this.records.columns
    const fill = recordColumns
    c.stack.push(r.stack)
    c.state.push(this.internOptional(r.state))
    c.waitMinutes.push(r.waitMinutes ?? fill.waitMinutes.fill)
    c.id.push(r.id ?? fill.id.fill)
    c.name.push(this.internOptional(r.name))
    c.createdBy.push(r.createdBy ?? fill.createdBy.fill)
    c.parentId.push(r.parentId ?? fill.parentId.fill)
    c.count.push(r.count ?? fill.count.fill)
    c.bytes.push(r.bytes ?? fill.bytes.fill)
    c.allocations.push(r.allocations ?? fill.allocations.fill)
    c.time.push(r.time ?? fill.time.fill)
    c.snapshot.push(r.snapshot ?? fill.snapshot.fill)
    c.argsHash.push(r.argsHash ?? fill.argsHash.fill)
    c.flags.push(r.flags ?? fill.flags.fill)
    c.source.push(this.currentSource)
    c.labels.push(this.internOptional(r.labels))
    return c.line.push(r.line)
  }

  /**
   * Adds a record of the fields a dump's goroutine sets (`addRecord` of a RecordInput with
   * only these; undefined is the column's fill), held in a batch with the records after it,
   * so most cost no call per column. Returns its index, as `addRecord` does.
   */
  addStackRecord(
    stack: IndexIntoStackTable,
    state: string | undefined,
    waitMinutes: number | undefined,
    id: number | undefined,
    createdBy: IndexIntoStackTable,
    parentId: number | undefined,
    argsHash: number,
    flags: number,
    line: LineNumber,
  ): IndexIntoRecordTable {
    const batch = this.recordBatch
    const record = this.records.length + batch.count
    const fill = recordColumns
    const full = batch.add(
      stack,
      this.internOptional(state),
      waitMinutes ?? fill.waitMinutes.fill,
      id ?? fill.id.fill,
      createdBy,
      parentId ?? fill.parentId.fill,
      argsHash,
      flags,
      this.currentSource,
      line,
    )
    if (full) this.flushRecords()
    return record
  }

  /** Appends the batched stack records to the record columns. */
  private flushRecords(): void {
    const batch = this.recordBatch
    const n = batch.count
    if (n === 0) return
    batch.count = 0
    const c = this.records.columns
    const fill = recordColumns
    c.stack.pushAll(batch.stack.subarray(0, n))
    c.state.pushAll(batch.state.subarray(0, n))
    c.waitMinutes.pushAll(batch.waitMinutes.subarray(0, n))
    c.id.pushAll(batch.id.subarray(0, n))
    c.name.pushRepeated(fill.name.fill, n)
    c.createdBy.pushAll(batch.createdBy.subarray(0, n))
    c.parentId.pushAll(batch.parentId.subarray(0, n))
    c.count.pushRepeated(fill.count.fill, n)
    c.bytes.pushRepeated(fill.bytes.fill, n)
    c.allocations.pushRepeated(fill.allocations.fill, n)
    c.time.pushRepeated(fill.time.fill, n)
    c.snapshot.pushRepeated(fill.snapshot.fill, n)
    c.argsHash.pushAll(batch.argsHash.subarray(0, n))
    c.flags.pushAll(batch.flags.subarray(0, n))
    c.source.pushAll(batch.source.subarray(0, n))
    c.labels.pushRepeated(fill.labels.fill, n)
    c.line.pushAll(batch.line.subarray(0, n))
  }

  /**
   * A sample type an input declares (pprof `sample_type`), as a handle for
   * `setRecordSamples`; the first sight of a type and unit declares it in the model.
   */
  sampleType(type: string, unit: string): number {
    const key = `${type}\u0000${unit}`
    let handle = this.sampleTypeIndex.get(key)
    if (handle === undefined) {
      const declared = { type: this.intern(type), unit: this.intern(unit) }
      this.sampleValues.push(declared)
      handle = this.sampleTypes.length
      this.sampleTypes.push(declared)
      this.sampleTypeIndex.set(flatString(key), handle)
    }
    return handle
  }

  /** Adds a record's values of declared sample types: `values[k]` of type handle `types[k]`. */
  setRecordSamples(
    record: IndexIntoRecordTable,
    types: readonly number[],
    values: ArrayLike<number>,
  ): void {
    for (let k = 0; k < types.length; k++)
      this.sampleValues.push({ record, ...this.sampleTypes[types[k]], value: values[k] })
  }

  /**
   * Appends rows already expressed as model indices (a part of a file parsed on its own),
   * moving each value by `remap` according to what it indexes into.
   */
  appendRows(
    table: 'records' | 'events' | 'sampleValues',
    from: RecordTable | EventTable | SampleValueTable,
    remap: Remap,
  ): void {
    this.flushLogEvents()
    this.flushRecords()
    appendRemapped(this[table], modelTables[table], from, remap)
  }

  /** Adds flags to an existing record (e.g. marking the crashing goroutine once it is known). */
  flagRecord(record: IndexIntoRecordTable, flags: number): void {
    this.flushRecords()
    const column = this.records.columns.flags
    column.set(record, column.get(record) | flags)
  }

  get recordCount(): number {
    return this.records.length + this.recordBatch.count
  }

  addEvent(e: EventInput): number {
    this.flushLogEvents()
    // Column by column, as in `addRecord`.
    const c = this.events.columns
    c.time.push(e.time)
    c.relative.push(e.relative ? 1 : 0)
    c.kind.push(e.kind)
    c.level.push(e.level ?? eventColumns.level.fill)
    c.source.push(this.currentSource)
    c.line.push(e.line)
    return c.label.push(this.internOptional(e.label))
  }

  /**
   * Adds the event of a plain log line: `addEvent` of a log event at a wall-clock time, without
   * a label. Held in a batch with the lines after it, so most lines cost no call per column.
   */
  addLogEvent(time: Milliseconds, level: Level, line: LineNumber): void {
    if (this.logEvents.add(time, level, line)) this.flushLogEvents()
  }

  /** Appends the batched log events to the event columns. */
  private flushLogEvents(): void {
    const batch = this.logEvents
    const n = batch.count
    if (n === 0) return
    batch.count = 0
    const c = this.events.columns
    c.time.pushAll(batch.times.subarray(0, n))
    c.relative.pushRepeated(0, n)
    c.kind.pushRepeated(EventKind.log, n)
    c.level.pushAll(batch.levels.subarray(0, n))
    c.source.pushRepeated(this.currentSource, n)
    c.line.pushAll(batch.lines.subarray(0, n))
    c.label.pushRepeated(NONE, n)
  }

  /** Makes room for `count` more events, about to be added (see `GrowableArray.reserve`). */
  reserveEvents(count: number): void {
    this.flushLogEvents()
    this.events.reserve(this.events.length + count)
  }

  get eventCount(): number {
    this.flushLogEvents()
    return this.events.length
  }

  /** Appends one point to the metric series `name` of the current source. */
  addSeriesPoint(name: string, time: Milliseconds, value: number, unit?: string): void {
    const s = this.seriesPoints(name, unit)
    s.time.push(time)
    s.value.push(value)
  }

  /**
   * The columns of the metric series `name` of the current source, made with `unit` if new,
   * for a parser that appends to one series many times to keep instead of looking it up per
   * point (`addSeriesPoint` pushes one time and one value).
   */
  seriesPoints(name: string, unit?: string): SeriesColumns {
    if (this.seriesSource !== this.currentSource) {
      this.seriesOfSource = new Map()
      this.seriesSource = this.currentSource
    }
    let s = this.seriesOfSource.get(name)
    if (s) return s
    const key = `${this.currentSource}\u0000${name}`
    s = this.seriesByKey.get(key)
    if (!s) {
      s = {
        name: flatString(name),
        unit: unit === undefined ? undefined : flatString(unit),
        source: this.currentSource,
        time: new GrowableArray(Float64Array, 64),
        value: new GrowableArray(Float64Array, 64),
      }
      this.seriesByKey.set(flatString(key), s)
    }
    this.seriesOfSource.set(flatString(name), s)
    return s
  }

  addSnapshot(s: Omit<Snapshot, 'source'>): number {
    this.snapshots.push({ ...s, source: this.currentSource })
    return this.snapshots.length - 1
  }

  /** A crash's tail line read where the source has no crash yet: see `detailsBeforeFirstCrash`. */
  noteDetailBeforeFirstCrash(text: string): void {
    if (this.sourceCrashStart !== this.crashes.length) return
    const details = (this.source.detailsBeforeFirstCrash ??= [])
    if (!details.includes(text)) details.push(text)
  }

  addCrash(c: Omit<CrashFact, 'source'>): CrashFact {
    const crash = { ...c, source: this.currentSource }
    this.crashes.push(crash)
    return crash
  }

  /**
   * Ends the current source's crashes: each gets a time and a timeline event. A crash no line
   * dates takes the time of the last dated line before it (`timeAt`), marked approximate: a
   * Go crash after the last line of `kubectl logs --previous` happened at or just after it.
   */
  settleCrashes(timeAt: (line: LineNumber) => LineTime | null): void {
    this.flushLogEvents()
    const ev = this.events.columns
    if (this.sourceCrashStart === this.crashes.length) return
    // The events a parser already added on the crash lines (a segfault line, valgrind's
    // `Invalid read` as an error), crash-like ones first.
    const crashLines = new Set<LineNumber>()
    for (let c = this.sourceCrashStart; c < this.crashes.length; c++) {
      crashLines.add(this.crashes[c].line)
    }
    const eventAt = new Map<LineNumber, number>()
    for (let i = this.sourceEventStart; i < ev.line.length; i++) {
      const line = ev.line.get(i)
      if (!crashLines.has(line)) continue
      const seen = eventAt.get(line)
      if (seen === undefined || (!isCrashKind(ev.kind.get(seen)) && isCrashKind(ev.kind.get(i)))) {
        eventAt.set(line, i)
      }
    }
    for (let c = this.sourceCrashStart; c < this.crashes.length; c++) {
      const crash = this.crashes[c]
      const event = eventAt.get(crash.line)
      const at = timeAt(crash.line)
      const known = crash.time !== undefined && !Number.isNaN(crash.time)
      if (!known && event !== undefined && !Number.isNaN(ev.time.get(event))) {
        // Its line is dated on a clock of its own (the kernel's `[seconds]` since boot).
        if (ev.relative.get(event) === 0) crash.time = ev.time.get(event)
      } else if (!known) {
        if (at) {
          crash.time = at.time
          if (!at.exact) crash.timeApprox = true
        }
      } else if (at && !at.exact && at.time === crash.time) {
        // The parser passed on the time its line inherited from a line before.
        crash.timeApprox = true
      }
      if (event === undefined) {
        eventAt.set(
          crash.line,
          this.addEvent({
            time: crash.time ?? NaN,
            kind: EventKind.crash,
            level: Level.fatal,
            line: crash.line,
            label: `${crash.kind}: ${crash.message.split('\n', 1)[0]}`.slice(0, 200),
          }),
        )
      } else if (Number.isNaN(ev.time.get(event)) && crash.time !== undefined) {
        ev.time.set(event, crash.time)
        ev.relative.set(event, 0)
      }
    }
  }

  /** Records a total that the tool's own summary printed, per leak kind. */
  addLeakKind(kind: string, bytes: Bytes, allocations: number): void {
    const k = (this.leakKinds[kind] ??= { bytes: 0, allocations: 0 })
    k.bytes += bytes
    k.allocations += allocations
  }

  beginSource(name: string, bytes: Bytes, fingerprint: string): number {
    this.sources.push({
      name,
      bytes,
      fingerprint,
      lines: 0,
      unrecognizedLines: 0,
      regions: [],
      warnings: [],
      preamble: [],
      parseMs: 0,
      compression: null,
      encoding: 'utf-8',
      lineIndexLines: new Float64Array(0),
      lineOffsets: new Float64Array(0),
      bootClocks: [],
    })
    this.flushLogEvents()
    this.currentSource = this.sources.length - 1
    this.sourceEventStart = this.events.length
    this.sourceCrashStart = this.crashes.length
    return this.currentSource
  }

  /**
   * Forgets the source just begun (an archive member found to be binary before any of it was
   * read into the model), so it is not listed.
   */
  discardSource(): void {
    this.sources.pop()
    this.currentSource = this.sources.length - 1
  }

  /** The source being parsed, for the scanner to fill in counts and regions. */
  get source(): SourceInfo {
    return this.sources[this.currentSource]
  }

  addRegion(region: Region): void {
    this.source.regions.push(region)
  }

  /**
   * Notes a line that printed a wall-clock date and the kernel's time since boot. Only the
   * first line of each boot is kept: later lines of one boot give the same anchor, give or
   * take syslog's delay and the clock's drift.
   */
  noteBootClock(wall: Milliseconds, sinceBoot: Milliseconds, line: LineNumber): void {
    if (!Number.isFinite(wall) || !Number.isFinite(sinceBoot)) return
    const clocks = this.source.bootClocks
    const last = clocks.at(-1)
    if (last && Math.abs(last.wall - last.sinceBoot - (wall - sinceBoot)) < SAME_BOOT_MS) return
    if (clocks.length < MAX_BOOT_CLOCKS) clocks.push({ wall, sinceBoot, line })
  }

  warn(message: string): void {
    const w = this.source.warnings
    if (w.length < 100 && !w.includes(message)) w.push(message)
  }

  build(): Incident {
    this.flushLogEvents()
    this.flushRecords()
    this.storedStrings.copyPending()
    const series: Series[] = []
    for (const s of this.seriesByKey.values()) {
      series.push({
        name: s.name,
        unit: s.unit,
        source: s.source,
        time: s.time.finish(),
        value: s.value.finish(),
      })
    }
    return {
      strings: this.strings,
      frames: this.frames.finish(),
      stacks: this.stacks.finish(),
      records: this.records.finish(),
      events: this.events.finish(),
      sampleValues: this.sampleValues.finish(),
      series,
      snapshots: this.snapshots,
      crashes: this.crashes,
      sources: this.sources,
      leakKinds: this.leakKinds,
    }
  }
}

function isCrashKind(kind: number): boolean {
  return kind === EventKind.crash || kind === EventKind.signal || kind === EventKind.segfault
}
