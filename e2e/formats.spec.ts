import { readFileSync } from 'node:fs'
import { test, expect, waitForLoadState, dropFile, dropTexts, parseWithCli } from './helpers'

/**
 * One of each input engineers hold besides text dumps: a Go heap profile in protobuf, a
 * valgrind massif file, a zip of crash artifacts and a zap log, each dropped as a person would.
 */

const PPROF = 'src/parse/pprof/__fixtures__/heap-after.pb.gz'
const MASSIF = 'src/parse/massif/__fixtures__/massif.out.leaky_cache'
const BUNDLE = 'src/parse/archive/__fixtures__/crash-artifacts.zip'
const ZAP = 'src/parse/log/__fixtures__/go-zap-production.txt'

test('a pprof heap profile offers its sample types as flame weights', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, PPROF)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('region', { name: 'Inputs' })).toContainText('heap-after.pb.gz')
  await expect(page.getByRole('region', { name: 'Inputs' })).toContainText('pprof')
  await page.getByRole('tab', { name: 'Flame' }).click()
  const weight = page.getByTestId('flame-weight')
  for (const type of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'])
    await expect(weight.locator('option', { hasText: type })).toHaveCount(1)
  await weight.selectOption({ label: 'alloc_space (bytes)' })
  await expect(
    page.getByTestId('flame-view').locator('[aria-label*="alloc_space"]'),
  ).not.toHaveCount(0)
  // The records the page shows are the ones the command line reads.
  await page.getByRole('tab', { name: 'Stacks' }).click()
  await expect(page.getByRole('region', { name: 'Inputs' })).toBeVisible()
  expect(parseWithCli(PPROF).records).toBeGreaterThan(0)
})

test('a massif file shows its snapshots with the peak', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, MASSIF)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('region', { name: 'Inputs' })).toContainText('massif')
  // One snapshot is shown at a time, of those massif wrote a tree for: the last, here the peak.
  const detailed = readFileSync(MASSIF, 'utf8').match(/^heap_tree=(?:detailed|peak)$/gm)!.length
  const picker = page.getByRole('group', { name: 'Snapshot' })
  await expect(picker.getByTestId('snapshot-position')).toContainText(
    `${detailed} of ${detailed} (the last`,
  )
  await expect(picker.getByLabel('Snapshot shown').locator('option:checked')).toContainText(
    '(peak)',
  )
  await page.getByRole('tab', { name: 'Timeline' }).click()
  await expect(page.getByTestId('snapshot-growth')).toBeVisible()
})

test('a zip bundle opens every member as its own input and skips the binary', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, BUNDLE)
  await waitForLoadState(page, 'done')
  const inputs = page.getByRole('region', { name: 'Inputs' })
  for (const member of [
    'logs/api.log',
    'logs/panic.txt',
    'profiles/heap.pb.gz',
    'profiles/massif.out.leaky_cache',
  ])
    await expect(inputs).toContainText(`crash-artifacts/${member}`)
  await expect(inputs).toContainText('Skipped crash-artifacts/bin/leaky_cache (binary')
})

test('a zap production log is a timeline of events', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, ZAP)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('region', { name: 'Inputs' })).toContainText('log')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  // Five lines, five events, as the command line reads them too.
  expect(parseWithCli(ZAP).events).toBe(5)
  await expect(page.getByTestId('event-histogram')).toBeVisible()
})

test('a JVM fatal error names its signal once, and its crashed thread', async ({ page }) => {
  const path = 'src/parse/java/__fixtures__/issue-adoptium-718-hs_err-memcpy-header.txt'
  const text = readFileSync(path, 'utf8')
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  // `#  SIGSEGV (0xb) at pc=…` is the message itself: the headline does not print SIGSEGV twice.
  const header = /^#\s+(SIGSEGV \(0xb\) at pc=0x[0-9a-f]+)/m.exec(text)![1]
  const headline = page.locator('.crash-headline')
  await expect(headline.locator('.crash-message')).toHaveText(header)
  expect((await headline.innerText()).split('SIGSEGV').length - 1).toBe(1)
  const thread = /\[_thread_in_native, id=(\d+)/.exec(text)![1]
  await expect(headline).toContainText(`thread ${thread}`)
})

test("the kernel's OOM killer: each kill a crash, the service killed twice one row of 2", async ({
  page,
}) => {
  const path = 'src/parse/kernel/__fixtures__/oom-kills-syslog.txt'
  const text = readFileSync(path, 'utf8')
  const kills = [...text.matchAll(/Killed process (\d+) \((.*)\) total-vm:/g)]
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  const [, pid, comm] = kills[0]
  const headline = page.locator('.crash-headline')
  await expect(headline.locator('.crash-kind')).toHaveText(/oom kill/i)
  await expect(headline).toContainText(`killed process ${pid} (${comm})`)
  await expect(headline).toContainText(`process ${pid}`)
  // Each kill is a crash; systemd's line about the service killed is a witness of its kill.
  await expect(page.getByTestId('crash-summary')).toContainText(`${kills.length - 1} more crashes`)
  // One row per process, its count the kills grep finds.
  const perComm = new Map<string, number>()
  for (const [, , name] of kills) perComm.set(name, (perComm.get(name) ?? 0) + 1)
  const oomRows = page.getByTestId('group-row').filter({ hasText: 'OOM killed' })
  await expect(oomRows).toHaveCount(perComm.size)
  await expect(oomRows.first()).toContainText(comm)
  await expect(oomRows.first().locator('.cell-count')).toHaveText(String(perComm.get(comm)))
})

test('a service in a restart loop: each abnormal exit systemd logged, one row per unit', async ({
  page,
}) => {
  const path = 'src/parse/systemd/__fixtures__/service-restart-loop-journal.txt'
  const text = readFileSync(path, 'utf8')
  const exits = [...text.matchAll(/ (\S+): Main process exited, code=(\w+), status=(\d+)/g)].filter(
    ([, , code, status]) => code !== 'exited' || status !== '0',
  )
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  const [, unit] = exits[0]
  await expect(page.locator('.crash-headline')).toContainText(`${unit}: main process killed by`)
  await expect(page.getByTestId('crash-summary')).toContainText(`${exits.length - 1} more crashes`)
  const row = page.getByTestId('group-row').filter({ hasText: unit })
  await expect(row.locator('.cell-count')).toHaveText(
    String(exits.filter(([, u]) => u === unit).length),
  )
})

test('a pod description: the OOM-killed container, its exit code and its restarts', async ({
  page,
}) => {
  const path = 'src/parse/container/__fixtures__/kubectl-describe-pod-oomkilled.txt'
  const text = readFileSync(path, 'utf8')
  const [, code] = /Reason:\s+OOMKilled\n\s+Exit Code:\s+(\d+)/.exec(text)!
  const [, restarts] = /OOMKilled[\s\S]*?Restart Count:\s+(\d+)/.exec(text)!
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  const headline = page.locator('.crash-headline')
  await expect(headline.locator('.crash-kind')).toHaveText(/oom kill/i)
  await expect(headline).toContainText(`api: OOM killed (exit ${code})`)
  // The init container that completed is no crash: one crash, one row.
  await expect(page.getByTestId('crash-summary')).not.toContainText('more crash')
  const rows = page.getByTestId('group-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('api')
  await page.getByTestId('crash-toggle').click()
  await expect(page.locator('.crash-notes')).toContainText(`restart count ${restarts}`)
})

test("a script's log: each child killed by a signal is a crash, every log line an event", async ({
  page,
}) => {
  // bash's report of a SIGKILL (an OOM kill seen from a script) and a SIGSEGV with a core,
  // between timestamped log lines; a recover handler's logged `panic:` line in the middle.
  const path = 'src/parse/glibc/__fixtures__/bash-script-killed-segv.txt'
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
  lines.splice(1, 0, `${lines[0].slice(0, 20)} ERROR panic: boom (recovered)`)
  const text = lines.join('\n') + '\n'
  const reports = lines.filter((line) => / \d+ (Killed|Segmentation fault) /.test(line))
  const stamped = lines.filter((line) => /^\d{4}-\d\d-\d\dT/.test(line))
  await page.goto('./')
  await dropTexts(page, [{ name: 'job.log', text }])
  await waitForLoadState(page, 'done')
  const headline = page.locator('.crash-headline')
  await expect(headline).toContainText('Killed')
  await expect(page.getByTestId('crash-summary')).toContainText(`${reports.length - 1} more crash`)
  await page.getByRole('tab', { name: 'Timeline' }).click()
  // Every timestamped line is an event of the log, the logged panic too, each crash one, and
  // the first log line after a crash marks a restart.
  const restarts = reports.filter((report) =>
    lines.slice(lines.indexOf(report)).some((line) => stamped.includes(line)),
  )
  const caption = page.getByTestId('event-list').locator('figcaption')
  await expect(caption).toContainText(`${stamped.length + reports.length + restarts.length} events`)
  await page.getByTestId('event-filter').fill('panic: boom')
  await expect(caption).toHaveText(/^1 of \d+ events/)
})

test('a log coloured by a terminal reads as the terminal showed it', async ({ page }) => {
  // zerolog's console writer: the time grey, the level coloured, the field names cyan.
  const plain = [
    ['2024-03-14T08:23:33.123Z', 'ERR', 'request failed', '120'],
    ['2024-03-14T08:23:34.123Z', 'INF', 'request ok', '80'],
  ]
  const colour = ['31', '32']
  const text = plain
    .map(
      ([time, level, message, ms], i) =>
        `\x1b[90m${time}\x1b[0m \x1b[${colour[i]}m${level}\x1b[0m ${message} \x1b[36mlatency_ms=\x1b[0m${ms}`,
    )
    .join('\n')
  await page.goto('./')
  await dropTexts(page, [{ name: 'console.log', text }])
  await waitForLoadState(page, 'done')
  const list = page.getByTestId('event-list')
  await expect(list.getByTestId('event-count')).toHaveText(`${plain.length} events`)
  const rows = list.getByTestId('event-row')
  for (const [i, [time, level, message, ms]] of plain.entries()) {
    await expect(rows.nth(i)).toContainText(time.replace('T', ' ').replace('Z', ' UTC'))
    // The time has its own column.
    await expect(rows.nth(i).locator('.event-text')).toHaveText(
      `${level} ${message} latency_ms=${ms}`,
    )
  }
})
