import { scaleLinear, scaleTime, scaleUtc } from 'd3-scale'

/**
 * Axis ticks at round times (every minute, 5 minutes, hour, day …) for a time range, with the
 * short label each reads as. d3-scale picks the interval the way a reader counts (1, 5, 15,
 * 30 s; 1, 5, 15, 30 min; 1, 3, 6, 12 h; days, weeks, months) and aligns ticks to the
 * calendar of the zone shown, so "09:16, 11:05:21, 13:07:57" becomes "10:00, 11:00, 12:00".
 * Recharts takes the values as an axis's `ticks`.
 */
export type TimeTicks = { ticks: number[]; format(t: number): string }

/** Roughly one label per this many pixels: wide enough for `HH:MM` with room around it. */
export const PIXELS_PER_TICK = 90

/** Pixels a character of a tick label takes (the page's 16 px sans-serif digits). */
const PIXELS_PER_CHAR = 10

/** How many ticks a chart this wide has room for. */
export function tickCountFor(pixels: number): number {
  return Math.max(2, Math.floor(pixels / PIXELS_PER_TICK))
}

/**
 * Round ticks over `[min, max]` on the timeline's clock: wall-clock times in UTC or the local
 * zone, or seconds since boot (`relative`, ticks at 1, 2, 5 × 10ⁿ seconds).
 */
export function computeTimeTicks(
  min: number,
  max: number,
  clock: 'absolute' | 'relative',
  zone: 'utc' | 'local',
  count: number,
): TimeTicks {
  if (!(max > min)) return { ticks: Number.isFinite(min) ? [min] : [], format: () => '' }
  if (clock === 'relative') {
    const linear = scaleLinear().domain([min / 1000, max / 1000])
    const secondsTicks = (n: number): TimeTicks => {
      const ticks = atMost(n, (c) => linear.ticks(c))
      const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1
      const digits = Math.max(0, -Math.floor(Math.log10(step)))
      return {
        // Ticks are whole milliseconds: finer steps round onto each other.
        ticks: [...new Set(ticks.map((s) => Math.round(s * 1000)))],
        format: (t) => `${(t / 1000).toFixed(digits)} s`,
      }
    }
    // Seconds since boot run long (`4838261.072 s`): fewer labels, as for clock times below.
    const first = secondsTicks(count)
    const chars = first.ticks.length ? first.format(first.ticks[first.ticks.length - 1]).length : 0
    return chars > 5 ? secondsTicks(countForLabels(count, chars)) : first
  }
  const scale = (zone === 'utc' ? scaleUtc() : scaleTime()).domain([new Date(min), new Date(max)])
  const ticksAtMost = (n: number) => atMost(n, (c) => scale.ticks(c)).map((d) => d.getTime())
  let ticks = ticksAtMost(count)
  const stepOf = (list: number[]) => (list.length > 1 ? list[1] - list[0] : max - min)
  // `count` leaves room for `HH:MM`; seconds (`HH:MM:SS`) and milliseconds (`HH:MM:SS.mmm`)
  // need more, or the labels of a range of a few seconds run into each other.
  const chars = labelChars(stepOf(ticks))
  if (chars > 5) ticks = ticksAtMost(countForLabels(count, chars))
  const step = stepOf(ticks)
  return { ticks, format: (t) => formatRoundTime(t, step, zone) }
}

/** How many labels of `chars` characters fit where `count` five-character `HH:MM` labels do. */
function countForLabels(count: number, chars: number): number {
  return Math.max(1, Math.floor((count * 5) / chars))
}

/**
 * d3 picks the interval nearest the count asked, which may give twice as many ticks (27
 * minutes at 14 ticks: one a minute, 28 labels that ran into each other on a wide chart).
 * Asks for fewer until the ticks fit in `count`, so labels keep their room.
 */
function atMost<T>(count: number, ticksFor: (count: number) => T[]): T[] {
  let ticks = ticksFor(count)
  for (let c = count - 1; c >= 1 && ticks.length > count; c--) ticks = ticksFor(c)
  return ticks
}

/** Characters of a label at ticks `step` apart (see `formatRoundTime`). */
function labelChars(step: number): number {
  return step < 1000 ? 12 : step < 60_000 ? 8 : 5
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * The label of a tick `step` apart from the next: as precise as the step needs. A tick at
 * midnight names the day instead of `00:00`, so a range over several days reads by date.
 */
export function formatRoundTime(t: number, step: number, zone: 'utc' | 'local'): string {
  const d = new Date(t)
  const utc = zone === 'utc'
  const [month, day, h, m, s, ms] = utc
    ? [
        d.getUTCMonth(),
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
        d.getUTCMilliseconds(),
      ]
    : [d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()]
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const date = `${MONTHS[month]} ${day}`
  if (step >= 86_400_000 || (h === 0 && m === 0 && s === 0 && ms === 0)) return date
  if (step < 1000) return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`
  if (step < 60_000) return `${pad(h)}:${pad(m)}:${pad(s)}`
  return `${pad(h)}:${pad(m)}`
}

/**
 * The ticks whose labels stay inside the chart: a label is centred on its tick, so one at
 * the plot's edge reaches past it by half its width, and the chart clips what passes the
 * room beside the plot (`left`, `right` pixels: the count axes and margins).
 */
export function ticksInside(
  ticks: TimeTicks,
  min: number,
  max: number,
  plotWidth: number,
  room: { left: number; right: number },
): TimeTicks {
  if (!(max > min)) return ticks
  const inside = ticks.ticks.filter((t) => {
    const x = ((t - min) / (max - min)) * plotWidth
    const half = (ticks.format(t).length * PIXELS_PER_CHAR) / 2
    return x + room.left >= half && plotWidth - x + room.right >= half
  })
  return { ticks: inside, format: ticks.format }
}

/**
 * The time ticks of a plot `plotWidth` pixels wide over [min, max], as many as it has room
 * for and only those whose labels stay inside the chart (`room` beside the plot).
 */
export function fittedTimeTicks(
  min: number,
  max: number,
  clock: 'absolute' | 'relative',
  zone: 'utc' | 'local',
  plotWidth: number,
  room: { left: number; right: number },
): TimeTicks {
  return ticksInside(
    computeTimeTicks(min, max, clock, zone, tickCountFor(plotWidth)),
    min,
    max,
    plotWidth,
    room,
  )
}
