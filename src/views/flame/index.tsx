import { weightLabel } from './weight-format'
import { useEffect, useMemo, useRef } from 'react'
import { getNodePath } from '../../model/flame/call-tree'
import { computeFoldedStacks } from '../../model/flame/folded'
import type { Incident } from '../../model/types'
import { getSnapshotPosition } from '../../model/snapshot-view'
import { useIncidentStore } from '../../state/store'
import { describeOtherRuns } from '../shell/SnapshotPicker'
import { Breadcrumbs } from './Breadcrumbs'
import { DiffTable } from './DiffTable'
import { download, exportBaseName } from './export'
import type { FlameExporter } from './FlameCanvas'
import { FlameGraph } from './FlameGraph'
import { describeDiff, FlameToolbar } from './FlameToolbar'
import { Legend } from './Legend'
import { SelectionNote } from './SelectionNote'
import { useDiffInputs, useFlameModel } from './use-flame-model'
import { useFirstPaintMeasure } from '../use-first-paint-measure'
import './flame.css'

/** The flame views of the incident: reads the store, hands plain data to the graphs. */
export function FlameView({ incident }: { readonly incident: Incident }) {
  const model = useFlameModel(incident)
  useFirstPaintMeasure(incident)
  const diffInputs = useDiffInputs(incident, model.snapshot)
  const position = useMemo(
    () => getSnapshotPosition(incident, model.snapshot),
    [incident, model.snapshot],
  )
  const mode = useIncidentStore((s) => s.flameMode)
  const orientation = useIncidentStore((s) => s.flameOrientation)
  const colorMode = useIncidentStore((s) => s.flameColor)
  const normalize = useIncidentStore((s) => s.flameDiffNormalize)
  const setFocus = useIncidentStore((s) => s.setFlameFocus)
  const setSelection = useIncidentStore((s) => s.setFlameSelection)
  const setMode = useIncidentStore((s) => s.setFlameMode)
  const searchRef = useRef<HTMLInputElement>(null)
  const exportRef = useRef<FlameExporter | null>(null)
  const { tree, layout, weight } = model

  // Ctrl/Cmd+F searches the graph (`/` does too, through the global shortcuts and the
  // search box's `data-search`); Escape anywhere outside a field resets the zoom.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      const typing = !!target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
      if (e.key === 'f' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault()
        searchRef.current?.focus()
        searchRef.current?.select()
      } else if (e.key === 'Escape' && !typing && target?.tagName !== 'CANVAS') {
        setFocus([])
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [setFocus])

  const selectedFunc =
    model.selectedNode > 0 ? incident.frames.func[tree.frame[model.selectedNode]] : -1
  const matched = model.search && 'matched' in model.search ? model.search.matched : null

  const onExport = async (kind: 'svg' | 'png' | 'folded') => {
    const base = exportBaseName(incident.sources[0]?.name)
    if (kind === 'folded') {
      download(`${base}.folded.txt`, computeFoldedStacks(incident, tree))
    } else if (kind === 'svg' && exportRef.current) {
      download(`${base}.svg`, exportRef.current.svg(), 'image/svg+xml')
    } else if (kind === 'png' && exportRef.current) {
      const blob = await exportRef.current.png()
      if (blob) download(`${base}.png`, blob)
    }
  }

  const zoomTo = (node: number) => setFocus(getNodePath(tree, node))
  const selectNode = (node: number) => {
    const path = getNodePath(tree, node)
    setSelection(path.length ? path : null)
    setFocus(path)
  }

  // In the sandwich, a click on a caller or callee makes it the function in the middle.
  const sandwichOf = (frame: number) => {
    if (frame >= 0) setMode({ type: 'sandwich', func: incident.frames.func[frame] })
  }

  const empty = tree.total[0] === 0
  const sandwichFunc = mode.type === 'sandwich' ? mode.func : -1
  const label = useMemo(
    () =>
      mode.type === 'diff'
        ? `Differential flame graph, ${describeDiff(incident, mode.inputs)}`
        : `Flame graph by ${weightLabel(incident, weight)}`,
    [incident, mode, weight],
  )

  return (
    <section className="flame" aria-label="Flame graph" data-testid="flame-view">
      <FlameToolbar
        incident={incident}
        weight={weight}
        totals={model.totals}
        search={model.search}
        diffInputs={diffInputs}
        selectedFunc={selectedFunc >= 0 ? selectedFunc : sandwichFunc}
        searchRef={searchRef}
        onExport={onExport}
      />
      {position ? (
        <div className="muted flame-note">
          Showing snapshot {position.index + 1} of {position.count} (
          {incident.snapshots[model.snapshot!]?.label}
          {position.runs > 1 ? `, run ${position.run} of ${position.runs}` : ''})
          {position.otherRuns > 0 ? ` and ${describeOtherRuns(position.otherRuns)}` : ''}
          {diffInputs ? `; Diff compares ${describeDiff(incident, diffInputs)}` : ''}.
        </div>
      ) : null}
      {mode.type === 'diff' ? (
        <div className="flame-note" data-testid="flame-diff-title">
          Comparing {describeDiff(incident, mode.inputs)}: width is the second input, red grew, blue
          shrank.
        </div>
      ) : null}
      {empty ? (
        <div className="message">Nothing weighs anything by this measure: pick another weight.</div>
      ) : mode.type === 'sandwich' && model.sandwich ? (
        <div className="flame-sandwich" data-testid="flame-sandwich-view">
          <div className="flame-sandwich-title">
            Callers of <span className="func">{incident.strings[mode.func]}</span>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setMode({ type: 'graph' })}
            >
              back to the flame graph
            </button>
          </div>
          <FlameGraph
            incident={incident}
            layout={model.sandwich.callers}
            weight={weight}
            labels={model.labels}
            frameColors={model.frameColors}
            matched={null}
            orientation="flame"
            firstDepth={1}
            focusNode={0}
            selectedNode={-1}
            label="Callers"
            maxHeight={260}
            onSelect={(node) => sandwichOf(model.sandwich!.callers.tree.frame[node])}
            onZoom={() => undefined}
            onReset={() => undefined}
          />
          <div className="flame-sandwich-title">Callees</div>
          <FlameGraph
            incident={incident}
            layout={model.sandwich.callees}
            weight={weight}
            labels={model.labels}
            frameColors={model.frameColors}
            matched={null}
            orientation="icicle"
            firstDepth={1}
            focusNode={0}
            selectedNode={-1}
            label="Callees"
            maxHeight={260}
            exportRef={exportRef}
            onSelect={(node) => sandwichOf(model.sandwich!.callees.tree.frame[node])}
            onZoom={() => undefined}
            onReset={() => undefined}
          />
        </div>
      ) : (
        <>
          <Breadcrumbs
            incident={incident}
            tree={tree}
            focusNode={model.focusNode}
            weight={mode.type === 'diff' ? null : weight}
            onFocus={zoomTo}
          />
          <FlameGraph
            incident={incident}
            layout={layout}
            weight={weight}
            labels={model.labels}
            frameColors={model.frameColors}
            matched={matched}
            orientation={orientation}
            focusNode={model.focusNode}
            selectedNode={model.selectedNode}
            label={label}
            maxHeight={Math.max(240, window.innerHeight - 320)}
            exportRef={exportRef}
            onSelect={selectNode}
            onZoom={zoomTo}
            onReset={() => setFocus([])}
          />
        </>
      )}
      <Legend incident={incident} tree={tree} mode={mode.type === 'diff' ? 'diff' : colorMode} />
      {model.selectedNode > 0 && mode.type !== 'diff' ? (
        <SelectionNote incident={incident} tree={tree} node={model.selectedNode} weight={weight} />
      ) : null}
      {model.diffRows ? (
        <DiffTable incident={incident} rows={model.diffRows} weight={weight} scaled={normalize} />
      ) : null}
      <p className="muted flame-help">
        Click a frame to zoom in and select its groups in the table; <kbd>←</kbd> <kbd>→</kbd>{' '}
        <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>Enter</kbd> zooms, <kbd>+</kbd> <kbd>-</kbd>{' '}
        <kbd>0</kbd> zoom, <kbd>W</kbd> <kbd>A</kbd> <kbd>S</kbd> <kbd>D</kbd> pan, wheel zooms,
        drag pans.
      </p>
    </section>
  )
}
