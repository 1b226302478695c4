import { useState } from 'react'
import {
  addSection,
  ensureSection,
  moveSection,
  removeSection,
  updateSection,
} from '../../model/notes/document'
import { computeTimelineSection } from '../../model/notes/timeline-section'
import type { Incident } from '../../model/types'
import { saveNow } from '../../state/persistence/autosave'
import type { SaveStatus } from '../../state/slices/notes'
import { useIncidentStore } from '../../state/store'
import { DocHeader } from './DocHeader'
import { exportBundle, exportHtml, exportMarkdown, type ExportOutcome } from './export'
import { NotesPanel } from './NotesPanel'
import { exportJiraCsv } from '../handoff/action-item-handoff'
import { PaneBoundary } from '../error-boundary'
import { Preview } from './Preview'
import { SectionEditor } from './SectionEditor'
import { usePinResolver } from './use-resolver'
import { Conflict, History, ImportOffer, PaneNotice, ReadOnlyBeside } from './VersionChoices'
import { CloseIcon } from '../icons'
import './annotations.css'

/** The postmortem document beside the evidence. */
export function PostmortemPane({
  incident,
  snapshots,
}: {
  /** The snapshot shown, through the transforms. */
  readonly incident: Incident
  /** The same incident with all of its snapshots (see `usePinResolver`). */
  readonly snapshots: Incident
}) {
  const state = useIncidentStore((s) => s.postmortem)
  const saveStatus = useIncidentStore((s) => s.saveStatus)
  const dirty = useIncidentStore((s) => s.postmortemDirty)
  const editDoc = useIncidentStore((s) => s.editDoc)
  const setCaret = useIncidentStore((s) => s.setCaret)
  const openDestination = useIncidentStore((s) => s.openDestination)
  const setPaneOpen = useIncidentStore((s) => s.setPaneOpen)
  const groupMode = useIncidentStore((s) => s.groupMode)
  const [mode, setMode] = useState<'edit' | 'preview'>('edit')
  const [redact, setRedact] = useState(true)
  const [exported, setExported] = useState<{ ok: boolean; text: string } | null>(null)
  const resolve = usePinResolver(incident, state?.markers ?? [], snapshots)
  if (!state) return <aside className="pane pm-pane muted">Restoring the postmortem…</aside>
  const { doc } = state

  const fillTimeline = () => {
    const text = computeTimelineSection(state)
    const [next, section] = ensureSection(doc, 'timeline')
    if (
      section.body.trim() &&
      !window.confirm(
        'Replace the Timeline section with one built from the markers and pinned events?',
      )
    )
      return
    editDoc(() =>
      updateSection(next, section.id, {
        body: text || '_No markers or pinned events with a time yet._',
      }),
    )
  }

  const runExport = (make: () => Promise<ExportOutcome>) => {
    setExported(null)
    make().then(
      (outcome) => setExported({ ok: true, text: describeExport(outcome) }),
      (error: unknown) =>
        setExported({ ok: false, text: error instanceof Error ? error.message : String(error) }),
    )
  }

  return (
    <aside
      className="pane pm-pane"
      aria-label="Postmortem"
      data-testid="postmortem-pane"
      // Saved-or-not as an explicit signal for tests and for the print-out.
      data-dirty={String(dirty || saveStatus.type === 'saving')}
    >
      <div className="pm-toolbar">
        <div className="pm-mode" role="group" aria-label="Mode">
          <button type="button" aria-pressed={mode === 'edit'} onClick={() => setMode('edit')}>
            Edit
          </button>
          <button
            type="button"
            aria-pressed={mode === 'preview'}
            onClick={() => setMode('preview')}
            data-testid="pm-preview-button"
          >
            Preview
          </button>
        </div>
        <SaveIndicator status={saveStatus} />
        <History />
        <details className="pm-export">
          <summary className="button pm-small">Export</summary>
          <div
            className="pm-export-menu"
            // The menu closes once an export is chosen.
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('button'))
                e.currentTarget.closest('details')?.removeAttribute('open')
            }}
          >
            <label className="pm-export-redact" title="Tokens, keys, emails, IP addresses …">
              <input
                type="checkbox"
                checked={redact}
                onChange={(e) => setRedact(e.target.checked)}
              />
              Redact secrets
            </label>
            <button
              type="button"
              onClick={() => runExport(() => exportMarkdown(state, resolve, redact))}
            >
              Markdown (.md)
            </button>
            <button
              type="button"
              onClick={() =>
                runExport(() => exportHtml(state, incident, resolve, redact, groupMode))
              }
            >
              HTML report
            </button>
            <button
              type="button"
              onClick={() =>
                runExport(() => exportBundle(state, incident, viewOf(), false, redact))
              }
            >
              Bundle (.debrief)
            </button>
            <button
              type="button"
              onClick={() => runExport(() => exportBundle(state, incident, viewOf(), true, redact))}
            >
              Bundle with the inputs
            </button>
            <button type="button" onClick={() => runExport(() => exportJiraCsv(state, redact))}>
              Action items (Jira CSV)
            </button>
            <button type="button" onClick={() => window.print()}>
              Print…
            </button>
          </div>
        </details>
        <button
          type="button"
          className="pm-icon pm-close"
          onClick={() => setPaneOpen(false)}
          aria-label="Close the postmortem"
          title="Close the postmortem (p)"
        >
          <CloseIcon />
        </button>
      </div>
      {exported ? (
        <div
          className={exported.ok ? 'pm-export-status' : 'pm-export-status message-error'}
          role={exported.ok ? 'status' : 'alert'}
          data-testid="export-status"
        >
          {exported.text}
        </div>
      ) : null}
      <Conflict status={saveStatus} />
      <ImportOffer />
      <PaneNotice />
      <ReadOnlyBeside resolve={resolve} />
      {mode === 'preview' ? (
        <PaneBoundary name="preview">
          <Preview
            state={state}
            resolve={resolve}
            onOpenPin={(pin) => {
              const d = resolve(pin).destination
              if (d) openDestination(d)
            }}
          />
        </PaneBoundary>
      ) : (
        <div className="pm-editor">
          <DocHeader doc={doc} onChange={(c) => editDoc((d) => ({ ...d, ...c }))} />
          {doc.sections.map((s, i) => (
            <SectionEditor
              key={s.id}
              section={s}
              first={i === 0}
              last={i === doc.sections.length - 1}
              onChange={(c) => editDoc((d) => updateSection(d, s.id, c))}
              onMove={(by) => editDoc((d) => moveSection(d, s.id, by))}
              onRemove={() => editDoc((d) => removeSection(d, s.id))}
              onCaret={(offset) => setCaret({ sectionId: s.id, offset })}
              onFillTimeline={s.kind === 'timeline' ? fillTimeline : undefined}
              redact={redact}
            />
          ))}
          <button
            type="button"
            className="button pm-small"
            onClick={() => editDoc((d) => addSection(d, 'New section'))}
          >
            Add a section
          </button>
        </div>
      )}
      <NotesPanel state={state} />
    </aside>
  )
}

function viewOf() {
  const s = useIncidentStore.getState()
  return { activeView: s.activeView, groupMode: s.groupMode, search: s.search }
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  switch (status.type) {
    case 'idle':
      return <span className="pm-save" data-save="idle" />
    case 'saving':
      return (
        <span className="pm-save" data-save="saving">
          Saving…
        </span>
      )
    case 'saved':
      return (
        <span className="pm-save" data-save="saved" title={new Date(status.at).toISOString()}>
          Saved in this browser
        </span>
      )
    case 'conflict':
      return (
        <span className="pm-save pm-save-bad" data-save="conflict">
          Not saved: changed elsewhere
        </span>
      )
    case 'error':
      return (
        <span className="pm-save pm-save-bad" data-save="error" role="alert">
          Not saved. {status.message}{' '}
          <button type="button" className="button pm-small" onClick={() => void saveNow()}>
            Retry
          </button>
        </span>
      )
  }
}

function describeExport({ file, redacted }: ExportOutcome): string {
  if (!redacted) return `Saved ${file}, not redacted.`
  const found = Object.entries(redacted).filter(([, n]) => n > 0)
  if (found.length === 0) return `Saved ${file}; redaction found no secrets.`
  const list = found.map(([id, n]) => `${id} ×${n}`).join(', ')
  return `Saved ${file} with secrets replaced: ${list}.`
}
