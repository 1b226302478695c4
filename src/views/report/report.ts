/**
 * The self-contained HTML report: the document with its evidence cards, the groups the Stacks
 * table lists first and a chart of them as inline SVG. One file, inline CSS, no script and no external request, so it
 * opens anywhere and prints cleanly to PDF.
 */
import type { Group, GroupMode } from '../../model/group'
import { getGroupFigures, type GroupFigures } from '../../model/group-figures'
import type { GroupList } from '../../model/group-list'
import { computeHeaderMarkdown } from '../../model/notes/markdown'
import { describeTarget, type ResolvedPin } from '../../model/notes/pins'
import type { Pin, PostmortemState } from '../../model/notes/types'
import { getFrameLocation } from '../../model/stacks'
import type { Incident } from '../../model/types'
import { NONE } from '../../model/types'
import { escapeHtml, pinCardHtml, renderMarkdown } from '../annotations/render'
import { formatBytes, formatWait } from '../format'
import { groupModeLabel } from '../group-mode-labels'
import { sortGroups } from '../stacks/sort-groups'
import { reportCss } from './report-css'

const TOP_GROUPS = 10
const count = new Intl.NumberFormat('en-US')

/**
 * The groups the report lists, as the Stacks table lists them first: ranked by count, or
 * largest bytes first for a leak report; and which figures they have, the table's columns.
 */
export type ReportGroups = {
  top: readonly Group[]
  /** Every group of the grouping. */
  total: number
  figures: GroupFigures
  /** The grouping, as the Stacks toolbar names it. */
  modeLabel: string
}

export function getReportGroups(
  incident: Incident,
  groups: GroupList,
  mode: GroupMode,
): ReportGroups {
  const figures = getGroupFigures(incident, groups)
  const ranked = figures.largestBytesFirst
    ? sortGroups(groups, [{ id: 'bytes', desc: true }])
    : groups
  const top: Group[] = []
  for (let k = 0; k < Math.min(TOP_GROUPS, ranked.length); k++) top.push(ranked.at(k))
  return { top, total: groups.length, figures, modeLabel: groupModeLabel(mode) }
}

/** A horizontal bar chart of the listed groups' bytes or counts, as SVG text. */
export function groupChartSvg(
  { top, figures }: ReportGroups,
  text: (s: string) => string = (s) => s,
): string {
  if (top.length === 0) return ''
  const byBytes = figures.largestBytesFirst
  const weight = (g: Group) => (byBytes ? g.bytes : g.count)
  const max = Math.max(...top.map(weight))
  const row = 22
  const width = 640
  const label = 300
  const bars = top
    .map((g, i) => {
      const w = Math.max(1, ((width - label - 70) * weight(g)) / max)
      const name = text(g.label)
      const y = i * row
      const figure = byBytes ? formatBytes(g.bytes) : count.format(g.count)
      return (
        `<text x="${label - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(name.length > 44 ? `…${name.slice(-43)}` : name)}</text>` +
        `<rect x="${label}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}" class="${g.crashed ? 'bar crashed' : 'bar'}"/>` +
        `<text x="${(label + w + 6).toFixed(1)}" y="${y + 15}">${figure}</text>`
      )
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${top.length * row}" role="img" aria-label="Largest groups by ${byBytes ? 'bytes' : 'count'}">${bars}</svg>`
}

/** The listed groups with the Stacks table's columns, each figure exact. */
function groupsTableHtml(
  incident: Incident,
  { top, figures }: ReportGroups,
  text: (s: string) => string,
): string {
  const columns: { head: string; num: boolean; cell: (g: Group) => string }[] = [
    { head: 'Count', num: true, cell: (g) => count.format(g.count) },
  ]
  if (figures.states || top.some((g) => g.crashed))
    columns.push({
      head: 'State',
      num: false,
      cell: (g) =>
        escapeHtml(g.states.map((s) => s.state).join(', ')) + (g.crashed ? ' <b>crashed</b>' : ''),
    })
  if (figures.wait)
    columns.push({ head: 'Waiting', num: true, cell: (g) => formatWait(g.waitMinutes ?? null) })
  if (figures.bytes)
    columns.push({ head: 'Bytes', num: true, cell: (g) => `${count.format(g.bytes)} B` })
  if (figures.allocations)
    columns.push({ head: 'Allocations', num: true, cell: (g) => count.format(g.allocations) })
  columns.push({
    head: 'Group',
    num: false,
    cell: (g) => {
      const loc = [
        g.labelFrame === NONE ? '' : text(getFrameLocation(incident, g.labelFrame)),
        g.createdBy ? `created by ${text(g.createdBy)}` : '',
      ]
        .filter(Boolean)
        .join(' · ')
      return `<code>${escapeHtml(text(g.label))}</code><br><small>${escapeHtml(loc)}</small>`
    },
  })
  const cellTag = (num: boolean) => (num ? '<td class="num">' : '<td>')
  const head = columns.map((c) => `<th>${c.head}</th>`).join('')
  const rows = top.map(
    (g) => `<tr>${columns.map((c) => `${cellTag(c.num)}${c.cell(g)}</td>`).join('')}</tr>`,
  )
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** The appendix of the largest groups: what they are, a chart and the table. */
function largestGroupsHtml(
  incident: Incident,
  groups: ReportGroups,
  text: (s: string) => string,
): string {
  const order = groups.figures.largestBytesFirst ? 'largest bytes first' : 'largest count first'
  const which =
    groups.top.length < groups.total
      ? `The first ${count.format(groups.top.length)} of ${count.format(groups.total)} groups`
      : groups.total === 1
        ? 'The one group'
        : `All ${count.format(groups.total)} groups`
  return (
    `<section class="appendix"><h2>Largest groups</h2>` +
    `<p class="muted">${which}, grouped by ${escapeHtml(groups.modeLabel.toLowerCase())}, ${order}.</p>` +
    `${groupChartSvg(groups, text)}${groupsTableHtml(incident, groups, text)}</section>`
  )
}

/**
 * The whole report as one HTML document. `text` is applied to every text taken from the
 * inputs (function names, locations, input names) before it is escaped: redaction.
 */
export function buildReportHtml(
  state: PostmortemState,
  incident: Incident | null,
  groups: ReportGroups | null,
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
  if (incident && groups && groups.top.length) parts.push(largestGroupsHtml(incident, groups, text))
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
