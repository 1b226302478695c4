import { useMemo } from 'react'
import { describeTransform, removesRecords } from '../../model/transforms/types'
import type { Incident } from '../../model/types'
import { useIncidentStore } from '../../state/store'
import { formatCount } from '../format'
import { HideMenu } from './HideMenu'
import { PresetMenu } from './PresetMenu'
import './transforms.css'

/**
 * The transform stack as a breadcrumb above the stacks and the flame graph: each transform
 * can be removed on its own (its undo), and the Hide and Presets menus add more.
 */
export function TransformBar({
  parsed,
  transformed,
}: {
  /** The snapshot shown, as parsed. */
  readonly parsed: Incident
  /** The same snapshot through the transforms. */
  readonly transformed: Incident
}) {
  const transforms = useIncidentStore((s) => s.transforms)
  const removeTransform = useIncidentStore((s) => s.removeTransform)
  const setTransforms = useIncidentStore((s) => s.setTransforms)
  const filtered = transforms.some(removesRecords)
  const left = useMemo(() => countRecords(transformed), [transformed])
  const all = useMemo(() => countRecords(parsed), [parsed])
  return (
    <div className="transform-bar" data-testid="transform-bar">
      <span className="transform-bar-title">Transforms</span>
      <ol className="transform-crumbs" aria-label="Transforms applied, in order">
        {transforms.length === 0 ? <li className="muted">none: stacks as parsed</li> : null}
        {transforms.map((t, i) => {
          const label = describeTransform(t)
          return (
            <li key={i} className="transform-crumb" data-testid="transform-crumb">
              <span className="transform-crumb-label" title={label}>
                {label}
              </span>
              <button
                type="button"
                className="transform-crumb-remove"
                aria-label={`Remove “${label}”`}
                title="Remove this transform"
                onClick={() => removeTransform(i)}
              >
                ×
              </button>
            </li>
          )
        })}
      </ol>
      {transforms.length > 1 ? (
        <button type="button" className="link-button" onClick={() => setTransforms([])}>
          Remove all
        </button>
      ) : null}
      <HideMenu />
      <PresetMenu />
      {filtered ? (
        <div className="transform-note" data-testid="transform-note">
          Focus and drop remove records: counts and percentages cover the {formatCount(left)} of{' '}
          {formatCount(all)} records left.
        </div>
      ) : null}
    </div>
  )
}

function countRecords(incident: Incident): number {
  let n = 0
  for (let i = 0; i < incident.records.length; i++) n += incident.records.count[i]
  return n
}
