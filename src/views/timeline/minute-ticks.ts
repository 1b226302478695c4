/**
 * Ticks for an axis of minutes before the dump (`-90 … 0`): a round step (1, 5, 10, 15, 30
 * minutes, 1, 2, 3, 6, 12 hours, days) that gives at most `count` ticks, labelled in the unit
 * that reads shortest (`-45 min`, `-3 h`, `-2 d`).
 */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080]

export function computeMinuteTicks(
  maxMinutes: number,
  count = 8,
): { ticks: number[]; format(m: number): string } {
  const step =
    STEPS.find((s) => maxMinutes / s <= count) ?? Math.ceil(maxMinutes / count / 1440) * 1440
  const ticks: number[] = []
  for (let m = 0; m <= maxMinutes; m += step) ticks.unshift(m === 0 ? 0 : -m)
  return { ticks, format: (m) => formatMinutes(m, step) }
}

function formatMinutes(m: number, step: number): string {
  if (m === 0) return '0'
  if (step % 1440 === 0) return `${m / 1440} d`
  if (step % 60 === 0) return `${m / 60} h`
  return `${m} min`
}

/** Pixels for a y axis whose longest label is `widest`: 8 px a character and the tick line. */
export function yAxisWidthFor(widest: string): number {
  return Math.max(40, widest.length * 8 + 16)
}
