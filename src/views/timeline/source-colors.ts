/**
 * One colour per input on the timeline: its swatch, its rows in the event list and its metric
 * lines. Okabe and Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/, 2008),
 * without black and yellow, which vanish on the dark and light backgrounds.
 */
export const SOURCE_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00']

export function sourceColor(source: number): string {
  return SOURCE_COLORS[
    ((source % SOURCE_COLORS.length) + SOURCE_COLORS.length) % SOURCE_COLORS.length
  ]
}
