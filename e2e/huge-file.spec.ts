import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import {
  test,
  expect,
  waitForLoadState,
  parseWithCli,
  pretendCores,
  chooseFiles,
  temporaryDirectory,
} from './helpers'

/**
 * A 2 GB goroutine dump opens without the tab dying. The dump is the seed-shaped generator's
 * (bench/gen-go-dump.ts) at three million goroutines, written to a temporary directory and
 * removed afterwards. Slow by design: minutes on a 2-core machine.
 */
const GOROUTINES = 3_000_000
const MIN_BYTES = 2_000_000_000

const inputs = temporaryDirectory('debrief-huge-')
const path = () => inputs.path('goroutines-2gb.txt')
/** The same generator's groups at 20,000 goroutines, from the command line. */
let smallGroups = 0

test.beforeAll(() => {
  test.setTimeout(5 * 60_000)
  execFileSync('npx', ['tsx', 'bench/gen-go-dump.ts', path(), String(GOROUTINES)], {
    stdio: 'inherit',
  })
  expect(statSync(path()).size).toBeGreaterThan(MIN_BYTES)
  const small = inputs.path('goroutines-small.txt')
  execFileSync('npx', ['tsx', 'bench/gen-go-dump.ts', small, '20000'])
  smallGroups = parseWithCli(small).groups.length
  expect(smallGroups).toBeGreaterThan(5)
})

test('a 2 GB goroutine dump opens and groups', async ({ page }) => {
  test.setTimeout(12 * 60_000)
  let crashed = false
  page.on('crash', () => (crashed = true))
  await page.goto('./')
  await chooseFiles(page, path())
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', /^(done|error)$/, {
    timeout: 10 * 60_000,
  })
  expect(crashed).toBe(false)
  await waitForLoadState(page, 'done')

  // Every goroutine is counted once (the runtime stack goes with the crash), in as many
  // groups as a small dump of the same shape makes, and the leak (97% of them) leads the table.
  await expect(page.getByTestId('group-count')).toHaveText(
    `${smallGroups} groups of ${GOROUTINES.toLocaleString('en-US')}`,
  )
  const rows = page.getByTestId('group-row')
  await expect(rows.first()).toBeVisible()
  const top = Number((await rows.first().locator('.cell-count').textContent())!.replace(/,/g, ''))
  expect(top).toBeGreaterThan(GOROUTINES * 0.9)
  await expect(rows.first()).toContainText('semacquire')
})

test('a 45 MB service log is read by several workers and charts its metrics', async ({ page }) => {
  test.setTimeout(3 * 60_000)
  // Big enough to be split across workers (32 MB and up), each part holding some 200,000
  // points of the `duration` metric.
  const log = inputs.path('service.log')
  execFileSync('npx', ['tsx', 'bench/gen-log.ts', log, '400000'])
  const cli = parseWithCli(log)
  expect(statSync(log).size).toBeGreaterThan(40 << 20)
  // Below three cores a file is read by one worker: pretend four, to merge the parts' models.
  await pretendCores(page, 4)
  const workers: unknown[] = []
  page.on('worker', (w) => workers.push(w))
  await page.goto('./')
  await chooseFiles(page, log)
  await waitForLoadState(page, 'done', 2 * 60_000)
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const list = page.getByTestId('event-list')
  await expect(list.locator('figcaption')).toContainText(cli.events.toLocaleString('en-US'))
  const metrics = page.getByTestId('metrics-chart')
  await expect(metrics.getByRole('checkbox', { name: /^goroutines/ })).toBeChecked()
  await expect(metrics.locator('.recharts-line-curve').first()).toBeVisible()
  expect(workers.length).toBeGreaterThanOrEqual(2)
})
