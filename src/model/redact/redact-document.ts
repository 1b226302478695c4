import { builtinPatterns } from './patterns'
import { compileUserPattern, Redactor } from './redact'

/**
 * Redacts one text with the built-in patterns that are on by default (the share link's and
 * the exports' rules) plus the team's own regexes. A bad regex is reported, with its line.
 */
export function redactDocument(
  text: string,
  custom: readonly string[] = [],
): { text: string; counts: Record<string, number> } | { error: string } {
  const patterns = builtinPatterns.filter((p) => p.defaultOn)
  for (const [i, source] of custom.entries()) {
    // `/re/flags` or a bare regex.
    const end = source.lastIndexOf('/')
    const slashed = source.startsWith('/') && end > 1 && /^[a-z]*$/.test(source.slice(end + 1))
    const p = slashed
      ? compileUserPattern(`custom-${i + 1}`, source.slice(1, end), source.slice(end + 1))
      : compileUserPattern(`custom-${i + 1}`, source)
    if ('error' in p) return { error: `pattern ${i + 1} (${source}): ${p.error}` }
    patterns.push(p)
  }
  const redactor = new Redactor(patterns)
  return { text: redactor.redact(text), counts: { ...redactor.counts } }
}
