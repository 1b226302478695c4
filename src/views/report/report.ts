/**
 * The self-contained HTML report: the document with its evidence cards, the top groups and a
 * chart of them as inline SVG. One file, inline CSS, no script and no external request, so it
 * opens anywhere and prints cleanly to PDF.
 */
import type { Group } from '../../model/group'
import { computeHeaderMarkdown } from '../../model/notes/markdown'
import { describeTarget, type ResolvedPin } from '../../model/notes/pins'
import type { Pin, PostmortemState } from '../../model/notes/types'
import { getFrameLocation } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { escapeHtml, pinCardHtml, renderMarkdown } from '../annotations/render'
import { reportCss } from './report-css'

const TOP_GROUPS = 10
const count = new Intl.NumberFormat('en-US')

/** A horizontal bar chart of the top groups' counts, as SVG text. */
export function groupChartSvg(
  groups: readonly Group[],
  text: (s: string) => string = (s) => s,
): string {
  const top = groups.slice(0, TOP_GROUPS)
  if (top.length === 0) return ''
  const max = Math.max(...top.map((g) => g.count))
  const row = 22
  const width = 640
  const label = 300
  const bars = top
    .map((g, i) => {
      const w = Math.max(1, ((width - label - 70) * g.count) / max)
      const name = text(g.label)
      const y = i * row
      return (
        `<text x="${label - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(name.length > 44 ? `…${name.slice(-43)}` : name)}</text>` +
        `<rect x="${label}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}" class="${g.crashed ? 'bar crashed' : 'bar'}"/>` +
        `<text x="${(label + w + 6).toFixed(1)}" y="${y + 15}">${count.format(g.count)}</text>`
      )
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${top.length * row}" role="img" aria-label="Largest groups by count">${bars}</svg>`
}

function groupsTableHtml(
  incident: Incident,
  groups: readonly Group[],
  text: (s: string) => string,
): string {
  const rows = groups.slice(0, TOP_GROUPS).map((g) => {
    const func = text(g.label)
    const loc = [
      g.labelFrame === NONE ? '' : text(getFrameLocation(incident, g.labelFrame)),
      g.createdBy ? `created by ${text(g.createdBy)}` : '',
    ]
      .filter(Boolean)
      .join(' · ')
    return `<tr><td class="num">${count.format(g.count)}</td><td>${escapeHtml(g.states.map((s) => s.state).join(', '))}${g.crashed ? ' <b>crashed</b>' : ''}</td><td><code>${escapeHtml(func)}</code><br><small>${escapeHtml(loc)}</small></td></tr>`
  })
  return `<table><thead><tr><th>Count</th><th>State</th><th>Group</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/**
 * The whole report as one HTML document. `text` is applied to every text taken from the
 * inputs (function names, locations, input names) before it is escaped: redaction.
 */
export function buildReportHtml(
  state: PostmortemState,
  incident: Incident | null,
  groups: readonly Group[],
  resolve: (pin: Pin) => ResolvedPin,
  text: (s: string) => string = (s) => s,
): string {
  const cardFor = (id: string) => {
    const pin = state.pins.find((p) => p.id === id)
    return pin ? pinCardHtml(pin, resolve(pin)) : null
  }
  const title = state.doc.title.trim() || 'Postmortem'
  const parts = [`<h1>${escapeHtml(title)}</h1>`, renderMarkdown(computeHeaderMarkdown(state))]
  for (const section of state.doc.sections) {
    if (section.skipped) continue
    parts.push(`<section><h2>${escapeHtml(section.title)}</h2>`)
    if (section.kind === 'evidence') {
      const listed = new Set<string>()
      parts.push(renderMarkdown(section.body, (id) => (listed.add(id), cardFor(id))))
      const rest = state.pins.filter((p) => !listed.has(p.id))
      if (rest.length)
        parts.push(
          `<div class="cards">${rest.map((p) => pinCardHtml(p, resolve(p))).join('')}</div>`,
        )
    } else {
      parts.push(renderMarkdown(section.body, cardFor) || '<p class="muted">Not written yet.</p>')
    }
    parts.push('</section>')
  }
  if (state.notes.length) {
    parts.push('<section><h2>Notes on the evidence</h2><ul>')
    for (const n of state.notes)
      parts.push(
        `<li><b>${escapeHtml(describeTarget(n.target, state.markers))}</b>: ${escapeHtml(n.text)}</li>`,
      )
    parts.push('</ul></section>')
  }
  if (incident && groups.length) {
    parts.push(
      `<section class="appendix"><h2>Largest groups</h2>${groupChartSvg(groups, text)}${groupsTableHtml(incident, groups, text)}</section>`,
    )
  }
  const inputs = incident ? incident.sources.map((s) => text(s.name)).join(', ') : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${reportCss}</style></head>
<body><main>${parts.join('\n')}
<footer>Written with Debrief${inputs ? ` from ${escapeHtml(inputs)}` : ''}, ${escapeHtml(new Date().toISOString().slice(0, 16).replace('T', ' '))} UTC.</footer>
</main></body></html>
`
}
