import { useEffect, useRef } from 'react'
import { shortcuts } from './shortcuts'

const SCOPE_TITLES = {
  anywhere: 'Anywhere',
  stacks: 'Stacks',
  flame: 'Flame graph',
  timeline: 'Timeline',
  presentation: 'Presentation mode',
} as const

/** The `?` overlay: every shortcut, grouped by where it works. */
export function ShortcutsOverlay({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    return () => d?.close()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-label="Keyboard shortcuts"
      onClose={onClose}
      data-testid="shortcuts"
    >
      <h2>Keyboard shortcuts</h2>
      {(Object.keys(SCOPE_TITLES) as (keyof typeof SCOPE_TITLES)[]).map((scope) => {
        const list = shortcuts.filter((s) => s.scope === scope)
        if (list.length === 0) return null
        return (
          <section key={scope}>
            <h3>{SCOPE_TITLES[scope]}</h3>
            <dl>
              {list.map((s) => (
                <div className="shortcut" key={s.description}>
                  <dt>
                    {s.keys.map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </dt>
                  <dd>{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        )
      })}
      <button type="button" className="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  )
}
