import type { RefObject } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { getFlameWeights, type FlameWeight } from '../../model/flame/call-tree'
import type { DiffInputs } from '../../model/flame/diff'
import type { SearchResult } from '../../model/flame/search'
import type { Incident } from '../../model/types'
import { useIncidentStore } from '../../state/store'
import { formatCount } from '../format'
import { formatPercent, weightLabel } from './weight-format'

/** Weight, order, orientation, colours, search, mode and export of the flame view. */
export function FlameToolbar({
  incident,
  weight,
  totals,
  search,
  diffInputs,
  selectedFunc,
  searchRef,
  onExport,
}: {
  readonly incident: Incident
  readonly weight: FlameWeight
  readonly totals: Record<FlameWeight, number>
  readonly search: SearchResult | { error: string } | null
  readonly diffInputs: DiffInputs | null
  /** The function of the selected frame (string index), or -1. */
  readonly selectedFunc: number
  readonly searchRef: RefObject<HTMLInputElement | null>
  onExport(kind: 'svg' | 'png' | 'folded'): void
}) {
  const s = useIncidentStore(
    useShallow((st) => ({
      flameMode: st.flameMode,
      flameOrder: st.flameOrder,
      flameOrientation: st.flameOrientation,
      flameColor: st.flameColor,
      flameSearch: st.flameSearch,
      setFlameMode: st.setFlameMode,
      setFlameWeight: st.setFlameWeight,
      setFlameOrder: st.setFlameOrder,
      setFlameOrientation: st.setFlameOrientation,
      setFlameColor: st.setFlameColor,
      setFlameSearch: st.setFlameSearch,
      flameDiffNormalize: st.flameDiffNormalize,
      setFlameDiffNormalize: st.setFlameDiffNormalize,
    })),
  )
  const mode = s.flameMode
  return (
    <div className="toolbar flame-toolbar">
      <div className="flame-modes" role="group" aria-label="Flame view">
        <button
          type="button"
          className="button"
          aria-pressed={mode.type === 'graph'}
          onClick={() => s.setFlameMode({ type: 'graph' })}
        >
          Flame graph
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={mode.type === 'sandwich'}
          disabled={selectedFunc < 0 && mode.type !== 'sandwich'}
          title={
            selectedFunc < 0
              ? 'Click a frame first: the sandwich shows its callers and callees'
              : `Callers and callees of ${incident.strings[selectedFunc]}`
          }
          onClick={() =>
            selectedFunc >= 0 && s.setFlameMode({ type: 'sandwich', func: selectedFunc })
          }
          data-testid="flame-sandwich"
        >
          Sandwich
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={mode.type === 'diff'}
          disabled={!diffInputs}
          title={
            diffInputs
              ? describeDiff(incident, diffInputs)
              : 'Drop two files together (before and after), or a memleak report with several snapshots, to compare'
          }
          onClick={() => diffInputs && s.setFlameMode({ type: 'diff', inputs: diffInputs })}
          data-testid="flame-diff"
        >
          Diff
        </button>
      </div>
      <label className="toolbar-field">
        <span>Weight</span>
        <select
          value={weight}
          onChange={(e) => s.setFlameWeight(e.target.value as FlameWeight)}
          data-testid="flame-weight"
        >
          {getFlameWeights(incident).map((w) => (
            <option key={w} value={w} disabled={!totals[w]}>
              {weightLabel(incident, w)}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        <span>Order</span>
        <select
          value={s.flameOrder}
          onChange={(e) => s.setFlameOrder(e.target.value as 'heavy' | 'name')}
          data-testid="flame-order"
        >
          <option value="heavy">Heaviest first (left-heavy)</option>
          <option value="name">Alphabetical</option>
        </select>
      </label>
      <label className="toolbar-field">
        <span>Roots</span>
        <select
          value={s.flameOrientation}
          onChange={(e) => s.setFlameOrientation(e.target.value as 'icicle' | 'flame')}
          data-testid="flame-orientation"
        >
          <option value="icicle">On top (icicle)</option>
          <option value="flame">At the bottom (flame)</option>
        </select>
      </label>
      {mode.type === 'diff' ? (
        <label
          className="toolbar-field"
          title="Scale the first input to the second's total: compare shares, not sizes"
        >
          <input
            type="checkbox"
            checked={s.flameDiffNormalize}
            onChange={(e) => s.setFlameDiffNormalize(e.target.checked)}
            data-testid="flame-diff-normalize"
          />
          <span>Normalise</span>
        </label>
      ) : null}
      {mode.type !== 'diff' ? (
        <label className="toolbar-field">
          <span>Colour</span>
          <select
            value={s.flameColor}
            onChange={(e) => s.setFlameColor(e.target.value as 'kind' | 'module')}
            data-testid="flame-color"
          >
            <option value="kind">By kind</option>
            <option value="module">By module</option>
          </select>
        </label>
      ) : null}
      <label className="toolbar-field toolbar-search">
        <span>Find</span>
        <input
          ref={searchRef}
          type="search"
          value={s.flameSearch}
          placeholder="function, file or module; /regex/  (Ctrl+F or /)"
          onChange={(e) => s.setFlameSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') s.setFlameSearch('')
          }}
          aria-invalid={search && 'error' in search ? true : undefined}
          data-testid="flame-search"
          data-search
        />
      </label>
      {search ? (
        'error' in search ? (
          <span className="message message-error" role="alert">
            {search.error}
          </span>
        ) : (
          <span className="toolbar-count" data-testid="flame-search-summary">
            {formatCount(search.nodes)} {search.nodes === 1 ? 'frame' : 'frames'},{' '}
            {formatPercent(search.weight, search.total)} of total weight matched
          </span>
        )
      ) : null}
      <div className="flame-export" role="group" aria-label="Export">
        <button type="button" className="button" onClick={() => onExport('svg')}>
          SVG
        </button>
        <button type="button" className="button" onClick={() => onExport('png')}>
          PNG
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onExport('folded')}
          title="Folded stacks (a;b;c 12), read by flamegraph.pl, speedscope and inferno"
        >
          Folded
        </button>
      </div>
    </div>
  )
}

export function describeDiff(incident: Incident, inputs: DiffInputs): string {
  if (inputs.type === 'sources') {
    const name = (i: number) => incident.sources[i]?.name ?? `input ${i + 1}`
    return `${name(inputs.before)} → ${name(inputs.after)}`
  }
  const label = (i: number) => incident.snapshots[i]?.label || `snapshot ${i + 1}`
  return `${label(inputs.before)} → ${label(inputs.after)}`
}
