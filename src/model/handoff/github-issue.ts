/**
 * A prefilled "new issue" link on GitHub for a ticket. Nothing is sent: the reader opens the
 * link and GitHub shows its own form, filled in, to submit or not.
 */
import type { Ticket } from './action-item-ticket'
import type { GitHubRepo } from './github-repo'

/**
 * GitHub answers longer addresses with an error page (about 8 KB), so the body is cut to fit
 * and says so. Counted in encoded characters.
 */
export const GITHUB_URL_MAX = 8000

const CUT_NOTE = '\n\n… (cut to fit a link; the whole text is in the postmortem)'

/** Half of a surrogate pair alone (a pasted half emoji), which `encodeURIComponent` refuses. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function encode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
}

function issueUrl(repo: GitHubRepo, title: string, body: string): string {
  const base = `https://github.com/${encode(repo.owner)}/${encode(repo.name)}/issues/new`
  return `${base}?title=${encode(title)}&body=${encode(body)}`
}

/** `https://github.com/OWNER/REPO/issues/new?title=…&body=…`, at most `GITHUB_URL_MAX` long. */
export function githubIssueUrl(repo: GitHubRepo, ticket: Ticket): string {
  const whole = issueUrl(repo, ticket.title, ticket.body)
  if (whole.length <= GITHUB_URL_MAX) return whole
  // Cut by code points, never inside a surrogate pair (which encodeURIComponent refuses).
  const title = Array.from(ticket.title).slice(0, 200).join('')
  const body = Array.from(ticket.body)
  let low = 0
  let high = body.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (issueUrl(repo, title, body.slice(0, mid).join('') + CUT_NOTE).length <= GITHUB_URL_MAX)
      low = mid
    else high = mid - 1
  }
  return issueUrl(repo, title, body.slice(0, low).join('') + CUT_NOTE)
}
