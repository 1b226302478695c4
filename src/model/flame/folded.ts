import type { Incident } from '../types'
import type { CallTree } from './call-tree'

/**
 * The folded-stacks text that flamegraph.pl, speedscope and inferno read: one line per distinct
 * stack, root first, `;`-separated, then a space and the weight (`main;serve;read 12`).
 * `;` and line breaks inside a name would split a frame, so they are replaced.
 * Format reference: https://github.com/brendangregg/FlameGraph/blob/cd9ee4c4449775a2f867acf31c84b7fe4b132ad5/stackcollapse.pl
 */
export function computeFoldedStacks(incident: Incident, tree: CallTree): string {
  const names: string[] = new Array(tree.length)
  const lines: string[] = []
  const funcOf = incident.frames.func
  for (let i = 1; i < tree.length; i++) {
    const name = incident.strings[funcOf[tree.frame[i]]].replace(/;/g, ':').replace(/[\r\n]+/g, ' ')
    const p = tree.parent[i]
    names[i] = p > 0 ? `${names[p]};${name}` : name
    if (tree.self[i] > 0) lines.push(`${names[i]} ${formatWeight(tree.self[i])}`)
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}

function formatWeight(w: number): string {
  return Number.isInteger(w) ? String(w) : String(Math.round(w * 1000) / 1000)
}
