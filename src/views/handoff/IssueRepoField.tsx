import { useId } from 'react'

/** The GitHub repository (`owner/name`) action items are filed in; says when it names none. */
export function IssueRepoField({
  value,
  valid,
  onChange,
}: {
  value: string
  valid: boolean
  onChange(value: string): void
}) {
  const hint = useId()
  return (
    <label className="pm-issue-repo">
      <span>GitHub issues in</span>
      <input
        value={value}
        placeholder="owner/name"
        spellCheck={false}
        aria-describedby={hint}
        aria-invalid={value.trim() !== '' && !valid}
        data-testid="issue-repo"
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={hint} className="muted">
        {value.trim() === ''
          ? 'Name a repository to get a new-issue link per item.'
          : valid
            ? 'Each item links to a filled-in issue form; nothing is sent until you submit it there.'
            : 'Not a repository: write it as owner/name.'}
      </span>
    </label>
  )
}
