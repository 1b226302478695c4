import type { LineTime } from '../model/builder'
import type { LineNumber, Milliseconds } from '../model/types'

/**
 * The wall-clock times of the most recent dated lines of one source, to answer "when was
 * line N?" for a crash that a parser stores a little after its first line (a Go crash once a
 * goroutine confirms it, a gdb crash at the end of its thread list). A ring of the last
 * `capacity` dated lines: a crash stored further on than that from its line gets the earliest
 * time the ring still holds, a little after the crash and never exact.
 */
export class LineClock {
  private readonly lines: Float64Array
  private readonly times: Float64Array
  // Entries written so far; the ring holds the last `capacity` of them.
  private written = 0

  constructor(private readonly capacity = 1024) {
    this.lines = new Float64Array(capacity)
    this.times = new Float64Array(capacity)
  }

  /**
   * Notes that `line` printed wall-clock `time`. Lines come in ascending order; one read again
   * (a region gave it back, `RegionReader.unclaimed`) is known already.
   */
  note(line: LineNumber, time: Milliseconds): void {
    if (this.written > 0 && line < this.lines[(this.written - 1) % this.capacity]) return
    const k = this.written % this.capacity
    this.lines[k] = line
    this.times[k] = time
    this.written++
  }

  /** The time of the last dated line at or before `line`, or null when none is known. */
  timeAt(line: LineNumber): LineTime | null {
    const held = Math.min(this.written, this.capacity)
    if (held === 0) return null
    const oldest = this.written - held
    // Binary search over entry numbers oldest..written-1 (ascending lines).
    let lo = oldest
    let hi = this.written - 1
    if (this.lineOf(lo) > line) {
      // Older than the ring remembers: the earliest time held is the nearest known.
      return oldest === 0 ? null : { time: this.timeOf(lo), exact: false }
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.lineOf(mid) <= line) lo = mid
      else hi = mid - 1
    }
    return { time: this.timeOf(lo), exact: this.lineOf(lo) === line }
  }

  private lineOf(entry: number): number {
    return this.lines[entry % this.capacity]
  }

  private timeOf(entry: number): number {
    return this.times[entry % this.capacity]
  }
}
