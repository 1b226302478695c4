import { templateSections } from '../../model/notes/document'
import type { Section } from '../../model/notes/types'
import { ActionItems } from './ActionItems'
import { ArrowIcon, CloseIcon } from '../icons'

/** One section: title, skip, move, its Markdown, and the tools its kind has. */
export function SectionEditor({
  section,
  first,
  last,
  onChange,
  onMove,
  onRemove,
  onCaret,
  onFillTimeline,
  redact,
}: {
  readonly section: Section
  first: boolean
  last: boolean
  onChange(change: Partial<Section>): void
  onMove(by: -1 | 1): void
  onRemove(): void
  onCaret(offset: number): void
  onFillTimeline?: () => void
  /** Whether exports are redacted (the action items' issue links follow it). */
  redact: boolean
}) {
  const hint = templateSections.find((t) => t.kind === section.kind)?.hint ?? ''
  const rows = Math.min(24, Math.max(3, section.body.split('\n').length + 1))
  return (
    <section
      className={`pm-section${section.skipped ? ' pm-section-skipped' : ''}`}
      data-section={section.kind}
    >
      <div className="pm-section-head">
        <input
          className="pm-section-title"
          aria-label="Section title"
          value={section.title}
          onChange={(e) => onChange({ title: e.target.value })}
        />
        <label className="pm-skip" title="Skipped sections are left out of the preview and exports">
          <input
            type="checkbox"
            checked={section.skipped}
            onChange={(e) => onChange({ skipped: e.target.checked })}
          />
          skip
        </label>
        <button
          type="button"
          className="pm-icon"
          aria-label="Move up"
          disabled={first}
          onClick={() => onMove(-1)}
        >
          <ArrowIcon direction="up" />
        </button>
        <button
          type="button"
          className="pm-icon"
          aria-label="Move down"
          disabled={last}
          onClick={() => onMove(1)}
        >
          <ArrowIcon direction="down" />
        </button>
        {section.kind === 'custom' ? (
          <button type="button" className="pm-icon" aria-label="Remove section" onClick={onRemove}>
            <CloseIcon />
          </button>
        ) : null}
      </div>
      {section.skipped ? null : (
        <>
          {onFillTimeline ? (
            <button
              type="button"
              className="button pm-small"
              onClick={onFillTimeline}
              data-testid="pm-fill-timeline"
            >
              Fill from markers and pinned events
            </button>
          ) : null}
          {section.kind === 'actions' ? (
            <ActionItems
              body={section.body}
              onChange={(body) => onChange({ body })}
              redact={redact}
            />
          ) : null}
          <textarea
            className="pm-body"
            aria-label={`${section.title} (Markdown)`}
            placeholder={hint}
            rows={rows}
            value={section.body}
            spellCheck
            onChange={(e) => {
              onChange({ body: e.target.value })
              onCaret(e.target.selectionStart)
            }}
            onSelect={(e) => onCaret(e.currentTarget.selectionStart)}
            onFocus={(e) => onCaret(e.currentTarget.selectionStart)}
          />
        </>
      )}
    </section>
  )
}
