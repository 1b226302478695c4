/**
 * The one model every input format is read into.
 *
 * Modelled on the Firefox Profiler's processed profile: tables are structs of typed arrays,
 * rows refer to each other by index, and every string is interned once in `strings`. 420,000
 * goroutines with ten frames each then cost a few megabytes, and the whole model crosses the
 * worker boundary as transferable buffers instead of being copied as objects.
 */

import type {
  eventColumns,
  frameColumns,
  recordColumns,
  sampleValueColumns,
  stackColumns,
  TableOf,
} from './schema'

/** Milliseconds since the Unix epoch (UTC). */
export type Milliseconds = number
/** A size in bytes. */
export type Bytes = number
/** A 0-based line number in a source file. */
export type LineNumber = number

export type IndexIntoStringTable = number
export type IndexIntoFrameTable = number
export type IndexIntoStackTable = number
export type IndexIntoRecordTable = number
export type IndexIntoSourceTable = number

/** Marks "no value" in integer columns that hold indices. */
export const NONE = -1

/** What kind of code a frame belongs to; drives colours and "first application frame". */
export const FrameKind = {
  /** Application code (Go, C, C++, Rust ... written by the team). */
  app: 0,
  /** A language runtime: Go `runtime.*`, the JVM, the Python interpreter. */
  runtime: 1,
  /** A standard library: Go `net`, `sync`, libc, libstdc++. */
  stdlib: 2,
  /** Native code in a shared library, seen from a managed language. */
  native: 3,
  /** Kernel code. */
  kernel: 4,
  /** The boundary between Go and C (`runtime.cgocall`, `_Cfunc_*`, `_cgo_*`). */
  cgo: 5,
  /** A frame whose function is not known (`??`, `[unknown]`), kept with its module. */
  unknown: 6,
  /** Third-party dependency code (vendored Go modules, JARs, site-packages). */
  library: 7,
} as const
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind]
export const frameKindNames: Record<FrameKind, string> = {
  0: 'app',
  1: 'runtime',
  2: 'stdlib',
  3: 'native',
  4: 'kernel',
  5: 'cgo',
  6: 'unknown',
  7: 'library',
}

/** Frames: one row per distinct frame; columns in `frameColumns` (schema.ts). */
export type FrameTable = TableOf<typeof frameColumns>

/** Stacks as a prefix tree of (frame, prefix) nodes; columns in `stackColumns` (schema.ts). */
export type StackTable = TableOf<typeof stackColumns>

/** Records: goroutines, threads, allocation sites; columns in `recordColumns` (schema.ts). */
export type RecordTable = TableOf<typeof recordColumns>

export const RecordFlag = {
  /** This is the goroutine/thread that crashed (or the current thread in a debugger). */
  crashed: 1,
  /** Go: `locked to thread`. */
  lockedToThread: 2,
  /** The record's own stack was cut short (`...additional frames elided...`, truncation). */
  truncated: 4,
  /** Go: a system goroutine shown only with GOTRACEBACK=system or crash. */
  system: 8,
} as const

/** What happened, as the input itself says it: one per crash found. */
export type CrashFact = {
  /** `go`, `gdb`, `kernel` ... the format that reported it. */
  format: string
  /** `panic`, `fatal error`, `signal`, `segfault`, `leak` ... */
  kind: string
  /** The message: `runtime error: invalid memory address or nil pointer dereference`. */
  message: string
  /** Signal name (`SIGSEGV`) when there is one. */
  signal?: string
  /** Signal code as printed (`0x1`, `SEGV_MAPERR`). */
  code?: string
  /** Faulting address as printed (hex string: 64-bit values exceed Number precision). */
  addr?: string
  /** Program counter as printed. */
  pc?: string
  /** The crashing goroutine or thread id. */
  threadId?: number
  /** Record index of the crashing goroutine or thread, or NONE. */
  record: IndexIntoRecordTable
  /** When, if a timestamp was found on or before the crash line. */
  time?: Milliseconds
  /** The dump (snapshot index) this crash opened or happened in, when the input has dumps. */
  snapshot?: number
  /**
   * True when no line dates the crash itself and `time` is that of the last dated line before
   * it in its source: shown as approximate (≈).
   */
  timeApprox?: boolean
  source: IndexIntoSourceTable
  line: LineNumber
  /** Extra facts in reading order, e.g. `["exit status 2", "runtime stack: present"]`. */
  details: string[]
  /**
   * The Go runtime's own stack printed as `runtime stack:` (the system stack that threw),
   * leaf first as `func  file:line`. It is no goroutine, so it is kept here, not as a record.
   */
  runtimeStack?: string[]
}

export const EventKind = {
  log: 0,
  crash: 1,
  signal: 2,
  segfault: 3,
  snapshot: 4,
  restart: 5,
  marker: 6,
} as const
export type EventKind = (typeof EventKind)[keyof typeof EventKind]

/** Log levels, ordered by severity. */
export const Level = {
  none: 0,
  trace: 1,
  debug: 2,
  info: 3,
  warn: 4,
  error: 5,
  fatal: 6,
} as const
export type Level = (typeof Level)[keyof typeof Level]

/** Timestamped things for the timeline; columns in `eventColumns` (schema.ts). */
export type EventTable = TableOf<typeof eventColumns>

/** Values of sample types an input declares (pprof); columns in `sampleValueColumns` (schema.ts). */
export type SampleValueTable = TableOf<typeof sampleValueColumns>

/** A metric found in log lines: `goroutines: 250`, `alloc=7377040`. */
export type Series = {
  name: string
  unit?: string
  source: IndexIntoSourceTable
  time: Float64Array
  value: Float64Array
}

/**
 * One look at the process at a moment: a memleak / heap snapshot, or one goroutine or thread
 * dump among several (a supervisor's log with three panics, dumps taken an hour apart).
 * Records carry the index of the snapshot they were read in; views show one at a time.
 */
export type Snapshot = {
  label: string
  /** `dump` for a goroutine or thread dump; absent for allocation snapshots (memleak, heap). */
  kind?: 'dump'
  /** The format a dump was read in (`go`, `java`, `gdb` …). */
  format?: string
  time?: Milliseconds
  /** `time` is not printed with the snapshot but taken from the last dated line before it. */
  timeApprox?: boolean
  /**
   * Only the snapshot's totals were recorded, not where the memory was allocated (massif's
   * snapshots that are not detailed): it holds no records, so it is not a moment to show.
   */
  totalsOnly?: boolean
  bytes: Bytes
  allocations: number
  source: IndexIntoSourceTable
  line: LineNumber
}

/** A contiguous run of lines that one format's parser read. Lines are 0-based, inclusive. */
export type Region = {
  format: string
  firstLine: LineNumber
  lastLine: LineNumber
}

/**
 * A line that printed both clocks: a wall-clock date and the kernel's `[seconds]` since boot
 * (`Nov 22 18:35:01 host kernel: [4838261.071917] ...`). The machine booted at
 * `wall - sinceBoot`, which anchors since-boot times of the same boot, in any source.
 */
export type BootClock = {
  wall: Milliseconds
  /** The kernel's time since boot on that line, in milliseconds. */
  sinceBoot: Milliseconds
  line: LineNumber
}

export type SourceInfo = {
  name: string
  bytes: Bytes
  /** A short hex fingerprint of the content (size + sampled hash) used to key notes. */
  fingerprint: string
  lines: number
  unrecognizedLines: number
  regions: Region[]
  warnings: string[]
  /** First unrecognised lines (a few), to explain "nothing found". */
  preamble: string[]
  parseMs: number
  /** How the bytes were stored, to read lines again later. */
  compression: 'gzip' | 'zstd' | null
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  /** Terminal escape sequences were taken out of its lines (its first text held one), as
   *  they are again from the lines read back (see terminal-escapes.ts). */
  terminalEscapes?: true
  /**
   * A sparse line index: line `lineIndexLines[k]` starts at byte `lineOffsets[k]` of the
   * decompressed bytes, so a view can read a few lines back from the file without the text
   * ever being kept in memory. Lines ascend; entries are about `LINE_INDEX_STEP` lines apart.
   */
  lineIndexLines: Float64Array
  lineOffsets: Float64Array
  /** The first line of each boot that printed both clocks (at most `MAX_BOOT_CLOCKS`). */
  bootClocks: BootClock[]
  /**
   * Dates printed without a year (BSD syslog, klog): the year given to the first of them and
   * to the last (one more after a Dec -> Jan step), from the file's modification date or, for
   * pasted text, today. Absent when every date carried its year.
   */
  assumedYear?: { first: number; last: number; from: 'modified' | 'today' }
  /**
   * A crash's tail lines (`exit status 2`) read before this source had any crash. In a part of
   * a file cut across workers they belong to the last crash of the parts before; the merge
   * gives them to it. Absent when there were none.
   */
  detailsBeforeFirstCrash?: string[]
  /**
   * A log line with a restart word ("starting") came before any fatal error of this source.
   * In a part of a file cut across workers, it is a restart if a part before ended with a
   * fatal error, which the part cannot know.
   */
  restartWordBeforeFatal?: boolean
}

/** Boots remembered per source: a log of a machine rebooting every hour is not a list of anchors. */
export const MAX_BOOT_CLOCKS = 16
/** Two boot anchors closer than this are the same boot (syslog's delay, NTP steps). */
export const SAME_BOOT_MS = 60_000

export type Incident = {
  strings: string[]
  frames: FrameTable
  stacks: StackTable
  records: RecordTable
  events: EventTable
  series: Series[]
  snapshots: Snapshot[]
  crashes: CrashFact[]
  sources: SourceInfo[]
  /** Per-kind totals that a tool's own summary printed (`definitely lost` ...), keyed by kind. */
  leakKinds: Record<string, { bytes: Bytes; allocations: number }>
  /** Values of sample types that inputs declare themselves (pprof); empty when none did. */
  sampleValues: SampleValueTable
}

/**
 * What a profile measured, as it declares it (pprof `sample_type`): `inuse_space` in `bytes`,
 * `alloc_objects` in `count`, `cpu` in `nanoseconds`, `goroutine` in `count`.
 */
export type SampleType = { type: string; unit: string }

/**
 * The sample values as columns beside the record table (see `getSampleColumns`): a heap
 * profile has four weights (in-use and allocated, bytes and objects) where a record has one
 * `bytes`.
 */
export type SampleColumns = {
  /** Every sample type of every input, once each (same type and unit share a column). */
  types: SampleType[]
  /** One column per type, one value per record; NaN for records whose input lacks the type. */
  values: Float64Array[]
}
