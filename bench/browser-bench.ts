/**
 * `npm run bench:browser`: speed where users feel it, in Chromium, on the built app.
 *
 * Builds the app, serves dist/ with `vite preview` on a free port and drives it:
 * - first load of the app on localhost (navigation -> `load`) and the JavaScript it loads by
 *   then (dist/assets/*.js, gzip-compressed size);
 * - the 420,000-goroutine seed dump (bench/gen-go-dump.ts, generated into bench/out/ when
 *   missing) opened through the file chooser: the app's User Timing measures `debrief:parse`
 *   (drop -> model) and `debrief:render` (drop -> first table painted), when each parse
 *   worker started and delivered its model, the main thread's peak JS heap (CDP
 *   Performance.getMetrics) and heap plus ArrayBuffers (Runtime.getHeapUsage; the model's
 *   tables are typed arrays, which the JS heap figure leaves out), sampled every 100 ms, the
 *   renderer processes' resident memory before the drop and at its peak (main thread and
 *   workers together), and the first row's count against the command line's largest group;
 *   then the same dump with `navigator.hardwareConcurrency` set to 1, read by one worker, for
 *   the speed-up of the parallel parse;
 * - a 5,000,000-line service log (bench/gen-log.ts), the same way;
 * - the flame graph of the 420k dump during scripted zooming and panning with the keyboard
 *   (+/-, arrows, W/A/D): each canvas paint's time (the canvas's `data-draw-ms`) and the
 *   delays between animation frames.
 *
 *   npm run bench:browser
 *   npm run bench:browser -- --no-build      # use the dist/ already built
 *
 * Targets: table within 3 s of the drop (420k dump), flame frames under 16 ms, peak heap
 * under 1.5x the file size, initial JS under 300 KB gzip, first load under 1 s.
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'bench/out')
const DUMP = join(OUT, 'seed-go-dump-420000.txt')
const LOG = join(OUT, 'service-log-5000000.log')
const MB = 1024 * 1024

type Row = { what: string; value: string; target: string; ok: boolean | null }

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

async function serve(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: 'ignore', detached: true },
  )
  const url = `http://127.0.0.1:${port}/`
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  stop()
  throw new Error(`vite preview did not answer on ${url}`)
}

/** Resident memory (bytes) of the renderer processes this browser started. */
function rendererRss(browserPids: Set<number>): number {
  let total = 0
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!browserPids.has(ppid) && !browserPids.has(Number(name))) continue
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8')
      if (!cmd.includes('--type=renderer')) continue
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))
      if (rss) total += Number(rss[1]) * 1024
    } catch {
      // the process ended while we read it
    }
  }
  return total
}

/** Chromium processes below this Node process (the browser, its zygotes and helpers). */
function chromiumPids(): Set<number> {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)])
    } catch {
      // gone
    }
  }
  const out = new Set<number>()
  const stack = [process.pid]
  while (stack.length) {
    const pid = stack.pop()!
    for (const c of children.get(pid) ?? []) {
      out.add(c)
      stack.push(c)
    }
  }
  return out
}

async function firstLoad(browser: Browser, url: string) {
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const page = await context.newPage()
  const scripts = new Set<string>()
  let loaded = false
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname
    if (!loaded && /^\/assets\/.*\.js$/.test(path)) scripts.add(path)
  })
  await page.goto(url, { waitUntil: 'load' })
  loaded = true
  const loadMs = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return nav.loadEventStart - nav.startTime
  })
  let raw = 0
  let gzip = 0
  for (const path of scripts) {
    const bytes = readFileSync(join(ROOT, 'dist', path))
    raw += bytes.length
    gzip += gzipSync(bytes).length
  }
  await context.close()
  return { loadMs, raw, gzip, files: scripts.size }
}

/**
 * Records when each parse worker starts, first reports progress and delivers its model (the
 * message received and deserialised), and the parse time it reports itself.
 */
const WORKER_TIMES = `
  window.__workers = []
  const Base = window.Worker
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options)
      const t = { created: performance.now() }
      window.__workers.push(t)
      this.addEventListener('message', (e) => {
        if (e.data?.type === 'progress' && !t.progress) t.progress = performance.now()
        if (e.data?.type === 'done') Object.assign(t, { done: performance.now(), parseMs: e.data.parseMs })
      })
    }
  }
`
type WorkerTimes = { created: number; progress: number; done: number; parseMs: number }

type LoadFigures = {
  /** Per worker, milliseconds after the drop. */
  workers: WorkerTimes[]
  parseMs: number
  renderMs: number
  /** Main thread: V8 heap, and V8 heap plus ArrayBuffer backing stores (the model's tables). */
  peakHeap: number
  peakHeapWithBuffers: number
  /** Renderer processes' resident memory before the drop and at its peak. */
  baseRss: number
  peakRss: number
  firstCount: number
  page: Page
  close: () => Promise<void>
}

/** Opens `file` through the file chooser in a fresh tab; the tab stays open for more work. */
async function openFile(
  browser: Browser,
  url: string,
  file: string,
  rows: boolean,
  /** Pretend the machine has this many cores (1: the whole file in one worker). */
  cores?: number,
): Promise<LoadFigures> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    viewport: { width: 1400, height: 900 },
  })
  const page = await context.newPage()
  // tsx compiles this file with esbuild, which names functions through a `__name` helper that
  // functions passed to page.evaluate would not find in the page.
  await page.addInitScript('globalThis.__name = (f) => f')
  await page.addInitScript(WORKER_TIMES)
  if (cores !== undefined) {
    await page.addInitScript(
      `Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => ${cores} })`,
    )
  }
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(url)
  const pids = chromiumPids()
  const baseRss = rendererRss(pids)
  let peakHeap = 0
  let peakHeapWithBuffers = 0
  let peakRss = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics')
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
      peakHeap = Math.max(peakHeap, heap)
      // backingStorageSize: ArrayBuffers, which JSHeapUsedSize leaves out.
      const usage = (await cdp.send('Runtime.getHeapUsage')) as {
        usedSize: number
        backingStorageSize?: number
      }
      peakHeapWithBuffers = Math.max(
        peakHeapWithBuffers,
        usage.usedSize + (usage.backingStorageSize ?? 0),
      )
      peakRss = Math.max(peakRss, rendererRss(pids))
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Choose files…' }).click()
  await (await chooser).setFiles(file)
  await page.waitForSelector('.app[data-load-state="done"]', { timeout: 10 * 60_000 })
  await page.waitForFunction(() => performance.getEntriesByName('debrief:render').length > 0)
  sampling = false
  await sampler
  const { parseMs, renderMs, workers } = await page.evaluate(() => {
    const drop = performance.getEntriesByName('debrief:drop')[0].startTime
    const times = (window as unknown as { __workers: WorkerTimes[] }).__workers
    return {
      parseMs: performance.getEntriesByName('debrief:parse')[0].duration,
      renderMs: performance.getEntriesByName('debrief:render')[0].duration,
      workers: times.map((t) => ({
        created: t.created - drop,
        progress: t.progress - drop,
        done: t.done - drop,
        parseMs: t.parseMs,
      })),
    }
  })
  const text = rows
    ? (await page.getByTestId('group-row').first().locator('.cell-count').textContent())!
    : 'NaN'
  return {
    parseMs,
    renderMs,
    workers,
    peakHeap,
    peakHeapWithBuffers,
    baseRss,
    peakRss,
    firstCount: Number(text.replace(/,/g, '')),
    page,
    close: () => context.close(),
  }
}

/** Zooms and pans the flame graph with the keyboard; paint times and frame-to-frame delays. */
async function flameFrames(page: Page) {
  await page.getByRole('tab', { name: 'Flame' }).click()
  const canvas = page.getByTestId('flame-canvas')
  await canvas.waitFor()
  await page.waitForFunction(
    () =>
      Number(document.querySelector('[data-testid="flame-canvas"]')?.getAttribute('data-drawn')) >
      0,
  )
  const layoutMs = await page.evaluate(
    () => performance.getEntriesByName('debrief:flame-layout').at(-1)?.duration ?? NaN,
  )
  await page.evaluate(() => {
    const w = window as unknown as { __draws: number[]; __frames: number[]; __stop: boolean }
    w.__draws = []
    w.__frames = []
    w.__stop = false
    const el = document.querySelector('[data-testid="flame-canvas"]')!
    new MutationObserver(() => w.__draws.push(Number(el.getAttribute('data-draw-ms')))).observe(
      el,
      { attributes: true, attributeFilter: ['data-draw-ms'] },
    )
    let last = performance.now()
    const tick = (t: number) => {
      w.__frames.push(t - last)
      last = t
      if (!w.__stop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  await canvas.focus()
  const script = [
    ...Array(12).fill('+'),
    ...Array(6).fill('d'),
    ...Array(6).fill('a'),
    // No `s`: the window's share shortcut opens the share dialog even when the canvas has
    // handled the key as a pan (it does not check defaultPrevented), and takes the focus.
    ...Array(4).fill('w'),
    ...Array(6).fill('ArrowUp'),
    ...Array(6).fill('ArrowRight'),
    ...Array(6).fill('ArrowDown'),
    ...Array(6).fill('ArrowLeft'),
    ...Array(12).fill('-'),
  ]
  for (const key of script) {
    await page.keyboard.press(key)
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
  }
  const { draws, frames } = await page.evaluate(() => {
    const w = window as unknown as { __draws: number[]; __frames: number[]; __stop: boolean }
    w.__stop = true
    return { draws: w.__draws, frames: w.__frames.slice(1) }
  })
  return { layoutMs, keys: script.length, draws, frames }
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`
const mb = (n: number) => `${(n / MB).toFixed(0)} MB`

function largestGroup(file: string): number {
  const json = JSON.parse(run('npx', ['tsx', 'src/cli/parse.ts', file, '--json'])) as {
    groups: { count: number }[]
  }
  return Math.max(0, ...json.groups.map((g) => g.count))
}

async function main(): Promise<void> {
  const build = !process.argv.includes('--no-build')
  mkdirSync(OUT, { recursive: true })
  if (!existsSync(DUMP)) run('npx', ['tsx', 'bench/gen-go-dump.ts', DUMP, '420000'])
  if (!existsSync(LOG)) run('npx', ['tsx', 'bench/gen-log.ts', LOG, '5000000'])
  if (build) run('npx', ['vite', 'build'])
  const expectedTop = largestGroup(DUMP)

  const server = await serve()
  const browser = await chromium.launch(chromiumLaunchOptions)
  const rows: Row[] = []
  const add = (what: string, value: string, target: string, ok: boolean | null) => {
    rows.push({ what, value, target, ok })
    console.error(`${what}: ${value}`)
  }
  const addWorkers = (label: string, workers: WorkerTimes[]) =>
    workers.forEach((t, k) =>
      add(
        `${label}: worker ${k + 1}/${workers.length} started, parsed, delivered`,
        `${ms(t.created)}, ${ms(t.parseMs)}, at ${ms(t.done)}`,
        '',
        null,
      ),
    )
  try {
    const first = await firstLoad(browser, server.url)
    add('first load (navigation -> load)', ms(first.loadMs), '< 1 s', first.loadMs < 1000)
    add(
      `initial JS (${first.files} files)`,
      `${(first.gzip / 1024).toFixed(0)} KB gzip (${(first.raw / 1024).toFixed(0)} KB raw)`,
      '< 300 KB gzip',
      first.gzip < 300 * 1024,
    )

    const dumpSize = statSync(DUMP).size
    const dump = await openFile(browser, server.url, DUMP, true)
    add('420k dump: drop -> model', ms(dump.parseMs), '', null)
    addWorkers('420k dump', dump.workers)
    add('420k dump: drop -> table', ms(dump.renderMs), '< 3 s', dump.renderMs < 3000)
    add(
      '420k dump: first row = largest group',
      `${dump.firstCount} / ${expectedTop}`,
      'equal',
      dump.firstCount === expectedTop,
    )
    add(
      `420k dump (${mb(dumpSize)}): peak JS heap + buffers, main thread`,
      `${mb(dump.peakHeapWithBuffers)} (heap alone ${mb(dump.peakHeap)})`,
      `< ${mb(dumpSize * 1.5)}`,
      dump.peakHeapWithBuffers < dumpSize * 1.5,
    )
    add(
      '420k dump: renderer RSS, workers too (before drop -> peak)',
      `${mb(dump.baseRss)} -> ${mb(dump.peakRss)}`,
      '',
      null,
    )

    // The same file in one worker: what splitting it across workers gains.
    const single = await openFile(browser, server.url, DUMP, true, 1)
    await single.close()
    addWorkers('420k dump, one worker', single.workers)
    add('420k dump, one worker: drop -> table', ms(single.renderMs), '', null)
    add(
      `420k dump: speed-up of ${dump.workers.length} workers over one`,
      `${(single.renderMs / dump.renderMs).toFixed(2)}x`,
      '',
      null,
    )

    const flame = await flameFrames(dump.page)
    await dump.close()
    add('flame: model -> layout (420k)', ms(flame.layoutMs), '', null)
    add(
      `flame: paint per frame, p50 / p95 / max (${flame.draws.length} paints, ${flame.keys} keys)`,
      `${ms(quantile(flame.draws, 0.5))} / ${ms(quantile(flame.draws, 0.95))} / ${ms(Math.max(...flame.draws))}`,
      '< 16 ms',
      Math.max(...flame.draws) < 16,
    )
    add(
      `flame: frame-to-frame, p50 / p95 / max (${flame.frames.length} frames)`,
      `${ms(quantile(flame.frames, 0.5))} / ${ms(quantile(flame.frames, 0.95))} / ${ms(Math.max(...flame.frames))}`,
      '',
      null,
    )

    const logSize = statSync(LOG).size
    const log = await openFile(browser, server.url, LOG, false)
    await log.close()
    add('5M-line log: drop -> model', ms(log.parseMs), '', null)
    addWorkers('5M-line log', log.workers)
    add('5M-line log: drop -> table', ms(log.renderMs), '', null)
    add(
      `5M-line log (${mb(logSize)}): peak JS heap + buffers, main thread`,
      `${mb(log.peakHeapWithBuffers)} (heap alone ${mb(log.peakHeap)})`,
      `< ${mb(logSize * 1.5)}`,
      log.peakHeapWithBuffers < logSize * 1.5,
    )
    add(
      '5M-line log: renderer RSS, workers too (before drop -> peak)',
      `${mb(log.baseRss)} -> ${mb(log.peakRss)}`,
      '',
      null,
    )
  } finally {
    await browser.close()
    server.stop()
  }

  const w = Math.max(...rows.map((r) => r.what.length))
  const v = Math.max(...rows.map((r) => r.value.length))
  console.log(
    `Chromium ${browser.version()}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ` +
      `load average ${loadavg()[0].toFixed(2)}`,
  )
  for (const r of rows) {
    const verdict = r.ok === null ? '' : r.ok ? 'ok' : 'MISSED'
    console.log(`${r.what.padEnd(w)}  ${r.value.padEnd(v)}  ${r.target.padEnd(14)} ${verdict}`)
  }
  if (rows.some((r) => r.ok === false)) process.exitCode = 1
}

void main()
