import { useIncidentStore } from '../../state/store'
import { OpenFileButton } from './OpenFileButton'
import { ShareButtons } from '../share/HeaderActions'
import { PresentButton } from '../present/PresentButton'
import { ThemeSwitch } from '../present/ThemeSwitch'
import { useMediaQuery, WIDE_HEADER } from '../use-media-query'
import { OverflowMenu } from './OverflowMenu'

/**
 * The title and the page's actions on one line. Narrower than 1280 px the secondary actions
 * (links, sharing, theme, shortcuts) move into a "More" menu, so the line never wraps.
 */
export function Header({ onHelp }: { onHelp(): void }) {
  const names = useIncidentStore((s) => s.incident?.sources.map((src) => src.name).join(', ') ?? '')
  const wide = useMediaQuery(WIDE_HEADER)
  const secondary = (
    <>
      <span className="privacy-note" title="Files are parsed in this tab; nothing is uploaded.">
        Local only
      </span>
      <ShareButtons />
      <ThemeSwitch />
      <button
        type="button"
        className="button"
        onClick={onHelp}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
      >
        {wide ? '?' : 'Keyboard shortcuts'}
      </button>
    </>
  )
  return (
    <header className="app-header">
      <h1 className="app-title">
        <span className="app-name">Debrief</span>
        {/* Long names end in an ellipsis; the tooltip holds them whole. */}
        {names ? (
          <span className="app-title-input" title={names}>
            · {names}
          </span>
        ) : null}
      </h1>
      <div className="app-header-actions">
        {wide ? secondary : null}
        <PresentButton />
        <OpenFileButton />
        {wide ? null : <OverflowMenu label="More actions">{secondary}</OverflowMenu>}
      </div>
    </header>
  )
}
