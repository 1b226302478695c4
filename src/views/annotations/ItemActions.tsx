import { useMemo, useState } from 'react'
import type { Group } from '../../model/group'
import { groupTarget, sameTarget } from '../../model/notes/pins'
import type { Incident } from '../../model/types'
import type { PinTarget } from '../../model/notes/types'
import { useIncidentStore } from '../../state/store'

/** "Pin to postmortem" and "Note" for any item; shows the notes already on it. */
export function ItemActions({ target, what }: { readonly target: PinTarget; what: string }) {
  const pin = useIncidentStore((s) => s.pin)
  const addNote = useIncidentStore((s) => s.addNote)
  const setNoteText = useIncidentStore((s) => s.setNoteText)
  const ready = useIncidentStore((s) => s.postmortem !== null)
  const notes = useIncidentStore((s) => s.postmortem?.notes)
  const pinned = useIncidentStore((s) =>
    s.postmortem?.pins.some((p) => sameTarget(p.target, target)),
  )
  const [writing, setWriting] = useState(false)
  const [text, setText] = useState('')
  const mine = (notes ?? []).filter((n) => sameTarget(n.target, target))
  return (
    <div className="item-actions" onClick={(e) => e.stopPropagation()}>
      <button
        type="button"
        className="button pm-small"
        disabled={!ready}
        onClick={() => pin(target)}
        data-testid="pin-button"
      >
        {pinned ? 'Pinned ✓' : 'Pin to postmortem'}
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
      ✎ {mine.length}
    </span>
  )
}

/** Pin and Note for a group in the current grouping mode. */
export function GroupItemActions({
  incident,
  group,
}: {
  readonly incident: Incident
  readonly group: Group
}) {
  const mode = useIncidentStore((s) => s.groupMode)
  const target = useMemo(() => groupTarget(incident, group, mode), [incident, group, mode])
  return <ItemActions target={target} what="group" />
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
