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

  private grow(): void {
    const next = new this.ctor(Math.max(16, this.data.length * 2)) as TypedArrayOf<C>
    next.set(this.data as never)
    this.data = next
  }
}
