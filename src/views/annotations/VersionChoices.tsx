import { useState } from 'react'
import type { ResolvedPin } from '../../model/notes/pins'
import type { Pin } from '../../model/notes/types'
import { keepMine, replaceWith, takeTheirs } from '../../state/persistence/autosave'
import { loadHistory, type PastRevision } from '../../state/persistence/postmortem-db'
import type { SaveStatus } from '../../state/slices/notes'
import { useIncidentStore } from '../../state/store'
import { Preview } from './Preview'

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + ' UTC'

/** Another tab saved a different version of a part this tab changed too. */
export function Conflict({ status }: { status: SaveStatus }) {
  if (status.type !== 'conflict') return null
  return (
    <div className="message message-warning pm-conflict" role="alert" data-testid="pm-conflict">
      Another tab saved a different version of {status.conflicts.join(', ')} at{' '}
      {utc(status.at).slice(11)}. Your changes are on screen and not saved yet; parts only one side
      changed are kept either way.{' '}
      <button type="button" className="button pm-small" onClick={() => void keepMine()}>
        Keep mine
      </button>{' '}
      <button type="button" className="button pm-small" onClick={() => takeTheirs(status.theirs)}>
        Load theirs
      </button>
    </div>
  )
}

/** An opened bundle or link older than the postmortem saved here: nothing changes until asked. */
export function ImportOffer() {
  const offer = useIncidentStore((s) => s.importOffer)
  if (!offer) return null
  const close = () => useIncidentStore.setState({ importOffer: null })
  return (
    <div className="message message-warning pm-conflict" role="alert" data-testid="pm-import-offer">
      The postmortem in {offer.from} (written {utc(offer.savedAt)}) is older than the one saved here
      ({utc(offer.localAt)}). Nothing was replaced.{' '}
      <button type="button" className="button pm-small" onClick={close}>
        Keep mine
      </button>{' '}
      <button
        type="button"
        className="button pm-small"
        onClick={() => {
          close()
          void replaceWith(offer.state)
        }}
      >
        Take theirs
      </button>{' '}
      <button
        type="button"
        className="button pm-small"
        onClick={() => {
          close()
          useIncidentStore.setState({
            readOnlyBeside: { state: offer.state, label: `From ${offer.from}, read-only` },
          })
        }}
      >
        Open theirs read-only beside mine
      </button>
    </div>
  )
}

/** Another version, read-only, above the editor (which stays editable). */
export function ReadOnlyBeside({ resolve }: { resolve(pin: Pin): ResolvedPin }) {
  const beside = useIncidentStore((s) => s.readOnlyBeside)
  if (!beside) return null
  return (
    <section className="pm-beside" aria-label="Other version (read-only)" data-testid="pm-beside">
      <div className="pm-beside-head">
        <b>{beside.label}</b>{' '}
        <button
          type="button"
          className="button pm-small"
          onClick={() => {
            useIncidentStore.setState({ readOnlyBeside: null })
            void replaceWith(beside.state)
          }}
        >
          Take this version
        </button>{' '}
        <button
          type="button"
          className="button pm-small"
          onClick={() => useIncidentStore.setState({ readOnlyBeside: null })}
        >
          Close
        </button>
      </div>
      <Preview state={beside.state} resolve={resolve} onOpenPin={() => {}} />
    </section>
  )
}

/** A message about a merge with another tab or a replaced version. */
export function PaneNotice() {
  const notice = useIncidentStore((s) => s.paneNotice)
  if (!notice) return null
  return (
    <div className="message pm-notice" role="status" data-testid="pm-notice">
      {notice}{' '}
      <button
        type="button"
        className="button pm-small"
        onClick={() => useIncidentStore.setState({ paneNotice: null })}
      >
        OK
      </button>
    </div>
  )
}

/** The kept revisions of this incident; one can be read beside or restored. */
export function History() {
  const key = useIncidentStore((s) => s.postmortemKey)
  const [revisions, setRevisions] = useState<PastRevision[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!key) return null
  const load = () => {
    setError(null)
    loadHistory(key).then(setRevisions, (e: unknown) => setError(String(e)))
  }
  return (
    <details
      className="pm-history"
      data-testid="pm-history"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) load()
      }}
    >
      <summary className="button pm-small">History</summary>
      {error ? <p className="message-error">Could not read the history: {error}</p> : null}
      {revisions?.length === 0 ? (
        <p className="muted">No earlier versions kept yet.</p>
      ) : (
        <ol className="pm-history-list">
          {revisions?.map((r) => (
            <li key={r.revision} data-testid="pm-history-entry">
              <span>
                {utc(r.updatedAt)} · {r.title || 'untitled'}
                {r.writer === 'bundle' ? ' (from a bundle)' : ''}
              </span>{' '}
              <button
                type="button"
                className="button pm-small"
                onClick={() =>
                  useIncidentStore.setState({
                    readOnlyBeside: { state: r.state, label: `Saved ${utc(r.updatedAt)}` },
                  })
                }
              >
                View
              </button>{' '}
              <button
                type="button"
                className="button pm-small"
                onClick={() => void replaceWith(r.state).then(load)}
              >
                Restore
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}
