import type { IncidentJson } from './incident-json'

type GroupJson = IncidentJson['groups'][number]

/** Groups by place, as --json's lazy list holds them. */
type Groups = { readonly length: number; at(index: number): GroupJson }

/** How many groups the command line's summary lists. */
const LISTED = 20

const integer = new Intl.NumberFormat('en-US')

/**
 * The summary's groups: what they add up to, then the largest, one a line. Allocations (a
 * leak report's) are listed largest bytes first with their bytes and allocations, as the leak
 * tools and the Stacks table list them; other groups by count (`groups` in --json stays by
 * count).
 */
export function groupLines(
  json: Pick<IncidentJson, 'totals' | 'records'> & { groups: Groups },
): string[] {
  const { groups, totals } = json
  const byBytes = totals.bytes > 0 || totals.allocations > 0
  const out = [
    byBytes
      ? `${integer.format(totals.bytes)} B in ${integer.format(totals.allocations)} allocations, ${groups.length} groups (${json.records} records read)`
      : `${totals.count} in ${groups.length} groups (${json.records} records read)`,
  ]
  const listed = byBytes
    ? largestBytes(groups, LISTED)
    : Array.from({ length: Math.min(LISTED, groups.length) }, (_, i) => groups.at(i))
  for (const g of listed) {
    const wait = g.waitMinutes ? ` ${g.waitMinutes[0]}..${g.waitMinutes[1]} min` : ''
    const figures = byBytes
      ? `${`${integer.format(g.bytes)} B`.padStart(16)} ${integer.format(g.allocations).padStart(11)}`
      : String(g.count).padStart(9)
    out.push(
      `${figures}  [${g.states.join(', ')}${wait}]  ${g.label}${g.createdBy ? `  (created by ${g.createdBy})` : ''}`,
    )
  }
  return out
}

/** The `n` groups of most bytes, largest first; ties in their own order. */
function largestBytes(groups: Groups, n: number): GroupJson[] {
  const all = Array.from({ length: groups.length }, (_, i) => groups.at(i))
  const order = Array.from(all.keys()).sort((a, b) => all[b].bytes - all[a].bytes || a - b)
  return order.slice(0, n).map((i) => all[i])
}
