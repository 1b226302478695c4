import { useRef, useState } from 'react'
import { parseTransforms } from '../../model/transforms/syntax'
import { notAppKinds } from '../../model/transforms/types'
import { FrameKind, frameKindNames } from '../../model/types'
import { useIncidentStore } from '../../state/store'

const KINDS: { kind: FrameKind; label: string }[] = [
  { kind: FrameKind.runtime, label: 'Runtime' },
  { kind: FrameKind.stdlib, label: 'Standard library' },
  { kind: FrameKind.library, label: 'Libraries (dependencies)' },
  { kind: FrameKind.native, label: 'Native' },
  { kind: FrameKind.kernel, label: 'Kernel' },
  { kind: FrameKind.cgo, label: 'cgo boundary' },
  { kind: FrameKind.unknown, label: 'Unknown (??)' },
]

/** "Hide": frames by kind ("only my code") or by a /regex/ on function, file or module. */
export function HideMenu() {
  const addToStack = useIncidentStore((s) => s.addTransform)
  const menu = useRef<HTMLDetailsElement>(null)
  // The menu closes once a transform is added, so the view it changed is in sight.
  const addTransform = (t: Parameters<typeof addToStack>[0]) => {
    addToStack(t)
    if (menu.current) menu.current.open = false
  }
  const [kinds, setKinds] = useState<FrameKind[]>([])
  const [pattern, setPattern] = useState('')
  const [error, setError] = useState<string | null>(null)
  const toggle = (k: FrameKind) =>
    setKinds((list) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]))
  const hidePattern = () => {
    const text = pattern.trim()
    const regex = text.startsWith('/') ? text : `/${text}/`
    // The same reader as links and the command line, so what is accepted here round-trips.
    const parsed = parseTransforms(`hide:${regex.replace(/%/g, '%25').replace(/,/g, '%2C')}`)
    if ('error' in parsed) return setError(parsed.error)
    setError(null)
    setPattern('')
    addTransform(parsed.transforms[0])
  }
  return (
    <details className="transform-menu" data-testid="hide-menu" ref={menu}>
      <summary>Hide</summary>
      <div className="transform-menu-body">
        <button
          type="button"
          onClick={() => addTransform({ type: 'hide-kind', kinds: notAppKinds })}
          title="Hide every frame that is not the team's own code"
        >
          Only my code
        </button>
        <fieldset>
          <legend>Frames of these kinds</legend>
          {KINDS.map(({ kind, label }) => (
            <label key={kind} className="transform-check">
              <input
                type="checkbox"
                checked={kinds.includes(kind)}
                onChange={() => toggle(kind)}
                name={frameKindNames[kind]}
              />{' '}
              {label}
            </label>
          ))}
          <button
            type="button"
            disabled={kinds.length === 0}
            onClick={() => {
              addTransform({ type: 'hide-kind', kinds })
              setKinds([])
            }}
          >
            Hide these kinds
          </button>
        </fieldset>
        <form
          className="transform-pattern"
          onSubmit={(e) => {
            e.preventDefault()
            if (pattern.trim()) hidePattern()
          }}
        >
          <label>
            Frames matching{' '}
            <input
              type="text"
              value={pattern}
              placeholder="/^github\.com\/vendor\//"
              onChange={(e) => setPattern(e.target.value)}
              aria-label="Regular expression of frames to hide"
              spellCheck={false}
            />
          </label>
          <button type="submit" disabled={!pattern.trim()}>
            Hide
          </button>
          {error ? (
            <div className="message message-error" role="alert">
              {error}
            </div>
          ) : null}
        </form>
      </div>
    </details>
  )
}
