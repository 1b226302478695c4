import { useIncidentStore } from '../../state/store'
import { OpenFileButton } from './OpenFileButton'
import { ShareButtons } from '../share/HeaderActions'
import { PresentButton } from '../present/PresentButton'
import { ThemeSwitch } from '../present/ThemeSwitch'

export function Header({ onHelp }: { onHelp(): void }) {
  const names = useIncidentStore((s) => s.incident?.sources.map((src) => src.name).join(', ') ?? '')
  return (
    <header className="app-header">
      <h1 className="app-title">
        Debrief
        {names ? <span className="app-title-input"> · {names}</span> : null}
      </h1>
      <div className="app-header-actions">
        <span className="privacy-note" title="Files are parsed in this tab; nothing is uploaded.">
          Local only
        </span>
        <ShareButtons />
        <PresentButton />
        <ThemeSwitch />
        <button
          type="button"
          className="button"
          onClick={onHelp}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
        <OpenFileButton />
      </div>
    </header>
  )
}
