import { useMemo, useState } from 'react'
import type { ActionItem } from '../../model/notes/action-items'
import { parseGitHubRepo } from '../../model/handoff/github-repo'
import { loadGitHubRepo, saveGitHubRepo } from '../../state/github-repo-setting'
import { useIncidentStore } from '../../state/store'
import { ExternalIcon } from '../icons'
import { issueLinks } from './action-item-handoff'
import { IssueRepoField } from './IssueRepoField'

/**
 * With a GitHub repository named, a link per action item to GitHub's new-issue form, filled
 * in (redacted as exports are). Nothing is fetched: the reader opens a link and submits there.
 */
export function IssueLinks({
  items,
  redact,
}: {
  readonly items: readonly ActionItem[]
  redact: boolean
}) {
  const state = useIncidentStore((s) => s.postmortem)
  const [repoText, setRepoText] = useState(loadGitHubRepo)
  const repo = parseGitHubRepo(repoText)
  const owner = repo?.owner
  const name = repo?.name
  const links = useMemo(
    () => (owner && name && state ? issueLinks(state, items, { owner, name }, redact) : []),
    [state, items, owner, name, redact],
  )
  return (
    <div className="pm-issues">
      <IssueRepoField
        value={repoText}
        valid={repo !== null}
        onChange={(text) => {
          setRepoText(text)
          saveGitHubRepo(text)
        }}
      />
      {repo && links.some(Boolean) ? (
        <ol className="pm-issue-links">
          {items.map((item, i) =>
            links[i] ? (
              <li key={i} value={i + 1}>
                <a
                  href={links[i] ?? undefined}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={`New issue in ${repo.owner}/${repo.name}, filled in: ${item.what}`}
                  data-testid="issue-link"
                >
                  <span className="pm-issue-title">{item.what}</span>
                  <ExternalIcon />
                </a>
              </li>
            ) : null,
          )}
        </ol>
      ) : null}
    </div>
  )
}
