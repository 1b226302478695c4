/**
 * Transform benchmark: what applying or removing a transform costs before the views redraw,
 * on the 420,000-goroutine dump `npm run bench` uses (generated once into bench/out/), and on
 * a synthetic 420k-record model with a 100,000-node stack tree.
 *
 *   npm run bench:transforms
 *   npm run bench:transforms -- --input FILE
 *
 * Each figure is the model work of one redraw: the transform stack applied to the parsed
 * incident, the groups of the stacks table and the flame graph's call tree and layout.
 * Budget: 200 ms per change on the 420k dump. CPU time of this process, median of 7 runs after
 * a warm-up.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { inputFromPath } from '../src/cli/node-input'
import { computeCallTree, computeRecordWeights } from '../src/model/flame/call-tree'
import { computeFlameLayout } from '../src/model/flame/layout'
import { buildSyntheticIncident } from '../src/test/synthetic-incident'
import { computeGroups } from '../src/model/group'
import { applyTransforms } from '../src/model/transforms/apply'
import { parseTransforms } from '../src/model/transforms/syntax'
import type { Incident } from '../src/model/types'
import { parseInputs } from '../src/parse/index'

const ROOT = resolve(import.meta.dirname, '..')
const RUNS = 7

const stacks = [
  'hide:runtime+stdlib+native+kernel+cgo+unknown+library',
  'merge:sync.runtime_Semacquire',
  'drop:net.lookupIPDeadline',
  'focus:net.lookupIPDeadline',
  'through:net.lookupIPDeadline',
  'rec:sync.(*WaitGroup).Wait',
  'module:example.com/agent',
  'hide:/^internal\\//',
  'hide:runtime+stdlib,merge:sync.(*WaitGroup).Wait,module:example.com/agent',
]

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/** CPU milliseconds of this process: on a shared machine, wall time measures the neighbours. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * The model work of one redraw, as CPU ms: the transforms alone, then with the groups and
 * the flame graph's tree and layout (`redraw: false` skips those).
 */
function measure(incident: Incident, tf: string, redraw: boolean) {
  const parsed = parseTransforms(tf)
  if ('error' in parsed) throw new Error(parsed.error)
  const t0 = cpuMs()
  const view = applyTransforms(incident, parsed.transforms)
  const apply = cpuMs() - t0
  let groups = 0
  if (redraw) {
    groups = computeGroups(view).length
    const tree = computeCallTree(view, computeRecordWeights(view, 'count'))
    computeFlameLayout(view, tree, 'heavy')
  }
  return { apply, total: cpuMs() - t0, records: view.records.length, groups }
}

function bench(label: string, incident: Incident, redraw: boolean): void {
  const n = (x: number) => x.toLocaleString('en-US')
  console.log(
    `\n${label}: ${n(incident.records.length)} records, ${n(incident.stacks.length)} stack nodes`,
  )
  console.log(
    `  ${'transforms'.padEnd(64)} ${'apply'.padStart(8)} ${redraw ? 'redraw'.padStart(8) : ''}`,
  )
  for (const tf of redraw ? ['', ...stacks] : stacks) {
    const runs = Array.from({ length: RUNS + 1 }, () => measure(incident, tf, redraw)).slice(1)
    const last = runs[runs.length - 1]
    const cell = (xs: number[]) => `${median(xs).toFixed(1)} ms`.padStart(8)
    console.log(
      `  ${(tf || '(none: the last one removed)').slice(0, 64).padEnd(64)} ${cell(runs.map((r) => r.apply))} ${redraw ? cell(runs.map((r) => r.total)) : ''}  ${n(last.records)} records${redraw ? `, ${n(last.groups)} groups` : ''}`,
    )
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--input')
  let file = at > 0 ? process.argv[at + 1] : join(ROOT, 'bench/out', 'seed-go-dump-420000.txt')
  if (at < 0 && !existsSync(file)) {
    mkdirSync(join(ROOT, 'bench/out'), { recursive: true })
    console.log(`generating ${file} ...`)
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/gen-go-dump.ts'), file], {
      stdio: 'inherit',
    })
  }
  file = resolve(file)
  console.log(
    `(load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; median of ${RUNS} runs)`,
  )
  bench(file, await parseInputs([await inputFromPath(file)]), true)
  // A tree this size has ~100k groups, whose table costs seconds with or without transforms:
  // only the transforms are timed here.
  bench(
    'synthetic, 100k-node stack tree',
    buildSyntheticIncident({ records: 420_000, stackNodes: 100_000, frames: 20_000 }),
    false,
  )
}

void main()
