/**
 * Action items as a CSV that Jira's CSV importer reads (System → External system import →
 * CSV, or a project's "Import issues"): one issue per item, the columns named as Jira's own
 * fields so the importer maps them without help.
 */
import type { ActionItem } from '../notes/action-items'
import { actionItemTicket, isTicketable, type TicketContext } from './action-item-ticket'
import { formatCsv } from './csv'

export const JIRA_COLUMNS = [
  'Summary',
  'Description',
  'Issue Type',
  'Priority',
  'Labels',
  'Due Date',
  'Assignee',
] as const

/** Jira's default priorities, by the postmortem's severity. */
const PRIORITY: Record<string, string> = {
  SEV1: 'Highest',
  SEV2: 'High',
  SEV3: 'Medium',
  SEV4: 'Low',
  SEV5: 'Lowest',
}

/** A Jira label holds no spaces: `in progress` → `in-progress`. */
function label(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '-')
}

/**
 * The CSV text: a header row, then one row per item that says what to do. Labels are
 * `postmortem` and the item's type; several labels go in one cell, space-separated, which
 * the importer splits.
 */
export function computeJiraCsv(
  items: readonly ActionItem[],
  context: TicketContext,
  redact: (text: string) => string = (text) => text,
): string {
  const rows = items.filter(isTicketable).map((item) => {
    const ticket = actionItemTicket(item, context, redact)
    return [
      ticket.title,
      ticket.body,
      'Task',
      PRIORITY[context.severity] ?? 'Medium',
      ['postmortem', ...(item.type.trim() ? [label(redact(item.type))] : [])].join(' '),
      /^\d{4}-\d{2}-\d{2}$/.test(item.due.trim()) ? item.due.trim() : '',
      redact(item.owner.trim()),
    ]
  })
  return formatCsv([[...JIRA_COLUMNS], ...rows])
}
