/**
 * The postmortem as one Markdown document that pastes cleanly into GitHub, Confluence or
 * Google Docs: GFM tables, no HTML, and pin references turned into bold labels with the
 * evidence written out under Supporting evidence (a `#pin=` link means nothing outside Debrief).
 */
import { computeDurations, formatDuration, formatUtc } from './document'
import { describeTarget, type ResolvedPin } from './pins'
import type { Pin, PostmortemState } from './types'

/** `[label](#pin=p1)`; the label may hold escaped brackets. */
// Only an unescaped `[` starts a label, and a label cannot hold one: otherwise a scan of
// text full of `[` is quadratic.
export const pinLinkPattern = /(?<!\\)\[((?:\\.|[^\][\\]){0,500})\]\(#pin=([\w-]{1,64})\)/g

export type PinResolver = (pin: Pin) => ResolvedPin

/** Escapes text for a GFM table cell or an inline run. */
function escapeInline(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** A fence longer than any run of backticks inside the code. */
function fence(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((r) => r.length))
  return '`'.repeat(longest + 1)
}

/** The header: severity, status, owner, services, and the key times with durations. */
export function computeHeaderMarkdown(state: PostmortemState): string {
  const { doc } = state
  const facts = [
    ['Severity', doc.severity || 'not set'],
    ['Status', doc.status],
    ['Owner', doc.owner || 'not set'],
    ['Services', doc.services || 'not set'],
  ]
  const out = [facts.map(([k, v]) => `**${k}:** ${escapeInline(v)}`).join(' · ')]
  const d = computeDurations(doc.times)
  const rows: [string, number | null, string][] = [
    ['Impact started', doc.times.impactStart, ''],
    [
      'Detected',
      doc.times.detected,
      d.detect === null ? '' : `time to detect ${formatDuration(d.detect)}`,
    ],
    [
      'Mitigated',
      doc.times.mitigated,
      d.mitigate === null ? '' : `time to mitigate ${formatDuration(d.mitigate)}`,
    ],
    [
      'Resolved',
      doc.times.resolved,
      d.resolve === null ? '' : `time to resolve ${formatDuration(d.resolve)}`,
    ],
  ]
  if (rows.some(([, t]) => t !== null)) {
    out.push(
      '',
      '| | Time (UTC) | |',
      '| --- | --- | --- |',
      ...rows.map(
        ([label, t, since]) => `| ${label} | ${t === null ? '' : formatUtc(t)} | ${since} |`,
      ),
    )
  }
  return out.join('\n')
}

/** A pin written out as Markdown list lines: label, heading, then its code in a fence. */
export function computePinMarkdown(pin: Pin, resolved: ResolvedPin): string {
  const lines = [`- **${escapeInline(pin.label)}**: ${escapeInline(resolved.heading)}`]
  for (const m of resolved.meta) lines.push(`  ${escapeInline(m)}`)
  if (resolved.code.length) {
    const code = resolved.code.join('\n')
    const f = fence(code)
    lines.push('', `  ${f}`, ...code.split('\n').map((l) => `  ${l}`), `  ${f}`)
  }
  return lines.join('\n')
}

/** Replaces pin links with bold labels (`**E1: ...**`). */
export function unlinkPins(markdown: string): string {
  return markdown.replace(pinLinkPattern, (_, label: string) => `**${label}**`)
}

/** The whole document as Markdown. Skipped sections are left out. */
export function computeMarkdown(state: PostmortemState, resolve: PinResolver): string {
  const { doc } = state
  const out = [`# ${doc.title.trim() || 'Postmortem'}`, '', computeHeaderMarkdown(state)]
  for (const section of doc.sections) {
    if (section.skipped) continue
    out.push('', `## ${section.title}`, '')
    if (section.kind === 'evidence') {
      // Pinned items listed in the body are written out in full, in the body's order, then
      // any pin the body no longer lists; the rest of the body is kept as text.
      const listed = new Set<string>()
      const body: string[] = []
      for (const line of section.body.split('\n')) {
        const m = /^\s*[-*]\s+\[(?:\\.|[^\]\\])*\]\(#pin=([\w-]+)\)\s*$/.exec(line)
        const pin = m ? state.pins.find((p) => p.id === m[1]) : undefined
        if (pin) {
          listed.add(pin.id)
          body.push(computePinMarkdown(pin, resolve(pin)))
        } else body.push(unlinkPins(line))
      }
      for (const pin of state.pins)
        if (!listed.has(pin.id)) body.push(computePinMarkdown(pin, resolve(pin)))
      out.push(body.join('\n').trim() || '_No evidence pinned._')
    } else {
      out.push(unlinkPins(section.body).trim() || '_Not written yet._')
    }
  }
  if (state.notes.length) {
    out.push('', '## Notes on the evidence', '')
    for (const n of state.notes) {
      out.push(
        `- **${escapeInline(describeTarget(n.target, state.markers))}**: ${escapeInline(n.text)}`,
      )
    }
  }
  return `${out.join('\n')}\n`
}
