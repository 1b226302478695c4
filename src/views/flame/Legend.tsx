import type { CallTree } from '../../model/flame/call-tree'
import type { FrameKind, Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { diffColor, kindColor, kindLabel, kindLegend, moduleColor } from './colors'

const MODULES_SHOWN = 12

/** What the colours mean: kinds present, the heaviest modules, or the diff scale. */
export function Legend({
  incident,
  tree,
  mode,
}: {
  readonly incident: Incident
  readonly tree: CallTree
  readonly mode: 'kind' | 'module' | 'diff'
}) {
  if (mode === 'diff') {
    return (
      <div className="flame-legend" data-testid="flame-legend">
        <Swatch color={diffColor(-1)} label="shrank (gone)" />
        <Swatch color={diffColor(-0.4)} label="shrank" />
        <Swatch color={diffColor(0)} label="same" />
        <Swatch color={diffColor(0.4)} label="grew" />
        <Swatch color={diffColor(1)} label="grew (new)" />
        <span className="muted">width: second input; colour: change from the first</span>
      </div>
    )
  }
  const { frames, strings } = incident
  if (mode === 'kind') {
    const present = new Set<number>()
    for (let i = 1; i < tree.length; i++) present.add(frames.kind[tree.frame[i]])
    return (
      <div className="flame-legend" data-testid="flame-legend">
        {kindLegend
          .filter((k) => present.has(k))
          .map((k) => (
            <Swatch key={k} color={kindColor(k)} label={kindLabel(k as FrameKind)} />
          ))}
      </div>
    )
  }
  // Modules by self weight, heaviest first.
  const weight = new Map<string, number>()
  for (let i = 1; i < tree.length; i++) {
    const m = frames.module[tree.frame[i]]
    const name = m === NONE ? '' : strings[m]
    weight.set(name, (weight.get(name) ?? 0) + tree.self[i])
  }
  const modules = [...weight].sort((a, b) => b[1] - a[1])
  return (
    <div className="flame-legend" data-testid="flame-legend">
      {modules.slice(0, MODULES_SHOWN).map(([m]) => (
        <Swatch key={m} color={moduleColor(m)} label={m || '(no module)'} />
      ))}
      {modules.length > MODULES_SHOWN ? (
        <span className="muted">and {modules.length - MODULES_SHOWN} more</span>
      ) : null}
    </div>
  )
}

function Swatch({ color, label }: { readonly color: string; readonly label: string }) {
  return (
    <span className="flame-legend-item">
      <span className="flame-swatch" style={{ background: color }} aria-hidden="true" />
      {label}
    </span>
  )
}
