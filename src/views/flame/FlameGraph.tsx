import { useMemo, useState, type RefObject } from 'react'
import type { FlameWeight } from '../../model/flame/call-tree'
import { getDiffRatio } from '../../model/flame/diff'
import type { FlameLayout } from '../../model/flame/layout'
import type { Incident } from '../../model/types'
import { diffColor } from './colors'
import { FlameCanvas, type FlameExporter } from './FlameCanvas'
import { Tooltip } from './Tooltip'

/** One flame graph: a canvas and the tooltip of the frame under the pointer. Only renders. */
export function FlameGraph({
  incident,
  layout,
  weight,
  labels,
  frameColors,
  matched,
  orientation,
  firstDepth = 0,
  focusNode,
  selectedNode,
  label,
  maxHeight,
  exportRef,
  onSelect,
  onZoom,
  onReset,
}: {
  readonly incident: Incident
  readonly layout: FlameLayout
  readonly weight: FlameWeight
  readonly labels: readonly string[]
  /** Colour per frame, or null to colour by change (differential trees). */
  readonly frameColors: readonly string[] | null
  /** Search matches per node, or null when there is no search. */
  readonly matched: Uint8Array | null
  readonly orientation: 'icicle' | 'flame'
  readonly firstDepth?: number
  readonly focusNode: number
  readonly selectedNode: number
  readonly label: string
  readonly maxHeight: number
  readonly exportRef?: RefObject<FlameExporter | null>
  onSelect(node: number): void
  onZoom(node: number): void
  onReset(): void
}) {
  const [hover, setHover] = useState<{ node: number; x: number; y: number } | null>(null)
  const tree = layout.tree
  const colorOf = useMemo(
    () =>
      frameColors
        ? (node: number) => (node === 0 ? 'hsl(0 0% 80%)' : frameColors[tree.frame[node]])
        : (node: number) => diffColor(getDiffRatio(tree, node)),
    [frameColors, tree],
  )
  // The canvas dims what a search did not match.
  const dimmed = useMemo(() => {
    if (!matched) return null
    const out = new Uint8Array(matched.length)
    for (let i = 1; i < matched.length; i++) out[i] = matched[i] ? 0 : 1
    return out
  }, [matched])
  return (
    <div className="flame-graph">
      <FlameCanvas
        layout={layout}
        labels={labels}
        colorOf={colorOf}
        dimmed={dimmed}
        orientation={orientation}
        firstDepth={firstDepth}
        focusNode={focusNode}
        selectedNode={selectedNode}
        label={label}
        maxHeight={maxHeight}
        exportRef={exportRef}
        onHover={(node, x, y) =>
          setHover((h) =>
            node < 0 ? null : h && h.node === node && h.x === x && h.y === y ? h : { node, x, y },
          )
        }
        onClick={onSelect}
        onZoom={onZoom}
        onReset={onReset}
      />
      {hover && hover.node < tree.length ? (
        <Tooltip
          incident={incident}
          tree={tree}
          node={hover.node}
          weight={weight}
          x={hover.x}
          y={hover.y}
        />
      ) : null}
    </div>
  )
}
