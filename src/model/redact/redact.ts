import type { RedactionPattern } from './patterns'

/** One match found, for the preview's highlighting. */
export type RedactionMatch = { start: number; end: number; patternId: string; replacement: string }

/**
 * Replaces every secret with a numbered placeholder per pattern (`[email-1]`): the same
 * secret gets the same placeholder everywhere, so "the same IP in lines 3 and 90" still
 * reads true after redaction. Overlapping matches keep the earliest, then the longest.
 */
export class Redactor {
  private readonly seen = new Map<string, string>()
  private readonly numbers = new Map<string, number>()
  readonly counts: Record<string, number> = {}

  constructor(private readonly patterns: readonly RedactionPattern[]) {}

  findMatches(text: string): RedactionMatch[] {
    const found: RedactionMatch[] = []
    for (const p of this.patterns) {
      if (p.find) {
        for (const [start, end] of p.find(text))
          found.push({ start, end, patternId: p.id, replacement: '' })
        continue
      }
      const re = new RegExp(
        p.regex.source,
        p.regex.flags.includes('g') ? p.regex.flags : p.regex.flags + 'g',
      )
      for (const m of text.matchAll(re)) {
        if (m[0].length === 0 || (p.accept && !p.accept(m[0]))) continue
        const spans: [number, number][] = p.segments ? p.segments(m[0]) : [[0, m[0].length]]
        for (const [s, e] of spans) {
          found.push({ start: m.index + s, end: m.index + e, patternId: p.id, replacement: '' })
        }
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end)
    const kept: RedactionMatch[] = []
    let end = -1
    for (const m of found) {
      if (m.start < end) continue
      m.replacement = this.placeholder(m.patternId, text.slice(m.start, m.end))
      kept.push(m)
      end = m.end
    }
    return kept
  }

  redact(text: string): string {
    const matches = this.findMatches(text)
    if (matches.length === 0) return text
    let out = ''
    let at = 0
    for (const m of matches) {
      out += text.slice(at, m.start) + m.replacement
      at = m.end
      this.counts[m.patternId] = (this.counts[m.patternId] ?? 0) + 1
    }
    return out + text.slice(at)
  }

  private placeholder(patternId: string, secret: string): string {
    const key = `${patternId}\u0000${secret}`
    let p = this.seen.get(key)
    if (!p) {
      const n = (this.numbers.get(patternId) ?? 0) + 1
      this.numbers.set(patternId, n)
      p = `[${patternId}-${n}]`
      this.seen.set(key, p)
    }
    return p
  }
}

/** A user-added pattern, compiled; a bad regex is reported, not thrown. */
export function compileUserPattern(
  id: string,
  source: string,
  flags = 'g',
): RedactionPattern | { error: string } {
  try {
    const regex = new RegExp(source, flags.includes('g') ? flags : flags + 'g')
    if (regex.test(''))
      return { error: 'This pattern matches empty text; it would redact nothing useful.' }
    return { id, label: source, description: 'Your pattern', defaultOn: true, regex }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}
