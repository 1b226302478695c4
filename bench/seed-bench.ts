/**
 * `npm run bench`: the parse's speed and memory as multiples of the floor (floor.ts: reading,
 * decoding and counting the lines of the same file), both measured in the same run:
 * - the seed-shaped 420,000-goroutine dump (generated once into bench/out/ by gen-go-dump.ts),
 *   parsed and grouped by the command line's code: at most 2x the floor, peak RSS 300 MB;
 * - the 5,000,000-line service log (gen-log.ts), through the whole log pipeline (lines,
 *   prefilter, timestamps, levels, metrics, model): at most 3x the floor;
 * - the compiled command line, `bin/debrief-parse.mjs FILE --json`, on a one-line file: its
 *   start-up, at most 0.3 s.
 * Each parse and each floor runs in a fresh Node process, alternately, median of `--runs`.
 *
 *   npm run bench
 *   npm run bench -- --runs 5 --goroutines 100000 --log-lines 1000000
 *   npm run bench -- --only dump          # dump, log or cli
 *   npm run bench -- FILE...              # any input in place of the dump
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { machineLine, printTable, type BenchRow } from './ratio-table'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'bench/out')
const MB = 1 << 20

type ParseFigures = {
  bytes: number
  lines: number
  records: number
  events: number
  groups: number
  largestGroup: number
  parseMs: number
  groupMs: number
  peakRssMb: number
}

function options(argv: string[]) {
  const o = {
    goroutines: 420_000,
    logLines: 5_000_000,
    runs: 3,
    only: '',
    files: [] as string[],
  }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--goroutines') o.goroutines = Number(argv[++i])
    else if (argv[i] === '--log-lines') o.logLines = Number(argv[++i])
    else if (argv[i] === '--runs') o.runs = Number(argv[++i])
    else if (argv[i] === '--only') o.only = argv[++i]
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

/** A generated input in bench/out/, written once. */
function generated(name: string, script: string, count: number): string {
  const out = join(OUT, name)
  if (!existsSync(out)) {
    mkdirSync(OUT, { recursive: true })
    console.error(`generating ${out} ...`)
    tsx(script, [out, String(count)])
  }
  return out
}

/** Parses and floors, alternately, each in a fresh process. */
function measure(files: string[], runs: number) {
  const parses: ParseFigures[] = []
  const floors: number[] = []
  for (let r = 0; r < runs; r++) {
    floors.push(
      (JSON.parse(tsx('bench/measure-parse.ts', ['--floor', ...files])) as { floorMs: number })
        .floorMs,
    )
    parses.push(JSON.parse(tsx('bench/measure-parse.ts', files)) as ParseFigures)
  }
  return {
    first: parses[0],
    floorMs: median(floors),
    parseMs: median(parses.map((p) => p.parseMs)),
    groupMs: median(parses.map((p) => p.groupMs)),
    peakRssMb: median(parses.map((p) => p.peakRssMb)),
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const x = (ms: number, floorMs: number) => `${(ms / floorMs).toFixed(2)}x`

function dumpRows(files: string[], runs: number): BenchRow[] {
  const m = measure(files, runs)
  const total = m.parseMs + m.groupMs
  const mb = m.first.bytes / MB
  const what = files.length === 1 && files[0].includes('seed-go-dump') ? 'dump' : files.join(', ')
  return [
    {
      what: `${what}: ${mb.toFixed(0)} MB, ${m.first.lines.toLocaleString('en-US')} lines, ${m.first.records.toLocaleString('en-US')} records, ${m.first.groups} groups (largest ${m.first.largestGroup.toLocaleString('en-US')})`,
      value: '',
      ratio: '',
      target: '',
      ok: null,
    },
    {
      what: `${what}: floor (read, decode, count lines)`,
      value: s(m.floorMs),
      ratio: '1.00x',
      target: '',
      ok: null,
    },
    {
      what: `${what}: parse`,
      value: `${s(m.parseMs)} (${(mb / (m.parseMs / 1000)).toFixed(0)} MB/s)`,
      ratio: x(m.parseMs, m.floorMs),
      target: '',
      ok: null,
    },
    {
      what: `${what}: group`,
      value: `${m.groupMs.toFixed(0)} ms`,
      ratio: '',
      target: '',
      ok: null,
    },
    {
      what: `${what}: parse + group`,
      value: s(total),
      ratio: x(total, m.floorMs),
      target: '≤ 2x',
      ok: total <= 2 * m.floorMs,
    },
    {
      what: `${what}: peak resident memory`,
      value: `${m.peakRssMb.toFixed(0)} MB`,
      ratio: '',
      target: '≤ 300 MB',
      ok: m.peakRssMb <= 300,
    },
  ]
}

function logRows(path: string, runs: number): BenchRow[] {
  const m = measure([path], runs)
  const mb = m.first.bytes / MB
  return [
    {
      what: `log: ${mb.toFixed(0)} MB, ${m.first.lines.toLocaleString('en-US')} lines, ${m.first.events.toLocaleString('en-US')} events`,
      value: '',
      ratio: '',
      target: '',
      ok: null,
    },
    {
      what: 'log: floor (read, decode, count lines)',
      value: s(m.floorMs),
      ratio: '1.00x',
      target: '',
      ok: null,
    },
    {
      what: 'log: whole pipeline',
      value: `${s(m.parseMs)} (${(mb / (m.parseMs / 1000)).toFixed(0)} MB/s)`,
      ratio: x(m.parseMs, m.floorMs),
      target: '≤ 3x',
      ok: m.parseMs <= 3 * m.floorMs,
    },
    {
      what: 'log: peak resident memory',
      value: `${m.peakRssMb.toFixed(0)} MB`,
      ratio: '',
      target: '',
      ok: null,
    },
  ]
}

/** Wall time of the compiled command line on a one-line file: start-up and little else. */
function cliRows(runs: number): BenchRow[] {
  const bin = join(ROOT, 'bin/debrief-parse.mjs')
  if (!existsSync(bin)) execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' })
  const dir = mkdtempSync(join(tmpdir(), 'debrief-bench-'))
  const tiny = join(dir, 'one-line.log')
  writeFileSync(tiny, '2026-12-06T10:00:00Z INFO started\n')
  const times: number[] = []
  for (let r = 0; r < Math.max(runs, 5); r++) {
    const started = performance.now()
    const result = spawnSync(process.execPath, [bin, tiny, '--json'], { encoding: 'utf8' })
    times.push(performance.now() - started)
    if (result.status !== 0) throw new Error(`debrief-parse failed: ${result.stderr}`)
  }
  const ms = median(times)
  return [
    {
      what: `command line on a one-line file (${(statSync(bin).size / 1024).toFixed(0)} KB bundle)`,
      value: s(ms),
      ratio: '',
      target: '≤ 0.3 s',
      ok: ms <= 300,
    },
  ]
}

function main(): void {
  const o = options(process.argv.slice(2))
  const rows: BenchRow[] = []
  if (!o.only || o.only === 'dump')
    rows.push(
      ...dumpRows(
        o.files.length
          ? o.files
          : [generated(`seed-go-dump-${o.goroutines}.txt`, 'bench/gen-go-dump.ts', o.goroutines)],
        o.runs,
      ),
    )
  if ((!o.only && !o.files.length) || o.only === 'log')
    rows.push(
      ...logRows(
        generated(`service-log-${o.logLines}.log`, 'bench/gen-log.ts', o.logLines),
        o.runs,
      ),
    )
  if ((!o.only && !o.files.length) || o.only === 'cli') rows.push(...cliRows(o.runs))
  console.log(`${machineLine()}; median of ${o.runs} runs, each in a fresh process`)
  if (!printTable(rows)) process.exitCode = 1
}

main()
