/**
 * The one declaration of the model's typed-array tables: each column's array type, the value
 * a row gets when a parser says nothing, and what the column's numbers index into. The
 * builder's growable columns, the merge of a file parsed in parts, the transfer list and the
 * integrity check are all driven from here, so adding a column is one edit.
 *
 * Doc comments on the columns travel to the table types in `types.ts`.
 */

/** The typed arrays the model uses. */
export type ColumnType = Int32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor

/**
 * What a column's value points at, which decides how it moves when models are merged:
 * - `strings`, `frames`, `stacks`: an index into that table, or NONE (-1); re-interned;
 * - `records`, `snapshots`: an index into that table or list, or -1; shifted by the rows before;
 * - `lines`: a 0-based line of the source; shifted by the lines before;
 * - `sources`: an index into `sources`.
 */
export type IndexKind =
  'strings' | 'frames' | 'stacks' | 'records' | 'snapshots' | 'lines' | 'sources'

export type ColumnSpec = {
  type: ColumnType
  /** The value of a row that was given none. */
  fill: number
  /** What the value indexes into; absent for plain values (counts, times, flags). */
  refs?: IndexKind
}

export type TableSchema = Readonly<Record<string, ColumnSpec>>

/** The table type a schema declares: one typed array per column, plus the row count. */
export type TableOf<S extends TableSchema> = { [K in keyof S]: InstanceType<S[K]['type']> } & {
  length: number
}

// NONE is -1; spelled out here so this module depends on nothing.
const NONE = -1

/**
 * Frames: one row per distinct (function, file, line, module, kind). Arguments, `+0x..`
 * offsets and return addresses are not part of a frame's identity; the first address seen is
 * kept for display only.
 */
export const frameColumns = {
  func: { type: Int32Array, fill: NONE, refs: 'strings' },
  /** Source file, or NONE. */
  file: { type: Int32Array, fill: NONE, refs: 'strings' },
  /** Source line, or 0 when unknown (a line of the program's source, not of the input). */
  line: { type: Int32Array, fill: 0 },
  /** Library, package or module the function belongs to, or NONE. */
  module: { type: Int32Array, fill: NONE, refs: 'strings' },
  kind: { type: Uint8Array, fill: 0 },
  /** First address or offset seen (display only), or NONE. */
  address: { type: Int32Array, fill: NONE, refs: 'strings' },
} as const satisfies TableSchema

/**
 * Stacks as a prefix tree: each node is (frame, prefix). The prefix is the caller, so a
 * record's stack is a single leaf index and identical stacks cost one integer each.
 */
export const stackColumns = {
  frame: { type: Int32Array, fill: NONE, refs: 'frames' },
  /** The caller's node, or NONE for a root frame. */
  prefix: { type: Int32Array, fill: NONE, refs: 'stacks' },
  /** Distance from the root (root = 0). */
  depth: { type: Int32Array, fill: 0 },
  /**
   * Hash of the arguments of this frame as first seen (`argsHashOf`), or NONE. Set for formats
   * that print arguments (Go, gdb, Java's lock lines); only whether later ones differ is read
   * (`argsDiffer`), and a copy of the text cost a string per node: 2 million of them, 190 MB,
   * for half a million goroutines that share most frames but not their arguments.
   */
  args: { type: Int32Array, fill: NONE },
  /** 1 when records sharing this node were seen with different arguments for this frame. */
  argsDiffer: { type: Uint8Array, fill: 0 },
} as const satisfies TableSchema

/**
 * Records: one row per goroutine, thread, allocation site or leak record.
 * Weight columns are Float64 because byte counts exceed 2^31.
 */
export const recordColumns = {
  /** Leaf stack node, or NONE for a record with no frames. */
  stack: { type: Int32Array, fill: NONE, refs: 'stacks' },
  /** State string (`semacquire`, `chan receive`, `running`, `definitely lost`), or NONE. */
  state: { type: Int32Array, fill: NONE, refs: 'strings' },
  /** Minutes waited as printed by the Go runtime (`[select, 27 minutes]`), or -1. */
  waitMinutes: { type: Float64Array, fill: -1 },
  /** The goroutine or thread id, or -1. */
  id: { type: Float64Array, fill: -1 },
  /** Thread or goroutine name (gdb `Thread 0x.. (LWP n) "name"`, Java thread name), or NONE. */
  name: { type: Int32Array, fill: NONE, refs: 'strings' },
  /** Stack of the `created by` site (Go), or NONE. */
  createdBy: { type: Int32Array, fill: NONE, refs: 'stacks' },
  /** Id of the goroutine that created this one (Go 1.21+ `created by F in goroutine N`), or -1. */
  parentId: { type: Float64Array, fill: -1 },
  /** Weights. `count` is 1 per goroutine/thread and the allocation count for leak records. */
  count: { type: Float64Array, fill: 1 },
  bytes: { type: Float64Array, fill: 0 },
  allocations: { type: Float64Array, fill: 0 },
  /** When this record was observed (memleak snapshot time), or NaN. */
  time: { type: Float64Array, fill: NaN },
  /** Snapshot index for inputs made of several snapshots, or -1. */
  snapshot: { type: Int32Array, fill: NONE, refs: 'snapshots' },
  /**
   * Hash of all arguments of the stack; records with equal stacks and hashes are "exact" twins.
   * 32 bits, computed while the argument text streams past: of n records on one stack, about
   * n^2 / 2^33 pairs with different arguments share a hash by chance (some 20 in a
   * 420,000-goroutine dump). A second hash lane would fix that for 5-20% more parse time.
   */
  argsHash: { type: Int32Array, fill: 0 },
  /** Bit flags, see `RecordFlag`. */
  flags: { type: Uint8Array, fill: 0 },
  source: { type: Int32Array, fill: NONE, refs: 'sources' },
  /** First line of the record in its source. */
  line: { type: Int32Array, fill: 0, refs: 'lines' },
  /** String labels as `key=value` pairs joined by `, ` (pprof labels), or NONE. */
  labels: { type: Int32Array, fill: NONE, refs: 'strings' },
} as const satisfies TableSchema

/** Timestamped things for the timeline. The text stays in the source; rows keep offsets. */
export const eventColumns = {
  /** Milliseconds since the epoch, or since boot/start when `relative` is 1; NaN if unknown. */
  time: { type: Float64Array, fill: NaN },
  /** 1 when `time` counts from boot or process start (kernel `[4838261.07]`, valgrind elapsed). */
  relative: { type: Uint8Array, fill: 0 },
  kind: { type: Uint8Array, fill: 0 },
  level: { type: Uint8Array, fill: 0 },
  source: { type: Int32Array, fill: NONE, refs: 'sources' },
  line: { type: Int32Array, fill: 0, refs: 'lines' },
  /** A short label (e.g. `haproxy[610] segfault read in ld-musl...+5105b`), or NONE. */
  label: { type: Int32Array, fill: NONE, refs: 'strings' },
} as const satisfies TableSchema

/**
 * Values of the sample types an input declares itself (pprof `sample_type`: `inuse_space` in
 * `bytes`, `alloc_objects` in `count`, `cpu` in `nanoseconds`), one row per record and type: a
 * heap profile has four weights per record where the record table has one `bytes`. A row
 * with no record declares a type, so a profile's types are listed even before any value.
 */
export const sampleValueColumns = {
  /** The record the value belongs to, or NONE for a row that only declares the type. */
  record: { type: Int32Array, fill: NONE, refs: 'records' },
  /** The sample type's name as the input declares it (`inuse_space`). */
  type: { type: Int32Array, fill: NONE, refs: 'strings' },
  /** Its unit (`bytes`, `count`, `nanoseconds`). */
  unit: { type: Int32Array, fill: NONE, refs: 'strings' },
  value: { type: Float64Array, fill: NaN },
} as const satisfies TableSchema

/** Every table of the model, by its name in `Incident`. */
export const modelTables = {
  frames: frameColumns,
  stacks: stackColumns,
  records: recordColumns,
  events: eventColumns,
  sampleValues: sampleValueColumns,
} as const

/** A table with no rows. */
export function emptyTable<S extends TableSchema>(schema: S, length = 0): TableOf<S> {
  const table: Record<string, unknown> = { length }
  for (const [name, column] of Object.entries(schema)) {
    const array = new column.type(length)
    if (column.fill !== 0) array.fill(column.fill)
    table[name] = array
  }
  return table as TableOf<S>
}

/** A table's columns as (name, spec) pairs, for code that walks every column. */
export function columnsOf(schema: TableSchema): [string, ColumnSpec][] {
  return Object.entries(schema)
}

/** A table's columns by name, for code that walks every column. */
export function columnArrays(table: object): Record<string, ArrayLike<number>> {
  return table as Record<string, ArrayLike<number>>
}
