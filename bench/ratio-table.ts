/**
 * The table each benchmark prints: every figure beside its multiple of the floor measured in
 * the same run (see floor.ts) and its target, with the machine it ran on, so the README can
 * keep it as printed.
 */
import { cpus, loadavg } from 'node:os'

export type BenchRow = {
  what: string
  value: string
  /** The figure as a multiple of the floor, '' when it is not a time. */
  ratio: string
  target: string
  /** Whether the target was met; null when there is none. */
  ok: boolean | null
}

export function machineLine(extra = ''): string {
  const date = new Date().toISOString().slice(0, 10)
  return (
    `${date}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ` +
    `Node ${process.versions.node}${extra}, load average ${loadavg()[0].toFixed(2)}`
  )
}

/** Prints the rows as a Markdown table; returns whether every target was met. */
export function printTable(rows: readonly BenchRow[]): boolean {
  console.log('| measure | figure | × floor | target | |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const r of rows) {
    const verdict = r.ok === null ? '' : r.ok ? 'met' : 'MISSED'
    console.log(`| ${r.what} | ${r.value} | ${r.ratio} | ${r.target} | ${verdict} |`)
  }
  return rows.every((r) => r.ok !== false)
}
