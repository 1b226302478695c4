/**
 * `npm run bench:browser`: speed where users feel it, in Chromium, on the built app.
 *
 * Builds the app, serves dist/ with `vite preview` on a free port and drives it:
 * - first load of the app on localhost (navigation -> `load`) and the JavaScript it loads by
 *   then (dist/assets/*.js, gzip-compressed size);
 * - the 420,000-goroutine seed dump (bench/gen-go-dump.ts, generated into bench/out/ when
 *   missing) opened through the file chooser: the app's User Timing measures `debrief:parse`
 *   (drop -> model) and `debrief:render` (drop -> first view painted: the table, or the timeline where log lines alone open), when each parse
 *   worker started and delivered its model, the main thread's peak JS heap (CDP
 *   Performance.getMetrics) and heap plus ArrayBuffers (Runtime.getHeapUsage; the model's
 *   tables are typed arrays, which the JS heap figure leaves out), sampled every 100 ms, the
 *   renderer processes' resident memory before the drop and at its peak (main thread and
 *   workers together), and the first row's count against the command line's largest group;
 *   then the same dump with `navigator.hardwareConcurrency` one above the machine's cores, cut
 *   into one part per core, for what the parallel parse gains here (the app leaves a core to
 *   the page, so by default two cores read a file in one worker);
 * - a 5,000,000-line service log (bench/gen-log.ts), the same way;
 * - the flame graph of the 420k dump during scripted zooming and panning with the keyboard
 *   (+/-, arrows, W/A/D): each canvas paint's time (the canvas's `data-draw-ms`) and the
 *   delays between animation frames.
 *
 *   npm run bench:browser
 *   npm run bench:browser -- --no-build      # use the dist/ already built
 *   npm run bench:browser -- --only dump     # first load, the dump and its flame graph; or log
 *
 * Each file's Node floor (floor.ts: read, decode, count lines) is measured in the same run,
 * and load times are printed as multiples of it; for the dump, also the Chromium floor (the
 * same work in a worker of the tab, `browserFloorMs`), which no parse in the tab can beat.
 * Targets: the 420k dump's table within 1.5x its floor, the 5M-line log's within 4 s, flame
 * frames under 16 ms, peak heap under 1.5x the file size, initial JS under 300 KB gzip, first
 * load under 1 s.
 */
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { medianFileFloor, ratio } from './floor'
import { browserFloorMs, firstLoad, openFile, run, serve, type WorkerTimes } from './app-driver'
import { machineLine, printTable, type BenchRow } from './ratio-table'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'bench/out')
const DUMP = join(OUT, 'seed-go-dump-420000.txt')
const LOG = join(OUT, 'service-log-5000000.log')
const MB = 1024 * 1024

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
  const onlyAt = process.argv.indexOf('--only')
  const only = onlyAt === -1 ? null : process.argv[onlyAt + 1]
  if (only !== null && only !== 'dump' && only !== 'log') {
    console.error('--only takes dump or log')
    process.exit(64)
  }
  const withDump = only !== 'log'
  const withLog = only !== 'dump'
  mkdirSync(OUT, { recursive: true })
  if (withDump && !existsSync(DUMP)) run('npx', ['tsx', 'bench/gen-go-dump.ts', DUMP, '420000'])
  if (withLog && !existsSync(LOG)) run('npx', ['tsx', 'bench/gen-log.ts', LOG, '5000000'])
  if (build) run('npx', ['vite', 'build'])

  const server = await serve()
  const browser = await chromium.launch(chromiumLaunchOptions)
  const rows: BenchRow[] = []
  const add = (what: string, value: string, target: string, ok: boolean | null, ratio = '') => {
    rows.push({ what, value, ratio, target, ok })
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
      `initial JS (${first.files} ${first.files === 1 ? 'file' : 'files'})`,
      `${(first.gzip / 1024).toFixed(0)} KB gzip (${(first.raw / 1024).toFixed(0)} KB raw)`,
      '< 300 KB gzip',
      first.gzip < 300 * 1024,
    )

    if (withDump) {
      const expectedTop = largestGroup(DUMP)
      const dumpSize = statSync(DUMP).size
      const dumpFloor = await medianFileFloor(DUMP)
      add('420k dump: Node floor (read, decode, count lines)', ms(dumpFloor.ms), '', null, '1.00x')
      const dumpBrowserFloor = await browserFloorMs(browser, DUMP)
      add(
        '420k dump: Chromium floor (a worker reads the picked file, decodes, counts lines)',
        ms(dumpBrowserFloor),
        '',
        null,
        ratio(dumpBrowserFloor, dumpFloor),
      )
      const dump = await openFile(browser, server.url, DUMP, true)
      add('420k dump: drop -> model', ms(dump.parseMs), '', null, ratio(dump.parseMs, dumpFloor))
      addWorkers('420k dump', dump.workers)
      add(
        '420k dump: drop -> table',
        ms(dump.renderMs),
        '≤ 1.5x',
        dump.renderMs <= 1.5 * dumpFloor.ms,
        ratio(dump.renderMs, dumpFloor),
      )
      add(
        '420k dump: drop -> table, as a multiple of the Chromium floor',
        `${(dump.renderMs / dumpBrowserFloor).toFixed(2)}x`,
        '',
        null,
      )
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

      // The same file split one part per core, a core fewer than the page leaves itself: what
      // the parallel path would gain or lose on this machine.
      const split = await openFile(browser, server.url, DUMP, true, cpus().length + 1)
      await split.close()
      addWorkers('420k dump, one worker per core', split.workers)
      add(
        `420k dump, ${split.workers.length} workers: drop -> table`,
        ms(split.renderMs),
        '',
        null,
        ratio(split.renderMs, dumpFloor),
      )
      add(
        `420k dump: speed-up of ${split.workers.length} workers over ${dump.workers.length}`,
        `${(dump.renderMs / split.renderMs).toFixed(2)}x`,
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
    }

    if (withLog) {
      const logSize = statSync(LOG).size
      const logFloor = await medianFileFloor(LOG)
      add('5M-line log: Node floor (read, decode, count lines)', ms(logFloor.ms), '', null, '1.00x')
      const log = await openFile(browser, server.url, LOG, false)
      await log.close()
      add('5M-line log: drop -> model', ms(log.parseMs), '', null, ratio(log.parseMs, logFloor))
      addWorkers('5M-line log', log.workers)
      add(
        '5M-line log: drop -> timeline (where log lines alone open)',
        ms(log.renderMs),
        '≤ 4 s',
        log.renderMs <= 4000,
        ratio(log.renderMs, logFloor),
      )
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
    }
  } finally {
    await browser.close()
    server.stop()
  }

  console.log(machineLine(`, Chromium ${browser.version()}`))
  if (!printTable(rows)) process.exitCode = 1
}

void main()
