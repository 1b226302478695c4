/**
 * Drives the built app in Chromium for the benchmarks: serves dist/ with `vite preview` on a
 * free port and opens a file through the file chooser in a fresh tab, with the app's own User
 * Timing measures, each parse worker's times, the main thread's heap and the renderer
 * processes' memory.
 */
import type { Browser, Page } from '@playwright/test'
import { execFileSync, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = resolve(import.meta.dirname, '..')

export function run(cmd: string, args: string[]): string {
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

export async function serve(): Promise<{ url: string; stop: () => void }> {
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

export async function firstLoad(browser: Browser, url: string) {
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
export type WorkerTimes = { created: number; progress: number; done: number; parseMs: number }

export type LoadFigures = {
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
export async function openFile(
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
    // A tab that crashes ends the sampling; the wait below reports the crash.
    while (sampling) await sample().catch(() => (sampling = false))
  })()
  async function sample(): Promise<void> {
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

/**
 * The browser's own floor for a file: a worker reads it as the app's parse worker does (the
 * picked file's stream), decodes it as UTF-8 and counts its lines; median of three. In
 * Chromium, reading a file and making strings of it cost more than in Node, and no parse in
 * the tab can be faster than this.
 */
export async function browserFloorMs(browser: Browser, file: string): Promise<number> {
  const page = await browser.newPage()
  try {
    await page.setContent('<input type="file" id="file">')
    await page.setInputFiles('#file', file)
    const runs: number[] = []
    for (let k = 0; k < 3; k++) runs.push(await page.evaluate(BROWSER_FLOOR))
    return runs.sort((a, b) => a - b)[1]
  } finally {
    await page.close()
  }
}

const BROWSER_FLOOR = `new Promise((resolve, reject) => {
  const source = \`onmessage = async (e) => {
    const started = performance.now()
    const reader = e.data.stream().getReader()
    const decoder = new TextDecoder()
    let lines = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      const text = decoder.decode(value, { stream: true })
      for (let i = text.indexOf('\\\\n'); i !== -1; i = text.indexOf('\\\\n', i + 1)) lines++
    }
    decoder.decode()
    postMessage({ ms: performance.now() - started, lines })
  }\`
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
  worker.onmessage = (e) => { worker.terminate(); resolve(e.data.ms) }
  worker.onerror = (e) => reject(new Error(e.message))
  worker.postMessage(document.getElementById('file').files[0])
})`
