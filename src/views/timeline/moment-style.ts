import type { Moment } from '../../model/timeline/moments'

/** Past this many, lines are drawn without labels (a segfault every five minutes for a day). */
export const LABELLED = 12
/** Past this many, this many are drawn, spread over them; the event list has them all. */
export const DRAWN = 300
const LABEL_CHARS = 48
/** Crashes in dark red, restarts in orange: apart from the level colours of the bars. */
export const MOMENT_COLORS = { crash: '#7a1f1a', restart: '#b5651d' } as const

/** A moment's label: `≈ ` when its time is approximate. */
export function momentLabel(m: Moment): string {
  const text = m.label.length > LABEL_CHARS ? `${m.label.slice(0, LABEL_CHARS - 1)}…` : m.label
  return `${m.approx ? '≈ ' : ''}${m.kind === 'restart' && !/restart/i.test(text) ? 'restart: ' : ''}${text}`
}

/**
 * The moments drawn as lines: all of them up to `DRAWN`, else `DRAWN` picked evenly from the
 * first to the last, so a crash every five minutes for a week still has lines to its end (the
 * first 300 alone stopped after a day, as if the crashes had).
 */
export function drawnMoments<T>(moments: readonly T[]): readonly T[] {
  if (moments.length <= DRAWN) return moments
  const step = (moments.length - 1) / (DRAWN - 1)
  return Array.from({ length: DRAWN }, (_, i) => moments[Math.round(i * step)])
}
