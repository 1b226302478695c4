import { useRef, useState } from 'react'
import { formatTransforms, parseTransforms } from '../../model/transforms/syntax'
import { useIncidentStore } from '../../state/store'
import {
  deleteTransformPreset,
  loadTransformPresets,
  saveTransformPreset,
} from '../../state/transform-presets'

/** Named transform stacks kept in this browser, for any incident. */
export function PresetMenu() {
  const transforms = useIncidentStore((s) => s.transforms)
  const setTransforms = useIncidentStore((s) => s.setTransforms)
  const [presets, setPresets] = useState(loadTransformPresets)
  const [name, setName] = useState('')
  const menu = useRef<HTMLDetailsElement>(null)
  return (
    <details
      ref={menu}
      className="transform-menu"
      data-testid="preset-menu"
      onToggle={(e) => {
        // Another tab may have saved one since.
        if ((e.target as HTMLDetailsElement).open) setPresets(loadTransformPresets())
      }}
    >
      <summary>Presets</summary>
      <div className="transform-menu-body">
        {presets.length === 0 ? <div className="muted">No presets saved yet.</div> : null}
        <ul className="transform-presets">
          {presets.map((p) => (
            <li key={p.name}>
              <button
                type="button"
                title={p.transforms}
                onClick={() => {
                  const parsed = parseTransforms(p.transforms)
                  if ('transforms' in parsed) setTransforms(parsed.transforms)
                  if (menu.current) menu.current.open = false
                }}
              >
                {p.name}
              </button>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Delete preset ${p.name}`}
                onClick={() => setPresets(deleteTransformPreset(p.name))}
              >
                delete
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            setPresets(
              saveTransformPreset({ name: name.trim(), transforms: formatTransforms(transforms) }),
            )
            setName('')
          }}
        >
          <label>
            Save these transforms as{' '}
            <input
              type="text"
              value={name}
              placeholder="our services only"
              onChange={(e) => setName(e.target.value)}
              maxLength={80}
            />
          </label>
          <button type="submit" disabled={!name.trim() || transforms.length === 0}>
            Save preset
          </button>
        </form>
      </div>
    </details>
  )
}
