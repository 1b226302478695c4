import { useMemo } from 'react'
import {
  computeCallTree,
  computeRecordWeights,
  computeWeightTotals,
  findNodeByPath,
  type CallTree,
  type FlameWeight,
} from '../../model/flame/call-tree'
import {
  computeDiffTable,
  getDefaultDiffInputs,
  isRecordInSide,
  type DiffRow,
} from '../../model/flame/diff'
import { computeFlameLayout, type FlameLayout } from '../../model/flame/layout'
import { computeSandwich } from '../../model/flame/sandwich'
import {
  compileFrameSearch,
  computeSearchMatches,
  type SearchResult,
} from '../../model/flame/search'
import type { Incident } from '../../model/types'
import { getChosenSnapshot } from '../../model/snapshot-view'
import { getShownIncident } from '../../state/selectors'
import { useIncidentStore } from '../../state/store'
import { computeFrameColors } from './colors'

export type FlameModel = {
  weight: FlameWeight
  totals: Record<FlameWeight, number>
  /** The snapshot shown when the input has several and the view is not a diff, else null. */
  snapshot: number | null
  tree: CallTree
  layout: FlameLayout
  focusNode: number
  selectedNode: number
  search: SearchResult | { error: string } | null
  sandwich: { callers: FlameLayout; callees: FlameLayout } | null
  diffRows: DiffRow[] | null
  labels: string[]
  frameColors: string[] | null
}

/**
 * Everything the flame view draws, derived from the store with one memo per step, so panning
 * or hovering recomputes nothing and a weight change rebuilds only the tree and what follows.
 */
export function useFlameModel(incident: Incident): FlameModel {
  const storedWeight = useIncidentStore((s) => s.flameWeight)
  const order = useIncidentStore((s) => s.flameOrder)
  const colorMode = useIncidentStore((s) => s.flameColor)
  const mode = useIncidentStore((s) => s.flameMode)
  const focus = useIncidentStore((s) => s.flameFocus)
  const selection = useIncidentStore((s) => s.flameSelection)
  const query = useIncidentStore((s) => s.flameSearch)
  const normalize = useIncidentStore((s) => s.flameDiffNormalize)

  const chosen = useIncidentStore((s) => s.snapshot)
  // One snapshot of an input that has several, as the table shows it; a diff compares two.
  const shown = getShownIncident(incident, chosen)
  const base = mode.type === 'diff' ? incident : shown
  const totals = useMemo(() => computeWeightTotals(base), [base])
  // A sample weight of an earlier incident may not exist in this one.
  const weight: FlameWeight =
    storedWeight !== null && storedWeight in totals
      ? storedWeight
      : totals.bytes > 0
        ? 'bytes'
        : 'count'
  const snapshot =
    mode.type !== 'diff' && shown !== incident ? getChosenSnapshot(incident, chosen) : null
  const weights = useMemo(
    () => (mode.type === 'diff' ? null : computeRecordWeights(shown, weight)),
    [shown, weight, mode.type],
  )

  const tree = useMemo(() => {
    performance.clearMarks('debrief:flame-tree-start')
    performance.mark('debrief:flame-tree-start')
    let t: CallTree
    if (mode.type === 'diff') {
      const side = (s: 'before' | 'after') =>
        computeRecordWeights(incident, weight, (r) => isRecordInSide(incident, mode.inputs, s, r))
      const after = side('after')
      const before = side('before')
      if (normalize) scaleToTotal(before, after)
      t = computeCallTree(incident, after, before)
    } else {
      t = computeCallTree(shown, weights!)
    }
    return t
  }, [incident, shown, weights, weight, mode, normalize])
  const layout = useMemo(() => {
    const l = computeFlameLayout(incident, tree, order)
    // Model -> layout time, for a harness to read; only the latest one is kept.
    performance.clearMeasures('debrief:flame-layout')
    performance.measure('debrief:flame-layout', 'debrief:flame-tree-start')
    return l
  }, [incident, tree, order])

  const focusNode = useMemo(() => findNodeByPath(tree, focus), [tree, focus])
  const selectedNode = useMemo(
    () => (selection ? findNodeByPath(tree, selection) : -1),
    [tree, selection],
  )

  const search = useMemo(() => {
    if (query.trim() === '') return null
    const match = compileFrameSearch(query)
    return typeof match === 'function'
      ? computeSearchMatches(base, tree, match, weights ?? undefined)
      : match
  }, [base, tree, query, weights])

  const sandwich = useMemo(() => {
    if (mode.type !== 'sandwich' || !weights) return null
    const s = computeSandwich(shown, weights, mode.func)
    return {
      callers: computeFlameLayout(shown, s.callers, order),
      callees: computeFlameLayout(shown, s.callees, order),
    }
  }, [shown, mode, weights, order])

  const diffRows = useMemo(
    () => (tree.baseTotal ? computeDiffTable(incident, tree, 30) : null),
    [incident, tree],
  )
  const labels = useMemo(
    () => Array.from(incident.frames.func, (s) => incident.strings[s]),
    [incident],
  )
  const frameColors = useMemo(
    () => (mode.type === 'diff' ? null : computeFrameColors(incident, colorMode)),
    [incident, colorMode, mode.type],
  )
  return {
    weight,
    totals,
    snapshot,
    tree,
    layout,
    focusNode,
    selectedNode,
    search,
    sandwich,
    diffRows,
    labels,
    frameColors,
  }
}

/** Scales `weights` in place so they sum to the same total as `target`. */
function scaleToTotal(weights: Float64Array, target: Float64Array): void {
  let from = 0
  let to = 0
  for (let i = 0; i < weights.length; i++) from += weights[i]
  for (let i = 0; i < target.length; i++) to += target[i]
  if (from === 0) return
  const k = to / from
  for (let i = 0; i < weights.length; i++) weights[i] *= k
}

/** The comparison the incident offers (two files, or the shown series' first vs last snapshot), or null. */
export function useDiffInputs(incident: Incident, shown: number | null) {
  return useMemo(() => getDefaultDiffInputs(incident, shown), [incident, shown])
}
