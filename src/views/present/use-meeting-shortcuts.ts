import { useEffect } from 'react'
import { linkFromState, linkToHere } from '../../state/deep-link-sync'
import { useIncidentStore } from '../../state/store'
import { isTyping } from '../keyboard/shortcuts'

/**
 * The sharing and meeting shortcuts: `s` share, `l` copy a link to this view, Shift+P present.
 * What links open at start-up is `state/start-up.ts`'s.
 */
export function useMeetingShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A view that handled the key itself (the flame graph pans on S) keeps it.
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      const s = useIncidentStore.getState()
      if (!s.incident || s.presenting || s.shareOpen) return
      if (e.key === 's') s.setShareOpen(true)
      else if (e.key === 'P') s.startPresenting()
      else if (e.key === 'l')
        void navigator.clipboard?.writeText(linkToHere(linkFromState(s))).catch(() => undefined)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
