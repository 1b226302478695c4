/**
 * `npm run bench`: the backbone's speed and memory target, measured.
 *
 * Generates (once, into bench/out/) a 420,000-goroutine dump shaped like the seed incident,
 * then parses and groups it in a fresh Node process per run, the same code the browser's
 * worker runs, and prints MB/s, total time and peak resident memory.
 *
 *   npm run bench                      # 420,000 goroutines, 3 runs
 *   npm run bench -- --goroutines 100000 --runs 5
 *   npm run bench -- FILE...           # any input
 *
 * Targets (one core): parse + group in under 2.5 s and under 700 MB peak.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')

type Figures = {
  bytes: number
  lines: number
  records: number
  groups: number
  largestGroup: number
  parseMs: number
  groupMs: number
  peakRssMb: number
}

function options(argv: string[]) {
  const o = { goroutines: 420_000, runs: 3, files: [] as string[] }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--goroutines') o.goroutines = Number(argv[++i])
    else if (argv[i] === '--runs') o.runs = Number(argv[++i])
    else o.files.push(argv[i])
  }
  return o
}

function tsx(script: string, args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]
}

function main(): void {
  const o = options(process.argv.slice(2))
  let files = o.files
  if (files.length === 0) {
    const out = join(ROOT, 'bench/out', `seed-go-dump-${o.goroutines}.txt`)
    if (!existsSync(out)) {
      mkdirSync(join(ROOT, 'bench/out'), { recursive: true })
      console.log(`generating ${out} ...`)
      tsx('bench/gen-go-dump.ts', [out, String(o.goroutines)])
    }
    files = [out]
  }
  const runs: Figures[] = []
  for (let r = 0; r < o.runs; r++) runs.push(JSON.parse(tsx('bench/measure-parse.ts', files)))
  const f = runs[0]
  const parseMs = median(runs.map((x) => x.parseMs))
  const groupMs = median(runs.map((x) => x.groupMs))
  const totalMs = parseMs + groupMs
  const mb = f.bytes / (1 << 20)
  const rows: [string, string][] = [
    ['input', `${files.join(', ')}`],
    ['size', `${mb.toFixed(1)} MB, ${f.lines.toLocaleString('en-US')} lines`],
    ['goroutines/records', f.records.toLocaleString('en-US')],
    ['groups', `${f.groups} (largest ${f.largestGroup.toLocaleString('en-US')})`],
    ['parse', `${(parseMs / 1000).toFixed(2)} s (${(mb / (parseMs / 1000)).toFixed(0)} MB/s)`],
    ['group', `${groupMs.toFixed(0)} ms`],
    ['parse + group', `${(totalMs / 1000).toFixed(2)} s   target < 2.5 s`],
    ['peak RSS', `${median(runs.map((x) => x.peakRssMb)).toFixed(0)} MB   target < 700 MB`],
    ['runs', `${o.runs} (median shown; each in a fresh process)`],
  ]
  for (const [k, v] of rows) console.log(`${k.padEnd(20)} ${v}`)
}

main()
