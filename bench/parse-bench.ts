/**
 * Parse benchmark: throughput and memory of the whole pipeline (stream -> decode -> lines ->
 * scanner -> region parsers -> model) on one large input, optionally against another commit.
 *
 *   npm run bench:ab                               # built-in input, 5 runs
 *   npm run bench:ab -- --input big.log --runs 3      # your own file(s), repeatable
 *   npm run bench:ab -- --against HEAD~1              # A/B against a commit (git worktree)
 *   npm run bench:ab -- --json out.json               # machine-readable results
 *   npm run bench:ab -- --only go                     # one parser alone (ids as in formats.ts)
 *
 * The built-in input is the 2,002-goroutine dump from the corpus repeated to `--mb` megabytes
 * (default 64), with application log lines between the copies, so it exercises the scanner,
 * the prefix-free Go path and the interning of a few thousand distinct frames many times over.
 * Machine load moves the figures by 10-20% between identical runs; compare sides of one
 * `--against` run, not numbers from different runs. `NODE_OPTIONS=--expose-gc` makes the heap
 * figure meaningful; the model size is exact either way.
 * With `--against REF`, REF is checked out into a temporary git worktree and both trees'
 * `parseInputs` run alternately on the same bytes (A B, B A, ...), as panicparse's
 * `ba -against HEAD~1` does, so machine noise hits both sides alike.
 * Every round also reads the bytes alone (the floor, floor.ts), and each side is shown as a
 * multiple of it: a working tree whose multiple is over 20% above REF's is a regression, said
 * so, with exit status 1.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Incident } from '../src/model/types'
import type { ParseInput, ParseOptions } from '../src/parse/index'
import type { RegionFormat } from '../src/parse/region'
import { bytesFloor, streamOf } from './floor'
import { nodeDecodeAscii } from '../src/cli/node-ascii'

type ParseFn = (inputs: readonly ParseInput[], options?: ParseOptions) => Promise<Incident>

type Options = {
  inputs: string[]
  mb: number
  runs: number
  against?: string
  json?: string
  /** Format ids to keep (`--only go`); every format when empty. */
  only: string[]
}

type Result = {
  label: string
  bytes: number
  lines: number
  records: number
  frames: number
  stacks: number
  /** Milliseconds of each timed run. */
  ms: number[]
  medianMs: number
  mbPerSec: number
  /** Heap growth across a parse (after a GC when `--expose-gc` is on); noisy. */
  heapMb: number
  /** Bytes the model's columns and strings hold; deterministic. */
  modelMb: number
  /** The median time as a multiple of the median floor of the same rounds. */
  floorRatio: number
}

/** A regression: the working tree's multiple of the floor over REF's by more than this. */
const REGRESSION = 1.2

const ROOT = resolve(import.meta.dirname, '..')
const DUMP = join(ROOT, 'src/parse/go/__fixtures__/local-go119-gen-dump-n2000-churn.txt')

function parseArgs(argv: string[]): Options {
  const o: Options = { inputs: [], mb: 64, runs: 5, only: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    if (a === '--input') o.inputs.push(next())
    else if (a === '--mb') o.mb = Number(next())
    else if (a === '--runs') o.runs = Number(next())
    else if (a === '--against') o.against = next()
    else if (a === '--json') o.json = next()
    else if (a === '--only') o.only.push(...next().split(','))
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0])
      process.exit(0)
    } else throw new Error(`Unknown option ${a}`)
  }
  if (!(o.runs >= 1) || !(o.mb > 0)) throw new Error('--runs and --mb must be positive')
  return o
}

/** The built-in input: the corpus dump repeated to `mb` megabytes, log lines in between. */
function builtInInput(mb: number): { name: string; bytes: Uint8Array } {
  const dump = readFileSync(DUMP)
  const target = mb * 1024 * 1024
  const copies = Math.max(1, Math.round(target / dump.length))
  const parts: Uint8Array[] = []
  for (let i = 0; i < copies; i++) {
    const ts = new Date(Date.UTC(2026, 10, 22, 19, 42, i % 60)).toISOString()
    parts.push(Buffer.from(`${ts} level=info msg="restart ${i}" goroutines=${2000 + i}\n`))
    parts.push(dump)
  }
  return { name: `${basename(DUMP)} x${copies}`, bytes: Buffer.concat(parts) }
}

function asInput(name: string, bytes: Uint8Array): ParseInput {
  return { name, size: bytes.length, stream: () => streamOf(bytes) }
}

async function loadParse(root: string, only: string[]): Promise<ParseFn> {
  const url = (path: string) => pathToFileURL(join(root, path)).href
  const { parseInputs } = (await import(url('src/parse/index.ts'))) as { parseInputs: ParseFn }
  if (!only.length) return parseInputs
  const { allFormats } = (await import(url('src/parse/formats.ts'))) as {
    allFormats: readonly RegionFormat[]
  }
  const formats = allFormats.filter((f) => only.includes(f.format))
  if (!formats.length) throw new Error(`No format among ${only.join(', ')} in ${root}`)
  return (inputs, options) => parseInputs(inputs, { ...options, formats })
}

/** Checks REF out into a temporary worktree that shares this tree's node_modules. */
function worktreeAt(ref: string): { root: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'debrief-bench-'))
  execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: ROOT, stdio: 'ignore' })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return {
    root: dir,
    remove: () => {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** JS heap plus ArrayBuffers: the model's typed-array columns live outside the heap. */
function memoryInUse(): number {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

function gc(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

type Run = { ms: number; heapMb: number; shape: Shape }
/** What a parse produced, kept instead of the Incident so no earlier model stays alive. */
type Shape = { lines: number; records: number; frames: number; stacks: number; modelMb: number }

/** Bytes the model holds: every typed-array column plus the string table (2 bytes a char). */
function modelBytes(incident: Incident): number {
  let n = 0
  for (const table of [incident.frames, incident.stacks, incident.records, incident.events]) {
    for (const column of Object.values(table))
      if (ArrayBuffer.isView(column)) n += column.byteLength
  }
  for (const s of incident.strings) n += 2 * s.length
  return n
}

async function timeOnce(
  parse: ParseFn,
  inputs: { name: string; bytes: Uint8Array }[],
): Promise<Run> {
  gc()
  const before = memoryInUse()
  const started = performance.now()
  // Decoded as the command line decodes, as the floor is.
  const incident = await parse(
    inputs.map((i) => asInput(i.name, i.bytes)),
    { decodeAscii: nodeDecodeAscii },
  )
  const ms = performance.now() - started
  gc()
  const heapMb = (memoryInUse() - before) / (1 << 20)
  const shape = {
    lines: incident.sources.reduce((n, s) => n + s.lines, 0),
    records: incident.records.length,
    frames: incident.frames.length,
    stacks: incident.stacks.length,
    modelMb: Math.round((modelBytes(incident) / (1 << 20)) * 100) / 100,
  }
  return { ms, heapMb, shape }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function summarize(
  label: string,
  inputs: { bytes: Uint8Array }[],
  runs: Run[],
  floorMs: number,
): Result {
  const bytes = inputs.reduce((n, i) => n + i.bytes.length, 0)
  const ms = runs.map((r) => r.ms)
  const medianMs = median(ms)
  return {
    label,
    bytes,
    ...runs[runs.length - 1].shape,
    ms: ms.map((x) => Math.round(x)),
    medianMs: Math.round(medianMs),
    mbPerSec: Math.round((bytes / (1 << 20) / (medianMs / 1000)) * 10) / 10,
    heapMb: Math.round(median(runs.map((r) => r.heapMb)) * 10) / 10,
    floorRatio: Math.round((medianMs / floorMs) * 100) / 100,
  }
}

function print(r: Result): void {
  console.log(
    `${r.label.padEnd(14)} ${String(r.medianMs).padStart(7)} ms  ${r.floorRatio.toFixed(2)}x floor  ${String(r.mbPerSec).padStart(6)} MB/s  ` +
      `${r.lines} lines  ${r.records} records  ${r.frames} frames  ${r.stacks} stacks  ` +
      `model ${r.modelMb} MB (heap ~${r.heapMb} MB)  runs [${r.ms.join(', ')}]`,
  )
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2))
  const inputs = o.inputs.length
    ? o.inputs.map((p) => ({ name: basename(p), bytes: readFileSync(p) }))
    : [builtInInput(o.mb)]
  const total = inputs.reduce((n, i) => n + i.bytes.length, 0)
  console.log(
    `input: ${inputs.map((i) => i.name).join(', ')} (${(total / (1 << 20)).toFixed(1)} MB), ` +
      `${o.runs} runs${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for heap figures)'}`,
  )

  const sides: { label: string; parse: ParseFn }[] = [
    { label: 'working tree', parse: await loadParse(ROOT, o.only) },
  ]
  let tree: { root: string; remove: () => void } | null = null
  if (o.against) {
    tree = worktreeAt(o.against)
    sides.unshift({ label: o.against, parse: await loadParse(tree.root, o.only) })
  }
  try {
    // One untimed warm-up per side, then alternate sides run by run.
    for (const side of sides) await side.parse(inputs.map((i) => asInput(i.name, i.bytes)))
    const runs = sides.map(() => [] as Run[])
    const floors: number[] = []
    for (let r = 0; r < o.runs; r++) {
      let floorMs = 0
      for (const input of inputs) floorMs += (await bytesFloor(input.bytes)).ms
      floors.push(floorMs)
      // A B, then B A: whichever side runs second pays for the first one's garbage.
      const order = r % 2 ? [...sides.keys()].reverse() : [...sides.keys()]
      for (const s of order) {
        runs[s].push(await timeOnce(sides[s].parse, inputs))
      }
    }
    const floorMs = median(floors)
    console.log(`floor (read, decode, count lines) ${Math.round(floorMs)} ms, median of ${o.runs}`)
    const results = sides.map((side, s) => summarize(side.label, inputs, runs[s], floorMs))
    results.forEach(print)
    if (results.length === 2) {
      const [base, head] = results
      const delta = ((head.medianMs - base.medianMs) / base.medianMs) * 100
      console.log(
        `working tree vs ${base.label}: ${delta >= 0 ? '+' : ''}${delta.toFixed(1)}% time, ` +
          `${base.floorRatio.toFixed(2)}x -> ${head.floorRatio.toFixed(2)}x floor, ` +
          `records ${base.records} -> ${head.records}, frames ${base.frames} -> ${head.frames}`,
      )
      if (head.floorRatio > base.floorRatio * REGRESSION) {
        console.log(
          `REGRESSION: the working tree takes ${head.floorRatio.toFixed(2)}x the floor, over ` +
            `${REGRESSION}x ${base.label}'s ${base.floorRatio.toFixed(2)}x`,
        )
        process.exitCode = 1
      }
    }
    if (o.json)
      writeFileSync(o.json, JSON.stringify({ inputs: inputs.map((i) => i.name), results }, null, 2))
  } finally {
    tree?.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
