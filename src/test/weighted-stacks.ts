import { IncidentBuilder } from '../model/builder'
import type { Incident } from '../model/types'
import { FrameKind } from '../model/types'

/**
 * A model with weights, sources and snapshots for the flame tests, from text:
 * one record per line, `a;b;c bytes=100 snapshot=1 source=0 *3`.
 */
export function incidentFromWeightedStacks(text: string): Incident {
  const b = new IncidentBuilder()
  let source = -1
  let snapshots = 0
  text
    .trim()
    .split('\n')
    .forEach((raw, line) => {
      const [stackText, ...fields] = raw.trim().split(/\s+/)
      const opts = Object.fromEntries(
        fields.filter((f) => f.includes('=')).map((f) => f.split('=') as [string, string]),
      )
      const times = Number(fields.find((f) => f.startsWith('*'))?.slice(1) ?? 1)
      const wantSource = Number(opts.source ?? 0)
      while (source < wantSource) source = b.beginSource(`input-${source + 1}.txt`, 0, 'test')
      // Records name their snapshot by index; the snapshots themselves come first, as a
      // parser adds each before its records (one run of one tool: one series).
      const snapshot = opts.snapshot === undefined ? -1 : Number(opts.snapshot)
      while (snapshots <= snapshot)
        snapshots =
          b.addSnapshot({ label: `snapshot ${snapshots + 1}`, bytes: 0, allocations: 0, line }) + 1
      const frames = stackText.split(';').map((func) =>
        b.frame({
          func,
          kind: func.startsWith('runtime.') ? FrameKind.runtime : FrameKind.app,
          module: func.split('.')[0],
        }),
      )
      for (let t = 0; t < times; t++) {
        b.addRecord({
          stack: b.stackFromLeafFirst([...frames].reverse()),
          bytes: opts.bytes === undefined ? undefined : Number(opts.bytes),
          waitMinutes: opts.wait === undefined ? undefined : Number(opts.wait),
          snapshot: opts.snapshot === undefined ? undefined : Number(opts.snapshot),
          line,
        })
      }
    })
  return b.build()
}
