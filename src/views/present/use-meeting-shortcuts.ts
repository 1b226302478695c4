import { useEffect } from 'react'
import { linkFromState, linkToHere, startDeepLinkSync } from '../../state/deep-link-sync'
import { useIncidentStore } from '../../state/store'
import { isTyping } from '../keyboard/shortcuts'
import { openFromFragment } from '../share/open-shared'
import { FOLLOW_PARAM, startAudience } from './follow'

/**
 * Start-up for links (share, URL input, deep link, audience window) and the sharing and
 * meeting shortcuts: `s` share, `l` copy a link to this view, Shift+P present.
 */
export function useMeetingShortcuts(): void {
  useEffect(() => {
    startDeepLinkSync()
    const follower = new URLSearchParams(location.hash.slice(1)).has(FOLLOW_PARAM)
    void openFromFragment(location.hash)
    if (follower) startAudience()
  }, [])
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
