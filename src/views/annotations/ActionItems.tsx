import { useMemo } from 'react'
import {
  actionColumns,
  actionStatuses,
  actionTypes,
  emptyActionItem,
  findActionTable,
  setActionItems,
  type ActionItem,
} from '../../model/notes/action-items'
import { IssueLinks } from '../handoff/IssueLinks'
import { CloseIcon } from '../icons'

/**
 * A small table editor over the Markdown table in the Action items section, and the links
 * that file each item as a GitHub issue.
 */
export function ActionItems({
  body,
  onChange,
  redact,
}: {
  body: string
  onChange(body: string): void
  /** Whether exports are redacted: the issue links follow the same choice. */
  redact: boolean
}) {
  const items = useMemo(() => findActionTable(body)?.items ?? [], [body])
  const write = (next: ActionItem[]) => onChange(setActionItems(body, next))
  return (
    <div className="pm-actions">
      {items.length ? (
        // Scrolls sideways in a narrow pane instead of running past its edge.
        <div className="pm-actions-scroll">
          <table className="pm-actions-table">
            <thead>
              <tr>
                {actionColumns.map((c) => (
                  <th key={c.key}>{c.title}</th>
                ))}
                <th aria-label="Remove" />
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={i}>
                  {actionColumns.map((c) => (
                    <td key={c.key}>
                      <input
                        aria-label={`${c.title} of item ${i + 1}`}
                        value={item[c.key]}
                        list={
                          c.key === 'type'
                            ? 'pm-action-types'
                            : c.key === 'status'
                              ? 'pm-action-statuses'
                              : undefined
                        }
                        type={c.key === 'due' ? 'date' : 'text'}
                        onChange={(e) =>
                          write(
                            items.map((it, j) =>
                              j === i ? { ...it, [c.key]: e.target.value } : it,
                            ),
                          )
                        }
                      />
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      className="pm-icon"
                      aria-label={`Remove item ${i + 1}`}
                      onClick={() => write(items.filter((_, j) => j !== i))}
                    >
                      <CloseIcon />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <datalist id="pm-action-types">
        {actionTypes.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <datalist id="pm-action-statuses">
        {actionStatuses.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <button
        type="button"
        className="button pm-small"
        onClick={() => write([...items, emptyActionItem()])}
      >
        Add action item
      </button>
      {items.length ? <IssueLinks items={items} redact={redact} /> : null}
    </div>
  )
}
