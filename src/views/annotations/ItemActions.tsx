import { useMemo, useState, type ReactNode } from 'react'
import type { Group } from '../../model/group'
import { groupTarget, sameTarget } from '../../model/notes/pins'
import type { Incident } from '../../model/types'
import type { PinTarget, TimeSpan } from '../../model/notes/types'
import type { DeepLink } from '../../state/deep-link'
import { linkToHere } from '../../state/deep-link-sync'
import { useIncidentStore } from '../../state/store'
import { getStackStableId } from '../../model/stable-id'
import { CheckIcon, NoteIcon } from '../icons'

/** "Pin to postmortem" and "Note" for any item; shows the notes already on it. */
export function ItemActions({
  target,
  what,
  link,
  context,
  children,
}: {
  readonly target: PinTarget
  what: string
  /** Where a deep link to this item points; adds "Copy link to this". */
  readonly link?: DeepLink
  /** The timeline range shown now, kept with the pin so presenting it shows it again. */
  readonly context?: TimeSpan
  /** More actions on the item, in the same row (copy as Markdown). */
  readonly children?: ReactNode
}) {
  const pin = useIncidentStore((s) => s.pin)
  const addNote = useIncidentStore((s) => s.addNote)
  const setNoteText = useIncidentStore((s) => s.setNoteText)
  const ready = useIncidentStore((s) => s.postmortem !== null)
  const notes = useIncidentStore((s) => s.postmortem?.notes)
  const pinned = useIncidentStore((s) =>
    s.postmortem?.pins.some((p) => sameTarget(p.target, target)),
  )
  const [writing, setWriting] = useState(false)
  // Shown when the clipboard refuses (insecure context, denied permission).
  const [linkShown, setLinkShown] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [text, setText] = useState('')
  const mine = (notes ?? []).filter((n) => sameTarget(n.target, target))
  return (
    <div className="item-actions" onClick={(e) => e.stopPropagation()}>
      <button
        type="button"
        className="button pm-small"
        disabled={!ready}
        onClick={() => pin(target, undefined, context)}
        data-testid="pin-button"
      >
        {pinned ? (
          <>
            <span>Pinned</span>
            <CheckIcon />
          </>
        ) : (
          'Pin to postmortem'
        )}
      </button>
      <button
        type="button"
        className="button pm-small"
        disabled={!ready}
        onClick={() => setWriting(true)}
        data-testid="note-button"
      >
        Note
      </button>
      {link ? (
        <button
          type="button"
          className="button pm-small"
          data-testid="copy-item-link"
          onClick={() => {
            const url = linkToHere(link)
            navigator.clipboard
              .writeText(url)
              .then(() => setCopied(true))
              .catch(() => setLinkShown(url))
          }}
        >
          {copied ? (
            <>
              <span>Link copied</span>
              <CheckIcon />
            </>
          ) : (
            'Copy link to this'
          )}
        </button>
      ) : null}
      {children}
      {linkShown ? (
        <input
          className="item-link"
          readOnly
          aria-label={`Link to this ${what}`}
          value={linkShown}
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : null}
      {mine.map((n) => (
        <textarea
          key={n.id}
          className="item-note"
          aria-label={`Note on this ${what}`}
          rows={2}
          value={n.text}
          onChange={(e) => setNoteText(n.id, e.target.value)}
        />
      ))}
      {writing ? (
        <form
          className="item-note-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (text.trim()) addNote(target, text.trim())
            setText('')
            setWriting(false)
          }}
        >
          <textarea
            autoFocus
            className="item-note"
            aria-label={`New note on this ${what}`}
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey))
                e.currentTarget.form?.requestSubmit()
              if (e.key === 'Escape') setWriting(false)
            }}
          />
          <button type="submit" className="button pm-small">
            Save note
          </button>
        </form>
      ) : null}
    </div>
  )
}

/** A small mark for a row whose item has notes. */
export function NoteBadge({ target }: { readonly target: PinTarget }) {
  const notes = useIncidentStore((s) => s.postmortem?.notes)
  const mine = (notes ?? []).filter((n) => sameTarget(n.target, target))
  if (!mine.length) return null
  return (
    <span className="badge note-badge" title={mine.map((n) => n.text).join('\n\n')}>
      <NoteIcon /> {mine.length}
    </span>
  )
}

/** Pin and Note for a group in the current grouping mode. */
export function GroupItemActions({
  incident,
  group,
  children,
}: {
  readonly incident: Incident
  readonly group: Group
  readonly children?: ReactNode
}) {
  const mode = useIncidentStore((s) => s.groupMode)
  const target = useMemo(() => groupTarget(incident, group, mode), [incident, group, mode])
  const link = useMemo(
    () => ({ group: getStackStableId(incident, group.stack) }),
    [incident, group],
  )
  return (
    <ItemActions target={target} what="group" link={link}>
      {children}
    </ItemActions>
  )
}

/** The note mark on a group's row: how many notes the team wrote on this group. */
export function GroupNoteBadge({
  incident,
  group,
}: {
  readonly incident: Incident
  readonly group: Group
}) {
  const mode = useIncidentStore((s) => s.groupMode)
  const target = useMemo(() => groupTarget(incident, group, mode), [incident, group, mode])
  return <NoteBadge target={target} />
}
