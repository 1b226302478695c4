import { ReferenceLine } from 'recharts'
import type { Moment } from '../../model/timeline/moments'

/** Past this many, lines are drawn without labels (a segfault every five minutes for a day). */
const LABELLED = 12
/** Past this many, only the first are drawn; the event list has them all. */
const DRAWN = 300
const LABEL_CHARS = 48
const COLORS = { crash: '#7a1f1a', restart: '#b5651d' } as const

/** A moment's label: `≈ ` when its time is approximate. */
export function momentLabel(m: Moment): string {
  const text = m.label.length > LABEL_CHARS ? `${m.label.slice(0, LABEL_CHARS - 1)}…` : m.label
  return `${m.approx ? '≈ ' : ''}${m.kind === 'restart' && !/restart/i.test(text) ? 'restart: ' : ''}${text}`
}

/**
 * Crashes and restarts as vertical lines, for a recharts chart's children (a function, not a
 * component: recharts reads its reference lines from its direct children).
 * `x` places a time on the chart's axis (the histogram snaps to its buckets). `extend` widens
 * a numeric axis to a crash after the last point (metrics stop when the process dies); a
 * category axis must not be widened, its brush would then chase its own domain.
 */
export function momentLines(
  moments: readonly Moment[],
  x: (time: number) => number,
  { yAxisId, extend = false }: { yAxisId?: string; extend?: boolean } = {},
) {
  const labelled = moments.length <= LABELLED
  return moments.slice(0, DRAWN).map((m) => (
    <ReferenceLine
      key={`moment-${m.event}`}
      x={x(m.time)}
      {...(yAxisId !== undefined ? { yAxisId } : {})}
      stroke={COLORS[m.kind]}
      strokeWidth={labelled ? 2 : 1}
      strokeDasharray={m.approx ? '2 3' : undefined}
      ifOverflow={extend ? 'extendDomain' : 'discard'}
      label={
        labelled
          ? {
              value: momentLabel(m),
              position: 'insideTopRight',
              fill: COLORS[m.kind],
              fontSize: 12,
            }
          : undefined
      }
    />
  ))
}
