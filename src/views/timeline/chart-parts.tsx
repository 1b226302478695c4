import { ReferenceLine } from 'recharts'
import type { Marker } from '../../model/notes/types'
import type { Moment } from '../../model/timeline/moments'
import { LABEL_ROW_HEIGHT, placeMarkerLabels } from './marker-labels'
import { LABELLED, MOMENT_COLORS, drawnMoments, momentLabel } from './moment-style'

const MARKER_COLOR = '#8a4fbf'

type DrawnLine = {
  key: string
  kind: 'marker' | 'moment'
  time: number
  color: string
  width: number
  dash?: string
  title: string
  /** Widen a numeric axis to the line (a crash after the last metric point). */
  extend: boolean
}

/**
 * The team's markers (dashed) and the input's crashes and restarts (solid; dotted when their
 * time is approximate) as vertical lines, every label placed on one set of rows above the plot
 * so none overlaps another (see marker-labels.ts). Past `LABELLED` moments, theirs are left to
 * the event list. Returns the lines and the top margin their rows need. A function, not a
 * component: recharts reads its children's element types.
 */
export function markerLines(
  markers: readonly Marker[],
  domain: [number, number],
  plotWidth: number,
  extra: { yAxisId?: string } = {},
  moments: readonly Moment[] = [],
  { extend = false }: { extend?: boolean } = {},
): { lines: React.ReactElement[]; topMargin: number } {
  const drawn: DrawnLine[] = markers.map((m) => ({
    key: m.id,
    kind: 'marker',
    time: m.time,
    color: MARKER_COLOR,
    width: 2,
    dash: '4 2',
    title: `${m.kind}: ${m.label}`,
    extend: false,
  }))
  const labels = markers.map((m) => ({ id: m.id, time: m.time, label: m.label }))
  const labelMoments = moments.length <= LABELLED
  for (const m of drawnMoments(moments)) {
    const key = `moment-${m.event}`
    const label = momentLabel(m)
    drawn.push({
      key,
      kind: 'moment',
      time: m.time,
      color: MOMENT_COLORS[m.kind],
      width: labelMoments ? 2 : 1,
      dash: m.approx ? '2 3' : undefined,
      title: label,
      extend,
    })
    if (labelMoments) labels.push({ id: key, time: m.time, label })
  }
  // A line the axis is widened to must have its label placed on the widened axis.
  const min = Math.min(domain[0], ...drawn.filter((d) => d.extend).map((d) => d.time))
  const max = Math.max(domain[1], ...drawn.filter((d) => d.extend).map((d) => d.time))
  const { rows, placed } = placeMarkerLabels(labels, min, max, plotWidth)
  const lines = drawn.map((d) => {
    const p = placed.get(d.key)
    return (
      <ReferenceLine
        key={d.key}
        x={d.time}
        {...extra}
        stroke={d.color}
        strokeWidth={d.width}
        strokeDasharray={d.dash}
        ifOverflow={d.extend ? 'extendDomain' : 'discard'}
        label={
          p
            ? ({ viewBox }: { viewBox?: { x?: number; y?: number } }) => (
                <text
                  x={(viewBox?.x ?? 0) + (p.side === 'right' ? 3 : -3)}
                  y={(viewBox?.y ?? 0) - 4 - p.row * LABEL_ROW_HEIGHT}
                  textAnchor={p.side === 'right' ? 'start' : 'end'}
                  fill={d.color}
                  fontSize={12}
                  data-testid={`${d.kind}-label`}
                >
                  <title>{d.title}</title>
                  {p.text}
                </text>
              )
            : undefined
        }
      />
    )
  })
  return { lines, topMargin: 8 + rows * LABEL_ROW_HEIGHT }
}

export type LegendItem = { name: string; color: string; shape: 'line' | 'box'; dashed?: boolean }

/**
 * A legend under a chart, in the page's flow: however many lines it wraps to, the plot above
 * keeps its height (a legend inside a recharts chart takes its room from the plot).
 */
export function ChartLegend({ items }: { readonly items: readonly LegendItem[] }) {
  if (!items.length) return null
  return (
    <ul className="chart-legend" data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.name} title={item.name}>
          <svg width="18" height="10" aria-hidden="true">
            {item.shape === 'box' ? (
              <rect x="4" y="0" width="10" height="10" fill={item.color} />
            ) : (
              <line
                x1="0"
                y1="5"
                x2="18"
                y2="5"
                stroke={item.color}
                strokeWidth="2.5"
                strokeDasharray={item.dashed ? '5 3' : undefined}
              />
            )}
          </svg>
          <span>{item.name}</span>
        </li>
      ))}
    </ul>
  )
}

/**
 * A `CartesianGrid`'s vertical lines when it draws none (`vertical={false}`): without it,
 * recharts still lays out the x axis ticks for them, measuring each label in the DOM.
 */
export const noVerticalLines = (): number[] => []
