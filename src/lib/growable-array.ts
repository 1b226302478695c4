/** Typed-array constructors the model's columns use. */
type TypedArrayCtor =
  Int32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor | Float32ArrayConstructor
type TypedArrayOf<C extends TypedArrayCtor> = InstanceType<C>

/**
 * An append-only typed array that doubles its capacity, so columns of unknown final length
 * cost amortised O(1) per push and no boxed numbers.
 */
export class GrowableArray<C extends TypedArrayCtor> {
  private data: TypedArrayOf<C>
  length = 0

  constructor(
    private readonly ctor: C,
    capacity = 1024,
  ) {
    this.data = new ctor(capacity) as TypedArrayOf<C>
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow()
    this.data[this.length] = value
    return this.length++
  }

  /**
   * Appends every value of `values`, each moved by `move` when given: one growth and a bulk
   * copy for a whole column, where `push` per value checks the capacity each time.
   */
  pushAll(values: ArrayLike<number>, move?: (value: number) => number): void {
    const n = values.length
    if (this.length + n > this.data.length) this.grow(this.length + n)
    const data = this.data
    const at = this.length
    if (move) for (let i = 0; i < n; i++) data[at + i] = move(values[i])
    else data.set(values as never, at)
    this.length += n
  }

  get(index: number): number {
    return this.data[index]
  }

  set(index: number, value: number): void {
    this.data[index] = value
  }

  /**
   * The values in an array that owns its own buffer, ready to transfer: a trimmed copy, or the
   * array itself when it is full (a capacity given up front was right), which saves a copy of
   * the whole column at its peak. Nothing is pushed or set after.
   */
  finish(): TypedArrayOf<C> {
    if (this.length === this.data.length) return this.data
    return this.data.slice(0, this.length) as TypedArrayOf<C>
  }

  private grow(atLeast = 0): void {
    const next = new this.ctor(Math.max(16, this.data.length * 2, atLeast)) as TypedArrayOf<C>
    next.set(this.data as never)
    this.data = next
  }
}
