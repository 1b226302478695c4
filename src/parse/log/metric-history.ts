/** A value at or below this fraction of the previous one, after growing, is a reset. */
const RESET_FRACTION = 0.1

/**
 * One metric's history since it was first seen or last reset, for telling a restart (a fall
 * after steady growth: goroutines 9 -> 250 -> 400 -> 9) from noise. Latencies and other values
 * that swing up and down every line never qualify.
 */
export class MetricHistory {
  private last: number
  private min: number
  private points = 1
  private falls = 0

  constructor(
    first: number,
    private readonly duration: boolean,
  ) {
    this.last = first
    this.min = first
  }

  /** Takes the next value: the value before it when this one is a reset, else NaN. */
  next(value: number): number {
    const steady = this.falls <= (this.points - 1) * 0.2 && !this.duration
    const grew = steady && this.last > 0 && this.last >= 2 * Math.max(this.min, 1)
    if (this.points >= 2 && grew && value >= 0 && value <= this.last * RESET_FRACTION) {
      const before = this.last
      this.last = value
      this.min = value
      this.points = 1
      this.falls = 0
      return before
    }
    if (value < this.last) this.falls++
    this.last = value
    if (value < this.min) this.min = value
    this.points++
    return NaN
  }
}

export function isDurationUnit(unit: string | undefined): boolean {
  return unit === 'ms' || unit === 's' || unit === 'us' || unit === 'ns' || unit === 'µs'
}

/** The indices of `values` that a history started at the first of them reads as resets. */
export function resetsOf(values: ArrayLike<number>, unit: string | undefined): number[] {
  const resets: number[] = []
  if (values.length === 0) return resets
  const history = new MetricHistory(values[0], isDurationUnit(unit))
  for (let i = 1; i < values.length; i++) if (!Number.isNaN(history.next(values[i]))) resets.push(i)
  return resets
}
