/**
 * An action item as a ticket: a one-line title and a Markdown body that says which incident
 * it comes from and cites the evidence the postmortem pinned. GitHub links and the Jira CSV
 * both write this text, redacted by the caller's function when the team redacts exports.
 */
import type { ActionItem } from '../notes/action-items'

/** What a ticket says about the postmortem it comes from. */
export type TicketContext = {
  /** The postmortem's title; '' when it has none. */
  title: string
  /** `SEV2`, or ''. */
  severity: string
  /** Labels of the pinned evidence (`E1: 2,002 goroutines in net.lookupIPDeadline`). */
  evidence: readonly string[]
}

export type Ticket = { title: string; body: string }

/** Evidence lines a ticket lists at most; the rest are counted. */
export const TICKET_EVIDENCE = 10

/** The item's text on one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** True when the item says what to do (an empty row makes no ticket). */
export function isTicketable(item: ActionItem): boolean {
  return oneLine(item.what) !== ''
}

/** The ticket for one item; `redact` is applied to every text taken from the postmortem. */
export function actionItemTicket(
  item: ActionItem,
  context: TicketContext,
  redact: (text: string) => string = (text) => text,
): Ticket {
  const title = redact(oneLine(item.what))
  const incident = oneLine(context.title) ? `“${redact(oneLine(context.title))}”` : 'an incident'
  const facts = (
    [
      ['Type', item.type],
      ['Owner', item.owner],
      ['Due', item.due],
      ['Status', item.status],
    ] as const
  )
    .filter(([, value]) => oneLine(value) !== '')
    .map(([name, value]) => `**${name}:** ${redact(oneLine(value))}`)
  const evidence = context.evidence.slice(0, TICKET_EVIDENCE).map((e) => `- ${redact(oneLine(e))}`)
  const more = context.evidence.length - evidence.length
  const lines = [
    `Action item from the postmortem of ${incident}${context.severity ? ` (${context.severity})` : ''}.`,
    '',
    title,
    ...(facts.length ? ['', facts.join(' · ')] : []),
    ...(evidence.length
      ? [
          '',
          'Evidence pinned in the postmortem:',
          ...evidence,
          ...(more > 0 ? [`- … and ${more} more`] : []),
        ]
      : []),
  ]
  return { title, body: lines.join('\n') }
}
