/**
 * A signed 32-bit value per non-negative integer key, -1 where none was set: a typed array
 * indexed by the key, grown by doubling. For keys that are themselves table indices (a string,
 * a frame), where a hash map's entry, probe and cache miss cost several times a direct read.
 */
export class DenseIntMap {
  private values = new Int32Array(1024).fill(-1)

  /** The value set for `key`, or -1. */
  get(key: number): number {
    return key < this.values.length ? this.values[key] : -1
  }

  set(key: number, value: number): void {
    if (key >= this.values.length) this.grow(key)
    this.values[key] = value
  }

  private grow(key: number): void {
    let size = this.values.length * 2
    while (size <= key) size *= 2
    const values = new Int32Array(size).fill(-1)
    values.set(this.values)
    this.values = values
  }
}
