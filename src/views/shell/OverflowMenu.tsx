import { useEffect, useRef, type ReactNode } from 'react'
import { MoreIcon } from '../icons'

/**
 * A button that opens a small menu of actions that do not fit on the line. A click outside,
 * Escape, or choosing a button closes it.
 */
export function OverflowMenu({ label, children }: { label: string; children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    const close = (e: Event) => {
      const details = menu.current
      if (!details?.open) return
      if (e instanceof KeyboardEvent) {
        if (e.key !== 'Escape') return
        details.open = false
        details.querySelector('summary')?.focus()
        return
      }
      if (!details.contains(e.target as Node)) details.open = false
    }
    document.addEventListener('pointerdown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('pointerdown', close)
      document.removeEventListener('keydown', close)
    }
  }, [])
  return (
    <details className="overflow-menu" ref={menu} data-testid="overflow-menu">
      <summary className="button overflow-toggle" aria-label={label} title={label}>
        <MoreIcon />
      </summary>
      <div
        className="overflow-items"
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button')) menu.current?.removeAttribute('open')
        }}
      >
        {children}
      </div>
    </details>
  )
}
