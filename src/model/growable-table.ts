import { GrowableArray } from '../lib/growable-array'
import type { ColumnType, IndexKind, TableOf, TableSchema } from './schema'

/** A row's values by column name; a missing column takes the schema's fill. */
export type RowValues<S extends TableSchema> = { readonly [K in keyof S]?: number }

type Column = { name: string; fill: number; array: GrowableArray<Int32ArrayConstructor> }

/**
 * A table under construction: one growable typed array per column of its schema, all the
 * same length. Rows are appended whole, so no column can be forgotten.
 */
export class GrowableTable<S extends TableSchema> {
  /** The columns by name, for reading and patching rows already added. */
  readonly columns: { readonly [K in keyof S]: GrowableArray<S[K]['type']> }
  private readonly list: Column[] = []

  constructor(schema: S) {
    const columns: Record<string, GrowableArray<S[keyof S]['type']>> = {}
    for (const [name, spec] of Object.entries(schema)) {
      // Every column starts as a run of its fill, which stores nothing until another value.
      const array = new GrowableArray(spec.type, 1024, spec.fill)
      columns[name] = array
      this.list.push({
        name,
        fill: spec.fill,
        array: array as GrowableArray<Int32ArrayConstructor>,
      })
    }
    this.columns = columns as GrowableTable<S>['columns']
  }

  /** Appends one row and returns its index. */
  push(row: RowValues<S>): number {
    const values = row as Readonly<Record<string, number | undefined>>
    let index = 0
    for (const c of this.list) index = c.array.push(values[c.name] ?? c.fill)
    return index
  }

  /** Makes room for `rows` rows in all (`GrowableArray.reserve`). */
  reserve(rows: number): void {
    for (const c of this.list) c.array.reserve(rows)
  }

  get length(): number {
    return this.list[0].array.length
  }

  /** Trimmed copies of every column, ready to transfer; throws if a column missed a row. */
  finish(): TableOf<S> {
    const table: Record<string, unknown> = { length: this.length }
    for (const c of this.list) {
      if (c.array.length !== this.length)
        throw new Error(`Column ${c.name} has ${c.array.length} rows, its table ${this.length}.`)
      table[c.name] = c.array.finish()
    }
    return table as TableOf<S>
  }
}

/**
 * How each kind of index moves when rows join another model (see `IndexKind`). Every kind is
 * listed, so a new kind of column cannot be carried over unmoved by mistake.
 */
export type Remap = { readonly [K in IndexKind]: (value: number) => number }

/** Appends every row of `from` to `to`, moving each indexing column by `remap`. */
export function appendRemapped<S extends TableSchema>(
  to: GrowableTable<S>,
  schema: S,
  from: TableOf<S>,
  remap: Remap,
): void {
  // Column by column: a bulk copy for plain values, one pass for indices.
  for (const [name, spec] of Object.entries(schema)) {
    const column = to.columns[name] as GrowableArray<ColumnType>
    column.pushAll(from[name] as ArrayLike<number>, spec.refs && remap[spec.refs])
  }
}
