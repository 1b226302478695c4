/**
 * Action items handed to a tracker: a GitHub "new issue" link per item and a Jira CSV of all
 * of them, redacted with the built-in patterns when the team redacts exports (as the
 * Markdown and HTML exports are), one redactor per hand-off so a secret gets one placeholder.
 */
import { findActionTable, type ActionItem } from '../../model/notes/action-items'
import type { PostmortemState } from '../../model/notes/types'
import {
  actionItemTicket,
  isTicketable,
  type TicketContext,
} from '../../model/handoff/action-item-ticket'
import { githubIssueUrl } from '../../model/handoff/github-issue'
import type { GitHubRepo } from '../../model/handoff/github-repo'
import { computeJiraCsv } from '../../model/handoff/jira-csv'
import { Redactor } from '../../model/redact/redact'
import { download, fileStem, type ExportOutcome } from '../annotations/export'
import { compileSettings, defaultRedactionSettings } from '../share/redact-share'

/** What a ticket says about the postmortem: its title, severity and pinned evidence. */
export function ticketContextOf(state: PostmortemState): TicketContext {
  return {
    title: state.doc.title,
    severity: state.doc.severity,
    evidence: state.pins.map((p) => p.label),
  }
}

function redactorFor(redact: boolean) {
  if (!redact) return { text: (s: string) => s, counts: () => null }
  const redactor = new Redactor(compileSettings(defaultRedactionSettings()).patterns)
  return { text: (s: string) => redactor.redact(s), counts: () => ({ ...redactor.counts }) }
}

/** The action items of the document's Action items section (none when it has no table). */
export function actionItemsOf(state: PostmortemState): ActionItem[] {
  const section = state.doc.sections.find((s) => s.kind === 'actions' && !s.skipped)
  return section ? (findActionTable(section.body)?.items ?? []) : []
}

/** A "new issue" link per item (null for an item that says nothing to do). */
export function issueLinks(
  state: PostmortemState,
  items: readonly ActionItem[],
  repo: GitHubRepo,
  redact: boolean,
): (string | null)[] {
  const r = redactorFor(redact)
  const context = ticketContextOf(state)
  return items.map((item) =>
    isTicketable(item) ? githubIssueUrl(repo, actionItemTicket(item, context, r.text)) : null,
  )
}

/** Downloads the action items as a Jira-importable CSV. */
export async function exportJiraCsv(
  state: PostmortemState,
  redact: boolean,
): Promise<ExportOutcome> {
  const items = actionItemsOf(state)
  if (!items.some(isTicketable))
    throw new Error('The Action items section has no item to export: add one with a What first.')
  const r = redactorFor(redact)
  const csv = computeJiraCsv(items, ticketContextOf(state), r.text)
  const file = `${fileStem(state)}-action-items.csv`
  download(file, new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  return { file, redacted: r.counts() }
}
