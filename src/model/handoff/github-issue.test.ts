import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { builtinPatterns } from '../redact/patterns'
import { Redactor } from '../redact/redact'
import { emptyActionItem } from '../notes/action-items'
import { actionItemTicket, TICKET_EVIDENCE } from './action-item-ticket'
import { GITHUB_URL_MAX, githubIssueUrl } from './github-issue'

const repo = { owner: 'acme', name: 'payments' }
const context = {
  title: 'DNS lookups pile up & the API stalls #42',
  severity: 'SEV2',
  evidence: ['E1: 2,002 goroutines in net.lookupIPDeadline', 'E2: SIGSEGV at 14:02:11 UTC'],
}

/** What GitHub reads from the link: its own URL parser, not ours. */
function read(url: string) {
  const u = new URL(url)
  return {
    path: u.pathname,
    title: u.searchParams.get('title'),
    body: u.searchParams.get('body'),
  }
}

describe('an action item as a GitHub issue link', () => {
  const item = {
    ...emptyActionItem(),
    what: 'Cap resolver 100% concurrency + add a timeout=2s & alert',
    owner: 'dana',
    due: '2026-12-20',
  }

  it('fills the title and a body naming the incident and its evidence', () => {
    const url = githubIssueUrl(repo, actionItemTicket(item, context))
    expect(url.startsWith('https://github.com/acme/payments/issues/new?title=')).toBe(true)
    const got = read(url)
    expect(got.path).toBe('/acme/payments/issues/new')
    expect(got.title).toBe(item.what)
    expect(got.body).toBe(
      [
        'Action item from the postmortem of “DNS lookups pile up & the API stalls #42” (SEV2).',
        '',
        item.what,
        '',
        '**Type:** prevent · **Owner:** dana · **Due:** 2026-12-20 · **Status:** open',
        '',
        'Evidence pinned in the postmortem:',
        '- E1: 2,002 goroutines in net.lookupIPDeadline',
        '- E2: SIGSEGV at 14:02:11 UTC',
      ].join('\n'),
    )
    // Encoded as a URI component: no raw space, `&`, `#` or `+` in the query.
    expect(url.split('?')[1]).not.toMatch(/[ #+]|&(?!body=)/)
  })

  it('carries the redacted text when exports are redacted', () => {
    const redactor = new Redactor(builtinPatterns.filter((p) => p.defaultOn))
    const secret = {
      ...item,
      what: 'Rotate the key ghp_0123456789abcdefghijABCDEFGHIJ012345',
      owner: 'ops@example.com',
    }
    const got = read(
      githubIssueUrl(
        repo,
        actionItemTicket(secret, context, (s) => redactor.redact(s)),
      ),
    )
    expect(got.title).not.toContain('ghp_0123456789')
    expect(got.title).toMatch(/^Rotate the key \[github-1\]$/)
    expect(got.body).toContain('**Owner:** [email-1]')
    expect(got.body).not.toContain('ops@example.com')
  })

  it('lists at most a few pins and counts the rest', () => {
    const many = { ...context, evidence: Array.from({ length: 14 }, (_, i) => `E${i + 1}: x`) }
    const body = read(githubIssueUrl(repo, actionItemTicket(item, many))).body!
    expect(body.split('\n').filter((l) => l.startsWith('- E'))).toHaveLength(TICKET_EVIDENCE)
    expect(body).toContain(`- … and ${14 - TICKET_EVIDENCE} more`)
  })

  it('cuts a body too long for a link, never inside a character', () => {
    fc.assert(
      // An item with nothing but spaces gets no link (`isTicketable`), so it is not drawn here.
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 4000 }).filter((s) => /\S/.test(s)),
        (what) => {
          const url = githubIssueUrl(repo, actionItemTicket({ ...item, what }, context))
          expect(url.length).toBeLessThanOrEqual(GITHUB_URL_MAX)
          const got = read(url)
          expect(got.title!.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 60 },
    )
    // A lone surrogate (half of a pasted emoji) would make the encoder throw.
    expect(
      read(githubIssueUrl(repo, actionItemTicket({ ...item, what: 'a\ud83d b' }, context))).title,
    ).toBe('a\ufffd b')
    const long = { ...item, what: '😀'.repeat(3000) }
    const got = read(githubIssueUrl(repo, actionItemTicket(long, context)))
    expect(got.body).toMatch(/cut to fit a link/)
    expect(got.body!.startsWith('Action item from the postmortem')).toBe(true)
  })
})
