import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { go13Waiters } from '../src/test/go-waiters'
import { tenSnapshots } from '../src/test/memleak-snapshots'
import { dropBytes, expect, test, waitForLoadState } from './helpers'

// The five incidents of INCIDENTS.md, each as an input built from its write-up and the corpus.
// Every figure the page shows is checked against a count taken from the same text with grep or
// awk, never against a number written into the test.

/** `grep -c PATTERN` over `text` (0 when nothing matches: grep then exits 1). */
function grepCount(pattern: string, text: string): number {
  try {
    return Number(execFileSync('grep', ['-c', '-E', pattern], { input: text, encoding: 'utf8' }))
  } catch (e) {
    const out = (e as { stdout?: string }).stdout
    if (out !== undefined && out.trim() === '0') return 0
    throw e
  }
}

/** `awk PROGRAM` over `text`, its output trimmed. */
function awk(program: string, text: string): string {
  return execFileSync('awk', [program], { input: text, encoding: 'utf8' }).trim()
}

/** `awk PROGRAM` over `text` that prints one number a line. */
function awkNumbers(program: string, text: string): number[] {
  return awk(program, text).split('\n').map(Number)
}

async function open(page: Page, name: string, text: string) {
  await page.goto('./')
  await dropBytes(page, name, Buffer.from(text).toString('base64'))
  await waitForLoadState(page, 'done')
}

/** The HTML report the postmortem pane exports, as text. */
async function exportReport(page: Page): Promise<string> {
  if ((await page.locator('.pm-export').count()) === 0)
    await page.getByRole('button', { name: 'Postmortem' }).click()
  await page.locator('.pm-export summary').click()
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'HTML report' }).click(),
  ])
  return readFileSync((await html.path())!, 'utf8')
}

/** The number of records the Stacks toolbar says it shows (`… groups of N` or `(x of N)`). */
async function shownTotal(page: Page): Promise<number> {
  const text = await page.getByTestId('group-count').innerText()
  const m = /groups? of ([\d,]+)|\(([\d,]+) of [\d,]+\)/.exec(text)!
  return Number((m[1] ?? m[2]).replace(/,/g, ''))
}

async function tableTotal(page: Page): Promise<number> {
  const text = await page.getByTestId('group-count').innerText()
  return Number(/of ([\d,]+)\)?$/.exec(text)![1].replace(/,/g, ''))
}

/** The UI's UTC format for a time read from the input. */
function utc(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace('T', ' ').replace('Z', ' UTC')
}

test('1. cgo use-after-free: the crash facts, its goroutines and its time agree with the log', async ({
  page,
}) => {
  // `kubectl logs --previous`: the service's dated lines, then the runtime's undated trace.
  const service = [
    '2024-03-05T10:14:01.250Z info redirect matcher loaded rules=18342',
    '2024-03-05T10:15:01.730Z info serving origin=edge-7 rps=5120',
    '2024-03-05T10:15:47.902Z warn request latency p99=2.4s',
  ]
  const trace = readFileSync('public/examples/go-cgo-sigsegv.txt', 'utf8')
  const text = `${service.join('\n')}\n${trace}`
  await open(page, 'previous.log', text)

  const signal = awk(
    '!n && /^\\[signal / { n = 1; match($0, /code=[^ ]+ addr=[^ ]+ pc=[^\\]]+/); print $2; print substr($0, RSTART, RLENGTH) }',
    text,
  ).split('\n')
  const [name, facts] = [signal[0].replace(':', ''), signal[1]]
  const [code, addr, pc] = facts.split(' ').map((f) => f.split('=')[1])
  const lastDated = awk(
    '/^fatal error/ { done = 1 } !done && /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/ { t = $1 } END { print t }',
    text,
  )

  const banner = page.getByTestId('crash-summary')
  await expect(banner).toContainText(name)
  await page.getByTestId('crash-toggle').click()
  for (const fact of [code, addr, pc]) await expect(banner).toContainText(fact)
  // The runtime's own frames under `runtime stack:`, innermost first, as the trace lists them.
  const runtimeFrames = awk(
    '/^runtime stack:/ { on = 1; next } on && /^$/ { exit } on && !/^\t/ { sub(/\\(.*/, ""); print }',
    trace,
  ).split('\n')
  expect(runtimeFrames.length).toBeGreaterThan(0)
  const shownFrames = await page
    .getByTestId('crash-runtime-stack')
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.textContent!.split(/\s+/)[0]))
  expect(shownFrames).toEqual(runtimeFrames)
  await expect(page.getByTestId('crash-time')).toHaveText(`≈ ${utc(lastDated)}`)

  // Every `goroutine N [` header is one record; `runtime stack:` is none.
  const goroutines = grepCount('^goroutine [0-9]+ \\[', text)
  await expect.poll(() => tableTotal(page)).toBe(goroutines)
  // The crashed group is named by the program's own call into C, not by runtime.cgocall.
  const cfunc = awk('!n && /_Cfunc_/ { n = 1; sub(/\\(.*/, ""); print }', trace)
  const crashed = page.getByTestId('group-row').first()
  await expect(crashed).toContainText(cfunc)

  // The crash is on the timeline, at the last dated line's time, marked approximate.
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const crashRow = page.getByTestId('event-row').filter({ hasText: 'crash' })
  await expect(crashRow).toHaveCount(grepCount('^fatal error', text))
  await expect(crashRow.locator('.event-time')).toHaveText(`≈ ${utc(lastDated)}`)
  await expect(page.getByTestId('event-histogram').locator('.recharts-reference-line')).toHaveCount(
    1,
  )
})

test('2. HAProxy in zlib under musl: every segfault counted, the event filter agrees with grep', async ({
  page,
}) => {
  // Syslog lines of seed 001: a segfault about every five minutes, other lines between.
  const lines: string[] = []
  const start = Date.UTC(2024, 10, 22, 8, 0, 29)
  for (let i = 0; i < 96; i++) {
    const at = start + i * 5 * 60_000 + (i % 7) * 1_000
    const hms = new Date(at).toISOString().slice(11, 19)
    const since = (4838261.071917 + (at - start) / 1000).toFixed(6)
    if (i % 3 === 0) lines.push(`Nov 22 ${hms} lb-1 haproxy[1]: Server www/app${i % 4} is DOWN.`)
    lines.push(
      `Nov 22 ${hms} lb-1 kernel: [${since}] haproxy[${610 + i}]: segfault at 7fdb0426e000 ip 00007fdb0403305b sp 00007ffee5ff8988 error 4 in ld-musl-x86_64.so.1[7fdb03fe2000+87000]`,
      `Nov 22 ${hms} lb-1 haproxy[1]: Proxy www started.`,
    )
  }
  const text = lines.join('\n') + '\n'
  await open(page, 'syslog', text)

  const segfaults = grepCount('segfault at', text)
  await expect.poll(() => tableTotal(page)).toBe(segfaults)
  // The faulting place: the library and ip - base, as awk computes it from the first line.
  const [ip, base] = awk(
    '!n && /segfault at/ { n = 1; for (i = 1; i < NF; i++) if ($i == "ip") ip = $(i + 1); split($NF, m, /[[+]/); print ip, m[2] }',
    text,
  ).split(' ')
  const offset = (BigInt(`0x${ip}`) - BigInt(`0x${base}`)).toString(16)
  await expect(page.getByTestId('group-row').first()).toContainText(
    `ld-musl-x86_64.so.1+0x${offset}`,
  )

  // The event list's filter finds as many lines as grep does.
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const filter = page.getByTestId('event-filter')
  await filter.fill('is DOWN')
  await expect(page.getByTestId('event-count')).toContainText(`${grepCount('is DOWN', text)} of `)
  await filter.fill('/segfault at [0-9a-f]+ ip/')
  await expect(page.getByTestId('event-count')).toContainText(`${segfaults} of `)
})

test('3. DNS lookups without timeouts: one group of every waiter, named and found by its creator', async ({
  page,
}) => {
  const text =
    '2015-03-14 08:23:33 UTC | ERROR | dd.collector | collector.py:132 | Cannot allocate memory\n' +
    go13Waiters(3000)
  await open(page, 'agent-crash.log', text)

  const waiters = grepCount('^goroutine [0-9]+ \\[semacquire', text)
  const top = page.getByTestId('group-row').first()
  await expect(top.locator('.cell-count')).toHaveText(waiters.toLocaleString('en-US'))
  await expect(top).toContainText('semacquire in net.(*singleflight).Do')

  // Searching the created-by site finds every waiter, though no frame above it names it.
  const creator = awk('!n && /^created by / { n = 1; print $3 }', text)
  await page.getByTestId('group-search').fill(creator)
  await expect.poll(() => shownTotal(page)).toBe(grepCount(`^created by ${creator}$`, text))

  // The waits are counted back from the dump's time: the dated line before it.
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const minutes = awk(
    '!n && /^goroutine / { n = 1; sub(/.*, /, ""); sub(/ minutes.*/, ""); print }',
    text,
  )
  const stuck = page.getByTestId('stuck-since')
  await expect(stuck).toBeVisible()
  await expect(stuck).toContainText('08:23:33')
  expect(Number(minutes)).toBe(27)
})

test('4. a leak hidden by restarts: each dump is its own snapshot, with its own count', async ({
  page,
}) => {
  // A supervisor's stderr: three lifetimes of one process, each ending in a fatal error and its
  // goroutines, then a quiet restart.
  const lives = [40, 120, 230]
  const out: string[] = []
  let minute = 0
  const at = () => {
    const t = new Date(Date.UTC(2014, 5, 24, 18, 0, 0) + minute++ * 60_000)
    return t.toISOString().replace('T', ' ').slice(0, 19)
  }
  lives.forEach((n, life) => {
    if (life > 0)
      out.push(`${at()} info:76c0b38e starting api server version=1.8.2 pid=${4242 + life}`)
    for (const g of [9, Math.round(n / 2), n])
      out.push(
        `${at()} info:76c0b38e METRICS: goroutines: ${g}, cgo: 40, alloc: ${7377040 + g * 1000}`,
      )
    out.push('fatal error: concurrent map writes', '')
    for (let i = 0; i < n; i++) {
      out.push(
        `goroutine ${i + 1} [select]:`,
        'main.(*pubsub).loop(0xc000120000)',
        '\t/src/pubsub.go:88 +0x1c5',
        'created by main.(*pubsub).subscribe',
        '\t/src/pubsub.go:41 +0x9b',
        '',
      )
    }
  })
  const text = out.join('\n') + '\n'
  await open(page, 'stderr.log', text)

  // Goroutines per dump, by awk: headers between one `fatal error` and the next.
  const perDump = awkNumbers(
    '/^fatal error/ { d++ } /^goroutine [0-9]+ \\[/ { n[d]++ } END { for (i = 1; i <= d; i++) print n[i] }',
    text,
  )
  expect(perDump).toHaveLength(grepCount('^fatal error', text))

  const picker = page.getByRole('combobox', { name: 'Snapshot shown' })
  await expect(picker.locator('option')).toHaveCount(perDump.length)
  // The last dump by default: its own goroutines, never the sum of the three lifetimes.
  await expect.poll(() => tableTotal(page)).toBe(perDump.at(-1))
  const top = Number(
    (await page.getByTestId('group-row').first().locator('.cell-count').innerText()).replace(
      /,/g,
      '',
    ),
  )
  expect(top).toBeLessThanOrEqual(Math.max(...perDump))
  await picker.selectOption({ index: 0 })
  await expect.poll(() => tableTotal(page)).toBe(perDump[0])

  // On the timeline: the goroutines metric, and each crash and restart as a line.
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await expect(page.getByTestId('metrics-chart')).toContainText('goroutines')
  const restarts = grepCount('starting api server', text)
  const crashes = grepCount('^fatal error', text)
  await expect(page.getByTestId('event-histogram').locator('.recharts-reference-line')).toHaveCount(
    restarts + crashes,
  )
})

test('5. a leak in a C library: the last snapshot’s bytes, not the sum of ten', async ({
  page,
}) => {
  const text = tenSnapshots()
  await open(page, 'memleak.txt', text)

  // Each block is cumulative: the shown figures are those of the last one.
  const last = awk(
    '/Top 10 stacks/ { b = 0; a = 0 } / bytes in / { b += $1; a += $4 } END { print b, a }',
    text,
  )
  const [bytes, allocations] = last.split(' ').map(Number)
  const snapshots = grepCount('Top 10 stacks with outstanding allocations', text)
  const picker = page.getByRole('combobox', { name: 'Snapshot shown' })
  await expect(picker.locator('option')).toHaveCount(snapshots)
  await expect(page.getByTestId('snapshot-position')).toContainText(`${snapshots} of ${snapshots}`)

  // The largest stack of the last block, exact in the cell's title.
  const topBytes = awk(
    '/Top 10 stacks/ { m = 0 } / bytes in / && $1 > m { m = $1 } END { print m }',
    text,
  )
  const top = page.getByTestId('group-row').first()
  await expect(top.locator('.cell-bytes [title]')).toHaveAttribute(
    'title',
    `${Number(topBytes).toLocaleString('en-US')} B`,
  )
  // The groups add up to the block's total.
  const cells = await page.getByTestId('group-row').locator('.cell-bytes [title]').all()
  let sum = 0
  for (const c of cells) sum += Number((await c.getAttribute('title'))!.replace(/[^\d]/g, ''))
  expect(sum).toBe(bytes)
  await expect(page.getByTestId('group-growth').first()).toBeVisible()

  // Pinned and presented, the group states the same figures: the last block's, exact.
  const topAllocations = awk(
    '/Top 10 stacks/ { m = 0 } / bytes in / && $1 > m { m = $1; a = $4 } END { print a }',
    text,
  )
  await top.click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await page.keyboard.press('Shift+P')
  await expect(page.getByTestId('present-panel')).toContainText(
    `${Number(topBytes).toLocaleString('en-US')} B in ${Number(topAllocations).toLocaleString('en-US')} allocations`,
  )
  await page.keyboard.press('Escape')

  // The exported report lists the same largest stack first, with the same bytes.
  const report = await exportReport(page)
  const firstRow = /<tbody><tr>(.*?)<\/tr>/.exec(report)![1]
  expect(firstRow).toContain(`${Number(topBytes).toLocaleString('en-US')} B`)
  expect(firstRow).toContain(`>${Number(topAllocations).toLocaleString('en-US')}<`)
  expect(firstRow).toContain('deserialize_String_vector')

  // The command line agrees: totals of the last snapshot.
  const file = join(mkdtempSync(join(tmpdir(), 'debrief-')), 'memleak.txt')
  writeFileSync(file, text)
  const json = JSON.parse(
    execFileSync('npx', ['tsx', 'src/cli/parse.ts', file, '--json'], { encoding: 'utf8' }),
  )
  expect(json.totals).toMatchObject({ bytes, allocations })
})

test('5. the write-up’s two memleak runs, before and after symbols, are never added up', async ({
  page,
}) => {
  // The post ran memleak twice, on two processes hours apart: a build without symbols, then one
  // with them. Each run's outstanding allocations are its own; their sum is no one's figure.
  const dir = 'src/parse/memleak/__fixtures__'
  const text = ['seed004-zookeeper-unknown-frames.txt', 'seed004-zookeeper-symbolized-o5000.txt']
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n')
  const runAllocations = awkNumbers(
    '/^Attaching to/ { n++ } / bytes in / { a[n] += $4 } END { for (i = 1; i <= n; i++) print a[i] }',
    text,
  )
  expect(runAllocations).toHaveLength(grepCount('^Attaching to', text))
  await open(page, 'memleak.txt', text)

  // The last run by default: the symbolized stack that named the leak.
  expect(await shownTotal(page)).toBe(runAllocations[1])
  await expect(page.getByTestId('group-row').first()).toContainText('deserialize_String_vector')
  const picker = page.getByRole('combobox', { name: 'Snapshot shown' })
  await expect(picker.locator('optgroup')).toHaveCount(2)
  await expect(picker.locator('optgroup').first()).toHaveAttribute('label', 'Run 1 of 2')
  await expect(page.getByTestId('snapshot-position')).toContainText('run 2 of 2')
  await expect(page.getByTestId('snapshot-position')).toContainText('alone')

  // The first run, picked, shows its own allocations and none of the second's.
  await picker.selectOption('0')
  expect(await shownTotal(page)).toBe(runAllocations[0])
  await expect(page.getByTestId('group-row').filter({ hasText: 'deserialize' })).toHaveCount(0)

  // The command line describes the same run.
  const file = join(mkdtempSync(join(tmpdir(), 'debrief-')), 'memleak.txt')
  writeFileSync(file, text)
  const json = JSON.parse(
    execFileSync('npx', ['tsx', 'src/cli/parse.ts', file, '--json'], { encoding: 'utf8' }),
  )
  expect(json.totals.allocations).toBe(runAllocations[1])
  expect(json.snapshot).toBe(1)
})

test('5. a stack leaking in several runs shows the history of the run shown', async ({ page }) => {
  // bcc's memleak example: three runs leak from `main`; a row's growth line is its own run's.
  const text = readFileSync('src/parse/memleak/__fixtures__/bcc-memleak_example.txt', 'utf8')
  const rows = awk(
    '/^Attaching to/ { r++ } /^\\[..:..:..\\] Top/ { s++; run[s] = r; label[s] = substr($1, 2, 8) } ' +
      '/ bytes in .* from stack/ { b = $1 } /^ +main\\+0x/ { main[s] += b } ' +
      'END { for (i = 1; i <= s; i++) print run[i], label[i], main[i] }',
    text,
  )
    .split('\n')
    .map((l) => l.split(' '))
  const history = (run: string) =>
    rows.filter((r) => r[0] === run).map(([, label, bytes]) => ({ label, bytes: Number(bytes) }))
  const expectGrowth = async (run: string) => {
    const points = history(run)
    const cell = page.getByTestId('group-row').first().getByTestId('group-growth')
    await expect(cell.getByRole('img')).toHaveAttribute(
      'aria-label',
      points.map((p) => `${p.label}: ${p.bytes} B`).join('; '),
    )
    await expect(cell).toContainText(`+${points.at(-1)!.bytes - points[0].bytes} B`)
  }
  await open(page, 'bcc-memleak_example.txt', text)
  // Shown first: the last snapshot of the last run with several, the fourth run (16 -> 32 B).
  const lastRun = rows.filter((r) => rows.filter((q) => q[0] === r[0]).length > 1).at(-1)![0]
  await expect(page.getByTestId('snapshot-position')).toContainText(`run ${lastRun} of`)
  await expectGrowth(lastRun)
  // The second run's last snapshot, picked: its own line (64 -> 160 B).
  const picker = page.getByRole('combobox', { name: 'Snapshot shown' })
  await picker.selectOption({ index: 3 })
  await expect(page.getByTestId('snapshot-position')).toContainText('run 2 of')
  await expectGrowth('2')
})
