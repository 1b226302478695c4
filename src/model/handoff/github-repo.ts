/**
 * The GitHub repository action items go to, as the team names it: `owner/name`, or the
 * repository's address pasted from the browser (`https://github.com/owner/name`, `.git`).
 */

export type GitHubRepo = { owner: string; name: string }

// GitHub's own rules: an owner is 1–39 letters, digits and single hyphens, not at either end;
// a repository name is letters, digits, `.`, `_` and `-`, never `.` or `..` alone.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const NAME = /^[A-Za-z0-9._-]{1,100}$/

/** The repository a text names, or null when it names none. */
export function parseGitHubRepo(text: string): GitHubRepo | null {
  let path = text.trim().replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '')
  while (path.endsWith('/')) path = path.slice(0, -1)
  if (path.toLowerCase().endsWith('.git')) path = path.slice(0, -'.git'.length)
  const parts = path.split('/')
  if (parts.length !== 2) return null
  const [owner, name] = parts
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return null
  return { owner, name }
}
