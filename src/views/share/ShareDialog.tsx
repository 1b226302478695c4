import { useEffect, useMemo, useRef, useState } from 'react'
import { BUNDLE_EXTENSION } from '../../model/notes/bundle'
import { describeLinkLength, encodeShareFragment, LINK_LIMITS } from '../../model/share/share-link'
import type { Incident } from '../../model/types'
import { getSourceBlob } from '../../state/source-blobs'
import { useIncidentStore } from '../../state/store'
import { download, fileStem } from '../annotations/export'
import { formatBytes } from '../format'
import {
  DEFAULT_LINK_INPUT_BYTES,
  MAX_LINK_INPUT_BYTES,
  prepareShare,
  type PreparedShare,
} from './build-share'
import { CopyField } from './CopyField'
import { compileSettings, defaultRedactionSettings, type RedactionSettings } from './redact-share'
import { RedactionPreview } from './RedactionPreview'
import './share.css'

/** The share dialog: choose what goes, see what is redacted, copy the link or save a bundle. */
export function ShareDialog({
  incident,
  onClose,
}: {
  readonly incident: Incident
  onClose(): void
}) {
  const state = useIncidentStore((s) => s.postmortem)
  const dialog = useRef<HTMLDialogElement>(null)
  const totalBytes = incident.sources.reduce((n, s) => n + s.bytes, 0)
  const [includeInputs, setIncludeInputs] = useState(totalBytes <= DEFAULT_LINK_INPUT_BYTES)
  const [settings, setSettings] = useState<RedactionSettings>(defaultRedactionSettings)
  const [prepared, setPrepared] = useState<PreparedShare | null>(null)
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const compiled = useMemo(() => compileSettings(settings), [settings])

  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    return () => d?.close()
  }, [])

  useEffect(() => {
    if (!state) return
    let live = true
    setWorking(true)
    const s = useIncidentStore.getState()
    // A short pause so typing a pattern does not start a run per keystroke.
    const timer = setTimeout(() => {
      prepareShare({
        state,
        sources: incident.sources.map((src, i) => ({ ...src, blob: getSourceBlob(i) })),
        view: { activeView: s.activeView, groupMode: s.groupMode, search: s.search },
        includeInputs,
        settings,
        now: Date.now(),
      }).then(
        (p) => {
          if (!live) return
          setPrepared(p)
          setError(null)
          setWorking(false)
        },
        (e: unknown) => {
          if (!live) return
          setPrepared(null)
          setError(e instanceof Error ? e.message : String(e))
          setWorking(false)
        },
      )
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [state, incident, includeInputs, settings])

  const link = useMemo(() => {
    if (!prepared) return null
    return `${location.href.split('#')[0]}#${encodeShareFragment(prepared.bundle)}`
  }, [prepared])
  const browserLimit = LINK_LIMITS[LINK_LIMITS.length - 1].chars

  return (
    <dialog
      ref={dialog}
      className="share-dialog"
      aria-label="Share this postmortem"
      data-testid="share-dialog"
      onClose={onClose}
    >
      <header className="share-head">
        <h2>Share this postmortem</h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted">
        The link carries everything in its fragment (after <code>#</code>), which browsers never
        send to a server: whoever opens it sees it in their own browser. Redaction is applied to the
        document, the notes and the input before the link is made.
      </p>
      <label className="share-include">
        <input
          type="checkbox"
          checked={includeInputs}
          disabled={totalBytes > MAX_LINK_INPUT_BYTES}
          onChange={(e) => setIncludeInputs(e.target.checked)}
          data-testid="share-include-inputs"
        />{' '}
        Put the input in the link too ({formatBytes(totalBytes)}, redacted), so it opens with one
        click
        {totalBytes > MAX_LINK_INPUT_BYTES ? (
          <small className="muted"> (too large for a link: share the bundle instead)</small>
        ) : null}
      </label>
      {prepared?.inputsLeftOut ? (
        <div className="message message-warning">
          The input is not in the link: {prepared.inputsLeftOut}. The receiver opens the postmortem
          and is asked for the file.
        </div>
      ) : null}
      {error ? (
        <div className="message message-error" role="alert" data-testid="share-error">
          {error}
        </div>
      ) : null}
      <section className="share-link" aria-label="The link" aria-busy={working}>
        <h3>Link {working ? <small className="muted">(updating…)</small> : null}</h3>
        {link && link.length <= browserLimit ? (
          <>
            <CopyField value={link} label="Share link" testId="share-link" />
            <LinkLength length={link.length} />
          </>
        ) : link ? (
          <div className="message message-warning" role="status">
            This link would be {link.length.toLocaleString('en-US')} characters, more than a browser
            keeps. Save the bundle below and send it as a file.
          </div>
        ) : (
          <p className="muted">Preparing the link…</p>
        )}
        <p>
          <button
            type="button"
            className="button"
            disabled={!prepared}
            data-testid="share-bundle"
            onClick={() =>
              prepared &&
              download(
                `${fileStem(prepared.bundle.state)}${BUNDLE_EXTENSION}`,
                new Blob([JSON.stringify(prepared.bundle, null, 1)], { type: 'application/json' }),
              )
            }
          >
            Save the redacted bundle ({BUNDLE_EXTENSION})
          </button>{' '}
          <small className="muted">for links too long to paste, or to attach to a ticket</small>
        </p>
      </section>
      <RedactionPreview
        settings={settings}
        onChange={setSettings}
        counts={prepared?.counts ?? {}}
        errors={compiled.errors}
        preview={prepared?.preview ?? []}
      />
    </dialog>
  )
}

function LinkLength({ length }: { length: number }) {
  const { tooLongFor } = describeLinkLength(length)
  return (
    <p
      className={tooLongFor.length ? 'message message-warning' : 'muted'}
      data-testid="share-length"
    >
      {length.toLocaleString('en-US')} characters.{' '}
      {tooLongFor.length === 0
        ? 'Short enough for Teams, Discord, Slack and tickets.'
        : `Too long for ${tooLongFor.join(' and for ')}: it would be cut there. Use Slack or email, or untick the input, or save the bundle.`}
    </p>
  )
}
