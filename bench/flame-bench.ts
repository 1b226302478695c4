/**
 * Flame benchmark: how long the call tree and layout take to build from a parsed model, and how
 * long one pan/zoom frame takes to paint in Chromium.
 *
 *   npm run bench:flame                 # both parts
 *   npm run bench:flame -- --node-only  # layout timings only (no browser)
 *   npm run bench:flame -- --paint-only # layout and the pan/zoom paint, not the folded file
 *   npm run bench:flame -- --paint-passes 9  # passes over the 180 frames (default 5)
 *   npm run bench:flame -- --folded-lines 500000 --no-build
 *
 * Layout (Node): a synthetic 420,000-goroutine model (records sharing 10,000 stack nodes, as a
 * leak dump does) and a 100,000-node call tree (420,000 records, one stack node each at least).
 * Budget: under 300 ms from model to layout for the 420k dump.
 * Paint (Chromium at $DEBRIEF_CHROMIUM or /usr/bin/chromium, device pixel ratio 2): the
 * 100,000-node tree on a 1360x700 canvas, 180 frames of zooming in towards a point, panning and
 * zooming out, each painted with the same code the view uses, in 5 passes; each frame's time is
 * its median over the passes. Budget: 16 ms per frame at the 95th percentile (the slowest
 * frames are the zoomed-out ones, which fill the most rectangles). The renderer's main-thread
 * CPU time per animation frame is printed too (Linux), a figure that moves less with load.
 * In the tab (the built app, served by `vite preview`): two million folded-stack lines
 * (bench/gen-folded.ts, about 740 MB) dropped on the page, against the file's Node floor.
 * Budget: the table within 5 s, the main thread's heap under 1 GB.
 */
import { chromium } from '@playwright/test'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { resolve } from 'node:path'
import { createServer } from 'vite'
import { computeCallTree, computeRecordWeights } from '../src/model/flame/call-tree'
import { computeFlameLayout } from '../src/model/flame/layout'
import { buildSyntheticIncident, type SyntheticShape } from '../src/test/synthetic-incident'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openFile, run, serve } from './app-driver'
import { medianFileFloor, ratio } from './floor'
import { machineLine, printTable, type BenchRow } from './ratio-table'

const ROOT = resolve(import.meta.dirname, '..')
const RUNS = 7

const shapes: { label: string; shape: SyntheticShape }[] = [
  {
    label: '420k goroutines, 10k stack nodes',
    shape: { records: 420_000, stackNodes: 10_000, frames: 3_000 },
  },
  {
    label: '420k records, 100k-node tree',
    shape: { records: 420_000, stackNodes: 100_000, frames: 20_000 },
  },
]

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]
}

const rows: BenchRow[] = []

function benchLayout(): void {
  console.log('Layout from a parsed model (Node, median of %d runs after one warm-up)', RUNS)
  for (const { label, shape } of shapes) {
    const incident = buildSyntheticIncident(shape)
    const times: number[] = []
    let nodes = 0
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now()
      const tree = computeCallTree(incident, computeRecordWeights(incident, 'count'))
      const layout = computeFlameLayout(incident, tree, 'heavy')
      const ms = performance.now() - t0
      nodes = tree.length
      if (run > 0) times.push(ms)
      if (layout.rows.length === 0) throw new Error('empty layout')
    }
    console.log(
      `  ${label.padEnd(36)} ${nodes.toLocaleString('en-US').padStart(8)} nodes  tree+layout ${median(times).toFixed(1)} ms`,
    )
    rows.push({
      what: `model -> tree and layout, ${label} (${nodes.toLocaleString('en-US')} nodes, Node)`,
      value: `${median(times).toFixed(1)} ms`,
      ratio: '',
      target: label.startsWith('420k goroutines') ? '< 300 ms' : '',
      ok: label.startsWith('420k goroutines') ? median(times) < 300 : null,
    })
  }
}

async function benchPaint(): Promise<void> {
  const server = await createServer({
    root: ROOT,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
  })
  await server.listen()
  const address = server.httpServer?.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    console.log(`(load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`)
    const page = await browser.newPage({
      deviceScaleFactor: 2,
      viewport: { width: 1400, height: 800 },
    })
    // tsx compiles this file with esbuild, which names functions through a `__name` helper
    // that the page does not have.
    await page.addInitScript('globalThis.__name = (f) => f')
    await page.goto(`http://127.0.0.1:${port}/index.html`)
    const setup = await page.evaluate(async (shape) => {
      const load = (path: string) => import(/* @vite-ignore */ path)
      const { buildSyntheticIncident } = await load('/src/test/synthetic-incident.ts')
      const { computeCallTree, computeRecordWeights } = await load('/src/model/flame/call-tree.ts')
      const { computeFlameLayout } = await load('/src/model/flame/layout.ts')
      const { paintFlame, createCanvasPainter } = await load('/src/views/flame/paint.ts')
      const { computeFrameColors } = await load('/src/views/flame/colors.ts')
      const incident = buildSyntheticIncident(shape)
      const t0 = performance.now()
      const tree = computeCallTree(incident, computeRecordWeights(incident, 'count'))
      const layout = computeFlameLayout(incident, tree, 'heavy')
      const layoutMs = performance.now() - t0
      const colors: string[] = computeFrameColors(incident, 'kind')
      const labels = Array.from(incident.frames.func as Int32Array, (s) => incident.strings[s])
      const width = 1360
      const height = 700
      const dpr = devicePixelRatio
      const canvas = document.createElement('canvas')
      canvas.width = width * dpr
      canvas.height = height * dpr
      canvas.style.cssText = `position:fixed;left:0;top:0;width:${width}px;height:${height}px`
      document.body.append(canvas)
      const ctx = canvas.getContext('2d')!
      const total = tree.total[0]
      // One pass: zoom in towards a point a third of the way across, pan right, zoom back out.
      const pass = async () => {
        const frames: number[] = []
        const intervals: number[] = []
        const rects: number[] = []
        const scripts: number[] = []
        let x0 = 0
        let x1 = total
        let last = performance.now()
        for (let f = 0; f < 180; f++) {
          await new Promise(requestAnimationFrame)
          const now = performance.now()
          intervals.push(now - last)
          last = now
          if (f < 60) {
            const anchor = x0 + (x1 - x0) / 3
            x0 = anchor - (anchor - x0) * 0.9
            x1 = anchor + (x1 - anchor) * 0.9
          } else if (f < 120) {
            const shift = (x1 - x0) * 0.02
            x0 += shift
            x1 += shift
          } else {
            const mid = (x0 + x1) / 2
            x0 = Math.max(0, mid - (mid - x0) / 0.9)
            x1 = Math.min(total, mid + (x1 - mid) / 0.9)
          }
          const t = performance.now()
          ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
          ctx.clearRect(0, 0, width, height)
          ctx.font = '12px monospace'
          ctx.textBaseline = 'middle'
          const drawn = paintFlame(createCanvasPainter(ctx), {
            layout,
            labels,
            colorOf: (n: number) => (n === 0 ? '#ccc' : colors[tree.frame[n]]),
            dimmed: null,
            dimColor: '#eee',
            textColor: '#111',
            dimTextColor: '#666',
            viewport: { x0, x1, top: 0 },
            width,
            height,
            rowHeight: 18,
            orientation: 'icicle',
            firstDepth: 0,
            charWidth: ctx.measureText('M').width,
            outlines: [],
          })
          scripts.push(performance.now() - t)
          // Reading one pixel waits for the drawing to be rasterised, so the time is honest.
          ctx.getImageData(0, 0, 1, 1)
          frames.push(performance.now() - t)
          rects.push(drawn)
        }
        return { frames, intervals: intervals.slice(1), rects, scripts }
      }
      Object.assign(globalThis, { flamePaintPass: pass })
      return { nodes: tree.length, depth: tree.maxDepth, layoutMs }
    }, shapes[1].shape)
    // Each frame's time is its median over the passes: on a shared machine one pass's slowest
    // frames are often another process's time slice, not the paint's.
    const renderer = rendererMainThread()
    const passes: Awaited<ReturnType<typeof paintPass>>[] = []
    const paintPass = () =>
      page.evaluate(() =>
        (
          globalThis as unknown as {
            flamePaintPass(): Promise<{
              frames: number[]
              intervals: number[]
              rects: number[]
              scripts: number[]
            }>
          }
        ).flamePaintPass(),
      )
    const cpuBefore = renderer?.cpuMs()
    for (let i = 0; i < paintPasses(); i++) passes.push(await paintPass())
    const cpuMs = renderer && cpuBefore !== undefined ? renderer.cpuMs() - cpuBefore : null
    const perFrame = (key: 'frames' | 'scripts') =>
      passes[0][key].map((_, f) => median(passes.map((pass) => pass[key][f])))
    const result = {
      ...setup,
      frames: perFrame('frames'),
      scripts: perFrame('scripts'),
      rects: passes[0].rects,
      intervals: passes.flatMap((pass) => pass.intervals),
    }
    const version = browser.version()
    console.log(`Paint in Chromium ${version} (device pixel ratio 2, 1360x700 CSS px)`)
    console.log(
      `  ${result.nodes.toLocaleString('en-US')} nodes, depth ${result.depth}; layout in the page ${result.layoutMs.toFixed(1)} ms`,
    )
    console.log(
      `  pan/zoom frame paint: median ${median(result.frames).toFixed(2)} ms, p95 ${percentile(result.frames, 95).toFixed(2)} ms, max ${Math.max(...result.frames).toFixed(2)} ms (180 frames, each the median of ${passes.length} passes)`,
    )
    console.log(
      `  of which paint calls: median ${median(result.scripts).toFixed(2)} ms, p95 ${percentile(result.scripts, 95).toFixed(2)} ms; the rest is rasterising`,
    )
    console.log(
      `  rectangles per frame: median ${median(result.rects)}, max ${Math.max(...result.rects)}`,
    )
    rows.push({
      what: `pan/zoom frame paint, ${result.nodes.toLocaleString('en-US')} nodes, p50 / p95 / max (Chromium)`,
      value: `${median(result.frames).toFixed(1)} / ${percentile(result.frames, 95).toFixed(1)} / ${Math.max(...result.frames).toFixed(1)} ms`,
      ratio: '',
      target: '< 16 ms (p95)',
      ok: percentile(result.frames, 95) < 16,
    })
    console.log(
      `  animation frame interval: median ${median(result.intervals).toFixed(1)} ms, p95 ${percentile(result.intervals, 95).toFixed(1)} ms`,
    )
    if (cpuMs !== null) {
      // CPU time moves far less with other processes' load than the wall clock does.
      const perFrameCpu = cpuMs / (passes.length * 180)
      console.log(
        `  renderer main thread CPU: ${perFrameCpu.toFixed(2)} ms per animation frame (paint, raster and the frame itself)`,
      )
      rows.push({
        what: `pan/zoom: renderer main thread's CPU per animation frame, ${result.nodes.toLocaleString('en-US')} nodes (Chromium)`,
        value: `${perFrameCpu.toFixed(2)} ms`,
        ratio: '',
        target: '',
        ok: null,
      })
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

/**
 * Folded stacks in the built app: `--folded-lines` (default 2,000,000, about 740 MB,
 * bench/gen-folded.ts) dropped in the tab, against the file's Node floor (floor.ts).
 * Targets: the table within 5 s, the main thread's heap with its buffers under 1 GB.
 */
async function benchFoldedInTab(lines: number): Promise<void> {
  const out = join(ROOT, 'bench/out')
  const file = join(out, `folded-${lines}.txt`)
  mkdirSync(out, { recursive: true })
  if (!existsSync(file)) run('npx', ['tsx', 'bench/gen-folded.ts', file, String(lines)])
  if (!process.argv.includes('--no-build')) run('npx', ['vite', 'build'])
  const floor = await medianFileFloor(file)
  const server = await serve()
  const browser = await chromium.launch(chromiumLaunchOptions)
  const mb = (statSync(file).size / (1 << 20)).toFixed(0)
  const label = `${lines.toLocaleString('en-US')} folded lines (${mb} MB)`
  rows.push({
    what: `${label}: Node floor (read, decode, count lines)`,
    value: `${(floor.ms / 1000).toFixed(2)} s`,
    ratio: '1.00x',
    target: '',
    ok: null,
  })
  try {
    const opened = await openFile(browser, server.url, file, true).catch((error: unknown) => {
      // A tab that runs out of memory closes under the driver: that is the figure.
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
      rows.push({
        what: `${label}: drop -> table in the tab`,
        value: `the tab crashed (${why})`,
        ratio: '',
        target: '≤ 5 s',
        ok: false,
      })
      return null
    })
    if (!opened) return
    await opened.close()
    rows.push(
      {
        what: `${label}: drop -> table in the tab`,
        value: `${(opened.renderMs / 1000).toFixed(2)} s`,
        ratio: ratio(opened.renderMs, floor),
        target: '≤ 5 s',
        ok: opened.renderMs <= 5000,
      },
      {
        what: `${label}: main thread's heap with its buffers, peak`,
        value: `${(opened.peakHeapWithBuffers / (1 << 20)).toFixed(0)} MB`,
        ratio: '',
        target: '≤ 1 GB',
        ok: opened.peakHeapWithBuffers <= 1 << 30,
      },
    )
  } finally {
    await browser.close()
    server.stop()
  }
}

function paintPasses(): number {
  const at = process.argv.indexOf('--paint-passes')
  return at === -1 ? 5 : Number(process.argv[at + 1])
}

/**
 * The main thread of the renderer this process's Chromium started, read from /proc (Linux;
 * null elsewhere): its user and system CPU time, in clock ticks of 10 ms.
 */
function rendererMainThread(): { cpuMs(): number } | null {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number)
    } catch {
      return []
    }
  }
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return ''
    }
  }
  const cpuMs = (pid: number) => {
    // The fields after the command name: utime and stime are the 12th and 13th.
    const fields = read(`/proc/${pid}/stat`).split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) * 10
  }
  const all: number[] = []
  for (let queue = [process.pid]; queue.length > 0;) {
    const found = children(queue.pop()!)
    all.push(...found)
    queue.push(...found)
  }
  const renderers = all.filter((pid) => read(`/proc/${pid}/cmdline`).includes('--type=renderer'))
  // The page's renderer is the one that has worked most (it built the tree).
  const pid = renderers.sort((a, b) => cpuMs(b) - cpuMs(a))[0]
  return pid === undefined ? null : { cpuMs: () => cpuMs(pid) }
}

function foldedLines(): number {
  const at = process.argv.indexOf('--folded-lines')
  return at === -1 ? 2_000_000 : Number(process.argv[at + 1])
}

benchLayout()
if (!process.argv.includes('--node-only')) {
  await benchPaint()
  if (!process.argv.includes('--paint-only')) await benchFoldedInTab(foldedLines())
}
console.log(machineLine())
if (!printTable(rows)) process.exitCode = 1
