/** Typed-array constructors the model's columns use. */
type TypedArrayCtor =
  Int32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor | Float32ArrayConstructor
type TypedArrayOf<C extends TypedArrayCtor> = InstanceType<C>

/**
 * An append-only typed array of unknown final length: amortised O(1) per push and no boxed
 * numbers. Its array doubles as it fills, and `finish` hands it over trimmed by `subarray`,
 * not copied: a new typed array's pages are taken from the system only where written, so the
 * room past the last value costs address space, not memory. The copy a trimmed or joined
 * array made held every column twice at the end of a parse (a million distinct goroutines:
 * 120 MB more at the peak).
 *
 * Given a `uniform` value, it stores nothing while every value pushed is that one: most of a
 * record's columns never leave their fill for a given input (a goroutine has no bytes, no
 * snapshot, no labels), and filling those columns was a tenth of a dump's parse.
 */
export class GrowableArray<C extends TypedArrayCtor> {
  /** The values, and room for more. */
  private data: TypedArrayOf<C>
  length = 0
  /** The value of every element so far, none stored; null once a different one came. */
  private uniform: number | null
  /** The length `reserve` asked room for: the size of the array a uniform run leaves for. */
  private reserved = 0

  constructor(
    private readonly ctor: C,
    private readonly capacity = 1024,
    uniform: number | null = null,
  ) {
    this.uniform = uniform
    this.data = new ctor(uniform === null ? capacity : 0) as TypedArrayOf<C>
  }

  push(value: number): number {
    if (this.uniform !== null) {
      if (sameValue(value, this.uniform)) return this.length++
      this.storeAll()
    }
    if (this.length === this.data.length) this.grow(1)
    this.data[this.length] = value
    return this.length++
  }

  /**
   * Appends every value of `values`, each moved by `move` when given: one growth and a bulk
   * copy for a whole column, where `push` per value checks the capacity each time.
   */
  pushAll(values: ArrayLike<number>, move?: (value: number) => number): void {
    const n = values.length
    if (this.uniform !== null) {
      if (!move && everyIs(values, this.uniform)) {
        this.length += n
        return
      }
      this.storeAll()
    }
    if (this.length + n > this.data.length) this.grow(n)
    const data = this.data
    const at = this.length
    if (move) for (let k = 0; k < n; k++) data[at + k] = move(values[k])
    else if (ArrayBuffer.isView(values)) data.set(values as never, at)
    else for (let k = 0; k < n; k++) data[at + k] = values[k]
    this.length += n
  }

  /**
   * Makes room for `total` values in all, when a caller can tell how many will come (a log's
   * lines from its size): one array of that length, where doubling as values came copied each
   * value once or twice more. A uniform run stores nothing yet, and takes the room when it
   * ends.
   */
  reserve(total: number): void {
    if (this.uniform !== null) {
      this.reserved = Math.max(this.reserved, total)
      return
    }
    if (total <= this.data.length) return
    const next = new this.ctor(total) as TypedArrayOf<C>
    next.set(this.data.subarray(0, this.length) as never)
    this.data = next
  }

  /** Appends `n` copies of `value`. */
  pushRepeated(value: number, n: number): void {
    if (this.uniform !== null) {
      if (sameValue(value, this.uniform)) {
        this.length += n
        return
      }
      this.storeAll()
    }
    if (this.length + n > this.data.length) this.grow(n)
    this.data.fill(value, this.length, this.length + n)
    this.length += n
  }

  get(index: number): number {
    if (this.uniform !== null) return this.uniform
    return this.data[index]
  }

  set(index: number, value: number): void {
    if (this.uniform !== null) {
      if (sameValue(value, this.uniform)) return
      this.storeAll()
    }
    this.data[index] = value
  }

  /**
   * The values, as the array itself when it is full, else a `subarray` of it: nothing is
   * copied. Where the engine can move a buffer into a shorter one (`ArrayBuffer.transfer`,
   * as Chromium can), the values get a buffer of their own length and the longer one is
   * freed at once: a transferred buffer counts at its whole length in the page that takes it.
   * That move copies the values, so it is made only when the room left is more than an
   * eighth of them: two million folded lines' 16 million stack nodes filled 97% of their
   * columns, and moving them copied 200 MB for 6 MB freed. Nothing is pushed or set after.
   */
  finish(): TypedArrayOf<C> {
    if (this.uniform !== null) return this.uniformArray(this.length, this.length)
    const data = this.data
    if (this.length === data.length) return data
    const buffer = data.buffer as ArrayBuffer & { transfer?: (byteLength: number) => ArrayBuffer }
    if (typeof buffer.transfer === 'function' && (data.length - this.length) * 8 > this.length) {
      this.data = new this.ctor(
        buffer.transfer(this.length * data.BYTES_PER_ELEMENT),
      ) as TypedArrayOf<C>
      return this.data
    }
    return data.subarray(0, this.length) as TypedArrayOf<C>
  }

  /** Leaves the uniform run: its values are stored, with room after. */
  private storeAll(): void {
    const n = this.length
    this.data = this.uniformArray(n, Math.max(this.capacity, n * 2, this.reserved))
    this.uniform = null
  }

  /** An array of `size` elements, the first `n` of them the uniform value. */
  private uniformArray(n: number, size: number): TypedArrayOf<C> {
    const data = new this.ctor(size) as TypedArrayOf<C>
    if (this.uniform !== 0) data.fill(this.uniform!, 0, n)
    return data
  }

  /** Makes room for `more` values about to be appended: at least twice the room there was. */
  private grow(more: number): void {
    const size = Math.max(16, this.data.length * 2, this.length + more)
    const next = new this.ctor(size) as TypedArrayOf<C>
    next.set(this.data.subarray(0, this.length) as never)
    this.data = next
  }
}

function everyIs(values: ArrayLike<number>, value: number): boolean {
  for (let i = 0; i < values.length; i++) if (!sameValue(values[i], value)) return false
  return true
}

/** Equal as stored values: NaN is NaN (a time not known), and 0 is -0. */
function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b)
}
