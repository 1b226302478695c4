import { useEffect } from 'react'
import { useIncidentStore } from '../../state/store'
import { isTyping } from './shortcuts'

/**
 * The shortcuts that work anywhere (see shortcuts.ts). View-specific keys are handled by the
 * views themselves, which own their focus.
 */
export function useGlobalShortcuts(toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A view that handled the key itself (the flame graph pans on S) keeps it.
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      const store = useIncidentStore.getState()
      const hasIncident = store.incident !== null
      switch (e.key) {
        case '?':
          toggleHelp()
          break
        case '1':
        case '2':
        case '3':
          if (!hasIncident) return
          store.setActiveView((['stacks', 'flame', 'timeline'] as const)[Number(e.key) - 1])
          break
        case 'p':
          if (!hasIncident) return
          store.setPaneOpen(!store.paneOpen)
          break
        case 'o':
          document.querySelector<HTMLInputElement>('[data-testid="file-input"]')?.click()
          break
        case '/': {
          const search = [...document.querySelectorAll<HTMLInputElement>('[data-search]')].find(
            (el) => el.offsetParent !== null,
          )
          if (!search) return
          search.focus()
          search.select()
          break
        }
        default:
          return
      }
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [toggleHelp])
}
