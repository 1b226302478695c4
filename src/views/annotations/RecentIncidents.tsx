import { useEffect, useState } from 'react'
import { loadFiles } from '../../state/load'
import {
  deletePostmortem,
  listPostmortems,
  loadInputs,
  type StoredPostmortem,
} from '../../state/persistence/postmortem-db'
import { useIncidentStore } from '../../state/store'
import { CloseIcon } from '../icons'

/** Postmortems saved in this browser, most recent first; one click reopens kept inputs. */
export function RecentIncidents() {
  const notice = useIncidentStore((s) => s.notice)
  const [recent, setRecent] = useState<StoredPostmortem[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    listPostmortems().then(setRecent, (e) => setError(String(e)))
  }, [notice])
  const open = async (r: StoredPostmortem) => {
    const files = r.hasInputs ? await loadInputs(r.key) : undefined
    if (files?.length) void loadFiles(files)
    else
      useIncidentStore.setState({
        notice: `Open ${r.names.join(', ')} again to see “${r.title || 'this postmortem'}” beside its evidence.`,
      })
  }
  return (
    <div className="recent" data-testid="recent-incidents">
      {notice ? (
        <div className="message" role="status">
          {notice}
        </div>
      ) : null}
      {error ? (
        <div className="message message-error">Saved postmortems could not be read: {error}</div>
      ) : null}
      {recent?.length ? (
        <>
          <h3 className="start-subtitle">Recent incidents</h3>
          <ul className="recent-list">
            {recent.slice(0, 12).map((r) => (
              <li key={r.key}>
                <button type="button" className="example" onClick={() => void open(r)}>
                  <span className="example-title">{r.title || r.names.join(', ')}</span>
                  <span className="example-description">
                    {r.state.doc.status} · {r.names.join(', ')} ·{' '}
                    {new Date(r.updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
                    {r.hasInputs ? '' : ' · inputs not kept'}
                  </span>
                </button>
                <button
                  type="button"
                  className="pm-icon"
                  aria-label={`Forget ${r.title || r.names.join(', ')}`}
                  onClick={() => {
                    if (
                      window.confirm(
                        'Delete this postmortem from this browser? Export it first to keep it.',
                      )
                    )
                      void deletePostmortem(r.key).then(() =>
                        setRecent((list) => list?.filter((x) => x.key !== r.key) ?? null),
                      )
                  }}
                >
                  <CloseIcon />
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
