import type { SeriesColumns } from '../../model/builder'

/** The most points a metric holds before it hands them to its series (`MetricPoints.flush`). */
const BATCH = 1024
/** Room for a metric's first points: most keys of a log with thousands are seen a few times. */
const FIRST_ROOM = 8

/**
 * The points of one metric not yet in its series: stored in place in two small arrays of its
 * own, and appended to the series' growable columns a batch at a time. A point pushed to the
 * columns one by one was two calls, each boxing its number, on most lines of a log.
 */
export class MetricPoints {
  private times = new Float64Array(FIRST_ROOM)
  private values = new Float64Array(FIRST_ROOM)
  private count = 0

  constructor(readonly series: SeriesColumns) {}

  add(time: number, value: number): void {
    const n = this.count
    if (n === this.times.length) this.makeRoom()
    this.times[this.count] = time
    this.values[this.count] = value
    this.count++
  }

  /** Appends the points held to the series. */
  flush(): void {
    const n = this.count
    if (n === 0) return
    this.series.time.pushAll(this.times.subarray(0, n))
    this.series.value.pushAll(this.values.subarray(0, n))
    this.count = 0
  }

  private makeRoom(): void {
    const size = this.times.length
    if (size >= BATCH) return this.flush()
    const times = new Float64Array(size * 2)
    const values = new Float64Array(size * 2)
    times.set(this.times)
    values.set(this.values)
    this.times = times
    this.values = values
  }
}
