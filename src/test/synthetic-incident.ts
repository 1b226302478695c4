import { IncidentBuilder } from '../model/builder'
import type { Incident } from '../model/types'
import { FrameKind } from '../model/types'
import { seededRandom } from '../lib/prng'

/** Shape of a synthetic incident for benchmarks. */
export type SyntheticShape = {
  /** Records (goroutines) to add. */
  records: number
  /** Distinct stack nodes to create; the call tree has about this many nodes. */
  stackNodes: number
  /** Distinct frames to draw from. */
  frames: number
  seed?: number
}

/**
 * A goroutine-dump-like incident: stacks grow from recent ones (deep shared prefixes, depth up
 * to 60), every stack node gets one record when there are enough, and the rest pile onto a few
 * stacks (a leak: most goroutines share a handful of stacks).
 */
export function buildSyntheticIncident(shape: SyntheticShape): Incident {
  const rnd = seededRandom(shape.seed ?? 42)
  const b = new IncidentBuilder()
  b.beginSource('synthetic.txt', 0, 'synthetic')
  const kinds = [FrameKind.app, FrameKind.runtime, FrameKind.stdlib, FrameKind.library]
  const frames = Array.from({ length: shape.frames }, (_, i) =>
    b.frame({
      func: `pkg${i % 97}.(*Type${i % 13}).function${i}`,
      file: `/src/pkg${i % 97}/file${i % 31}.go`,
      line: 10 + (i % 500),
      module: `example.com/pkg${i % 97}`,
      kind: kinds[i % kinds.length],
    }),
  )
  const nodes: number[] = []
  const depth: number[] = []
  const seen = new Set<number>()
  while (nodes.length < shape.stackNodes) {
    const n = nodes.length
    let prefix = -1
    let d = 0
    if (n > 0 && rnd() > 0.02) {
      const k = rnd() < 0.7 ? n - 1 - Math.floor(rnd() * Math.min(n, 50)) : Math.floor(rnd() * n)
      if (depth[k] < 60) {
        prefix = nodes[k]
        d = depth[k] + 1
      }
    }
    const node = b.stack(prefix, frames[Math.floor(rnd() * frames.length)])
    if (seen.has(node)) continue
    seen.add(node)
    nodes.push(node)
    depth.push(d)
  }
  const states = ['semacquire', 'chan receive', 'select', 'IO wait', 'running']
  for (let r = 0; r < shape.records; r++) {
    const leaf = r < nodes.length ? nodes[r] : nodes[Math.floor(nodes.length * rnd() ** 4)]
    b.addRecord({
      stack: leaf,
      state: states[r % states.length],
      waitMinutes: Math.floor(rnd() * 60),
      id: r + 1,
      line: r,
    })
  }
  return b.build()
}
