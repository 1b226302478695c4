import { ReferenceLine } from 'recharts'
import type { Marker } from '../../model/notes/types'
import { LABEL_ROW_HEIGHT, placeMarkerLabels } from './marker-labels'

const MARKER_COLOR = '#8a4fbf'

/**
 * The team's markers as dashed lines, their labels staggered above the plot (see
 * marker-labels.ts). Returns the lines and the top margin their rows need. A function, not a
 * component: recharts reads its children's element types.
 */
export function markerLines(
  markers: readonly Marker[],
  domain: [number, number],
  plotWidth: number,
  extra: { yAxisId?: string } = {},
): { lines: React.ReactElement[]; topMargin: number } {
  const { rows, placed } = placeMarkerLabels(markers, domain[0], domain[1], plotWidth)
  const lines = markers.flatMap((m) => {
    const p = placed.get(m.id)
    if (!p) return []
    return [
      <ReferenceLine
        key={m.id}
        x={m.time}
        {...extra}
        stroke={MARKER_COLOR}
        strokeWidth={2}
        strokeDasharray="4 2"
        ifOverflow="discard"
        label={({ viewBox }: { viewBox?: { x?: number; y?: number } }) => (
          <text
            x={(viewBox?.x ?? 0) + (p.side === 'right' ? 3 : -3)}
            y={(viewBox?.y ?? 0) - 4 - p.row * LABEL_ROW_HEIGHT}
            textAnchor={p.side === 'right' ? 'start' : 'end'}
            fill={MARKER_COLOR}
            fontSize={12}
            data-testid="marker-label"
          >
            <title>{`${m.kind}: ${m.label}`}</title>
            {p.text}
          </text>
        )}
      />,
    ]
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
