/**
 * The GitHub repository action items are filed in, as the team typed it, kept in this
 * browser's local storage: it belongs to the team, not to one incident.
 */

const KEY = 'debrief.githubRepo'

export function loadGitHubRepo(): string {
  try {
    return localStorage.getItem(KEY) ?? ''
  } catch {
    return ''
  }
}

export function saveGitHubRepo(text: string): void {
  try {
    if (text.trim()) localStorage.setItem(KEY, text.trim())
    else localStorage.removeItem(KEY)
  } catch {
    // Storage refused (private mode): the repository lasts for this page.
  }
}
