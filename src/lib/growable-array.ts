/** Typed-array constructors the model's columns use. */
type TypedArrayCtor =
  Int32ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor | Float32ArrayConstructor
type TypedArrayOf<C extends TypedArrayCtor> = InstanceType<C>

/** Values per chunk once an array outgrows its first one. */
const CHUNK_BITS = 16
const CHUNK = 1 << CHUNK_BITS
const CHUNK_MASK = CHUNK - 1

/**
 * An append-only typed array of unknown final length: amortised O(1) per push and no boxed
 * numbers. Its first array doubles up to `CHUNK` values (or has the capacity given); past it,
 * values go into chunks of `CHUNK`, joined once by `finish`. Doubling a large array copies it
 * into fresh memory at every step, and trimming it copies it once more: about three times its
 * size in new pages, where chunks touch twice its size. The first touch of a page is most of
 * what a large column costs (a 5M-line log fills about 300 MB of them).
 *
 * Given a `uniform` value, it stores nothing while every value pushed is that one: most of a
 * record's columns never leave their fill for a given input (a goroutine has no bytes, no
 * snapshot, no labels), and filling those columns was a tenth of a dump's parse.
 */
export class GrowableArray<C extends TypedArrayCtor> {
  /** The first values, in one array. */
  private head: TypedArrayOf<C>
  /** Chunks of `CHUNK` values after `head`; the last one is being filled. */
  private readonly chunks: TypedArrayOf<C>[] = []
  /** The array being filled (`head`, or the last chunk) and how many values it holds. */
  private current: TypedArrayOf<C>
  private filled = 0
  length = 0
  /** The value of every element so far, none stored; null once a different one came. */
  private uniform: number | null

  constructor(
    private readonly ctor: C,
    private readonly capacity = 1024,
    uniform: number | null = null,
  ) {
    this.uniform = uniform
    this.head = this.current = new ctor(uniform === null ? capacity : 0) as TypedArrayOf<C>
  }

  push(value: number): number {
    if (this.uniform !== null) {
      if (sameValue(value, this.uniform)) return this.length++
      this.storeAll()
    }
    if (this.filled === this.current.length) this.grow()
    this.current[this.filled++] = value
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
    // A first array below a chunk grows once to hold them all, as `push` would grow it.
    if (this.chunks.length === 0 && this.head.length < CHUNK && this.length + n > this.head.length)
      this.grow(n)
    let i = 0
    while (i < n) {
      if (this.filled === this.current.length) this.grow(n - i)
      const current = this.current
      const at = this.filled
      const take = Math.min(n - i, current.length - at)
      if (move) for (let k = 0; k < take; k++) current[at + k] = move(values[i + k])
      else if (take === n) current.set(values as never, at)
      else if (ArrayBuffer.isView(values))
        current.set((values as Int32Array).subarray(i, i + take) as never, at)
      else for (let k = 0; k < take; k++) current[at + k] = values[i + k]
      this.filled += take
      this.length += take
      i += take
    }
  }

  get(index: number): number {
    if (this.uniform !== null) return this.uniform
    const head = this.head
    if (index < head.length) return head[index]
    const j = index - head.length
    return this.chunks[j >>> CHUNK_BITS][j & CHUNK_MASK]
  }

  set(index: number, value: number): void {
    if (this.uniform !== null) {
      if (sameValue(value, this.uniform)) return
      this.storeAll()
    }
    const head = this.head
    if (index < head.length) head[index] = value
    else {
      const j = index - head.length
      this.chunks[j >>> CHUNK_BITS][j & CHUNK_MASK] = value
    }
  }

  /**
   * The values in an array that owns its own buffer, ready to transfer: a trimmed copy, or the
   * array itself when it is full (a capacity given up front was right). Nothing is pushed or
   * set after.
   */
  finish(): TypedArrayOf<C> {
    if (this.uniform !== null) return this.uniformArray(this.length, this.length)
    const chunks = this.chunks
    if (chunks.length === 0) {
      if (this.length === this.head.length) return this.head
      return this.head.slice(0, this.length) as TypedArrayOf<C>
    }
    const out = new this.ctor(this.length) as TypedArrayOf<C>
    out.set(this.head as never)
    const last = chunks.length - 1
    for (let k = 0; k < last; k++) out.set(chunks[k] as never, this.head.length + k * CHUNK)
    out.set(chunks[last].subarray(0, this.filled) as never, this.head.length + last * CHUNK)
    return out
  }

  /** Leaves the uniform run: its values are stored in the first array, with room after. */
  private storeAll(): void {
    const n = this.length
    this.head = this.current = this.uniformArray(
      n,
      Math.max(this.capacity, Math.min(n * 2, n + CHUNK)),
    )
    this.filled = n
    this.uniform = null
  }

  /** An array of `size` elements, the first `n` of them the uniform value. */
  private uniformArray(n: number, size: number): TypedArrayOf<C> {
    const data = new this.ctor(size) as TypedArrayOf<C>
    if (this.uniform !== 0) data.fill(this.uniform!, 0, n)
    return data
  }

  /** Makes room for the next value; `more`: values about to be appended, to grow once. */
  private grow(more = 0): void {
    if (this.chunks.length === 0 && this.head.length < CHUNK) {
      const size = Math.max(16, Math.min(CHUNK, this.head.length * 2), this.length + more)
      const next = new this.ctor(size)
      next.set(this.head as never)
      this.head = this.current = next as TypedArrayOf<C>
      return
    }
    this.current = new this.ctor(CHUNK) as TypedArrayOf<C>
    this.chunks.push(this.current)
    this.filled = 0
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
