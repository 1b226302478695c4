import { useEffect, useRef, useState } from 'react'
import { useIncidentStore } from '../../state/store'
import { parseInputUrl, URL_INPUT_LIMIT_BYTES } from '../../state/url-input'
import { loadFromUrl } from '../../state/open-shared'

/** The start page's field: an address to load an input from (asked before any request). */
export function UrlField() {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const setUrlPending = useIncidentStore((s) => s.setUrlPending)
  return (
    <form
      className="url-field"
      onSubmit={(e) => {
        e.preventDefault()
        const url = parseInputUrl(text)
        if ('error' in url) setError(url.error)
        else {
          setError(null)
          setUrlPending(url.href)
        }
      }}
    >
      <label>
        <span>or load from a URL (a raw gist, an S3 presigned URL)</span>
        <input
          type="url"
          value={text}
          placeholder="https://…"
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          data-testid="url-field"
        />
      </label>
      <button type="submit" className="button">
        Load
      </button>
      {error ? (
        <div className="message message-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  )
}

/** Asks before the one network request Debrief ever makes on its own: fetching a URL input. */
export function UrlConfirm({ href }: { readonly href: string }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const setUrlPending = useIncidentStore((s) => s.setUrlPending)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    return () => d?.close()
  }, [])
  const host = new URL(href).host
  return (
    <dialog
      ref={dialog}
      className="url-confirm"
      aria-label="Load an input from the network?"
      data-testid="url-confirm"
      onClose={() => setUrlPending(null)}
    >
      <h2>Load an input from {host}?</h2>
      <p>This page will ask {host} for:</p>
      <p>
        <code className="url-confirm-address">{href}</code>
      </p>
      <p className="muted">
        {host} sees your IP address and this request; no cookies, no referrer and nothing from this
        page are sent with it. Up to {URL_INPUT_LIMIT_BYTES / (1024 * 1024)} MB are read, then
        parsed here like a dropped file.
      </p>
      <div className="url-confirm-actions">
        <button type="button" className="button" onClick={() => setUrlPending(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          autoFocus
          onClick={() => void loadFromUrl(href)}
        >
          Load it
        </button>
      </div>
    </dialog>
  )
}
