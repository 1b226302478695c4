import type { GroupMode } from '../model/group'
import { groupModeName } from '../model/group-mode-names'

/** The grouping modes the Stacks toolbar offers, by the names it shows them with. */
export const GROUP_MODE_LABELS: readonly { label: string; mode: GroupMode }[] = [
  { label: 'Same functions and lines', mode: { type: 'lines' } },
  { label: 'Exact (arguments too)', mode: { type: 'exact' } },
  { label: 'Same functions', mode: { type: 'functions' } },
  { label: 'Top 3 frames', mode: { type: 'top', frames: 3 } },
  { label: 'Leaf frame', mode: { type: 'top', frames: 1 } },
  { label: 'First application frame', mode: { type: 'firstApp' } },
  { label: 'Created by', mode: { type: 'createdBy' } },
  { label: 'State', mode: { type: 'state' } },
  { label: 'Labels (pprof, perf threads)', mode: { type: 'labels' } },
]

/** A mode's name as the toolbar shows it: `Same functions`, `Top 5 frames`, `Label pid`. */
export function groupModeLabel(mode: GroupMode): string {
  const name = groupModeName(mode)
  const offered = GROUP_MODE_LABELS.find((m) => groupModeName(m.mode) === name)
  if (offered) return offered.label
  if (mode.type === 'label') return `Label ${mode.key}`
  if (mode.type === 'top') return `Top ${mode.frames} frames`
  return name
}
