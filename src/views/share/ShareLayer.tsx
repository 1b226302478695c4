import { useIncidentStore } from '../../state/store'
import { ShareDialog } from './ShareDialog'
import { UrlConfirm } from './UrlInput'

/** What sharing shows over the page: errors from links, the URL confirmation, the dialog. */
export function ShareLayer() {
  const error = useIncidentStore((s) => s.shareError)
  const urlPending = useIncidentStore((s) => s.urlPending)
  const shareOpen = useIncidentStore((s) => s.shareOpen)
  const incident = useIncidentStore((s) => s.incident)
  const store = useIncidentStore.getState()
  return (
    <>
      {error ? (
        <div className="message message-error share-error" role="alert" data-testid="link-error">
          {error}{' '}
          <button
            type="button"
            className="button pm-small"
            onClick={() => store.setShareError(null)}
          >
            Dismiss
          </button>
        </div>
      ) : null}
      {urlPending ? <UrlConfirm href={urlPending} /> : null}
      {shareOpen && incident ? (
        <ShareDialog incident={incident} onClose={() => store.setShareOpen(false)} />
      ) : null}
    </>
  )
}
