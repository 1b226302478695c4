import { test, expect, waitForLoadState, dropFile } from './helpers'

const cgoCrash = 'public/examples/go-cgo-sigsegv.txt'

test('a deep link opens the same group for someone else with the input', async ({
  page,
  browser,
}) => {
  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await page.locator('.group-row-crashed').click()
  // The fragment follows the view.
  await expect(page).toHaveURL(/#group=[0-9a-z]+/)
  const link = page.url()

  const other = await browser.newContext()
  const reader = await other.newPage()
  await reader.goto(link)
  await dropFile(reader, cgoCrash)
  await waitForLoadState(reader, 'done')
  await expect(reader.locator('.group-row-crashed')).toHaveAttribute('aria-expanded', 'true')
  await expect(reader.locator('.group-row-crashed')).toBeFocused()
  await other.close()
})

test('a frame link zooms the flame graph; an unknown group is reported', async ({ page }) => {
  await page.goto('./#frame=main.crashInC')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('tab', { name: 'Flame' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('flame-breadcrumbs')).toContainText('main.crashInC')
  await expect(page).toHaveURL(/view=flame&frame=main\.crashInC/)

  await page.goto('./#group=zzzzzz')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('link-error')).toContainText('not in the loaded input')
})

test("a group's own Copy link to this names the same group as the address bar", async ({
  page,
}) => {
  await page.goto('./')
  await dropFile(page, cgoCrash)
  await waitForLoadState(page, 'done')
  await page.locator('.group-row-crashed').click()
  await expect(page).toHaveURL(/#group=[0-9a-z]+/)
  const group = new URL(page.url()).hash.match(/group=([0-9a-z]+)/)![1]
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByTestId('copy-item-link').click()
  await expect(page.getByTestId('copy-item-link')).toHaveText('Link copied')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toContain(`#group=${group}`)
})

test('an event link scrolls the timeline to that event and marks it', async ({ page, browser }) => {
  const log = 'public/examples/api-service-with-restart.log'
  await page.goto('./')
  await dropFile(page, log)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const list = page.getByTestId('event-list').getByRole('table')
  // The arrow keys walk the list; the address bar names the focused event.
  await list.focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  const focused = list.locator('[aria-selected="true"]')
  await expect(focused).toHaveCount(1)
  await expect(page).toHaveURL(/event=api-service-with-restart\.log(:|%3A)\d+/)
  // An event far down the list, by its line number.
  const lines = (await import('node:fs')).readFileSync(log, 'utf8').split('\n')
  const line = lines.findIndex((l) => l.includes('fatal error: concurrent map writes')) + 1
  expect(line).toBeGreaterThan(100)

  const other = await browser.newContext()
  const reader = await other.newPage()
  await reader.goto(`./#view=timeline&event=api-service-with-restart.log:${line}`)
  await dropFile(reader, log)
  await waitForLoadState(reader, 'done')
  const marked = reader.getByTestId('event-list').locator('[aria-selected="true"]')
  await expect(marked).toBeInViewport()
  await expect(marked.locator('.event-source')).toHaveText(`:${line}`)
  await expect(marked).toContainText('concurrent map writes')
  await other.close()
})

test('searches and the grouping mode are in the address, and come back after a reload', async ({
  page,
}) => {
  const dump = 'public/examples/go-goroutine-leak-dump.txt'
  await page.goto('./')
  await dropFile(page, dump)
  await waitForLoadState(page, 'done')
  await page.getByTestId('group-mode').selectOption('app')
  await page.getByTestId('group-search').fill('lookup')
  await expect(page).toHaveURL(/mode=app/)
  await expect(page).toHaveURL(/q=lookup/)
  const narrowed = await page.getByTestId('group-count').textContent()
  await page.getByRole('tab', { name: 'Flame' }).click()
  await page.getByTestId('flame-search').fill('semacquire')
  await expect(page).toHaveURL(/find=semacquire/)

  await page.reload()
  await dropFile(page, dump)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('flame-search')).toHaveValue('semacquire')
  await expect(page.getByTestId('flame-search-summary')).toContainText('matched')
  await page.getByRole('tab', { name: 'Stacks' }).click()
  await expect(page.getByTestId('group-mode')).toHaveValue('app')
  await expect(page.getByTestId('group-search')).toHaveValue('lookup')
  await expect(page.getByTestId('group-count')).toHaveText(narrowed!)

  // A link may ask for any depth of the first-N-frames mode.
  await page.goto('./#mode=top5')
  await page.reload()
  await dropFile(page, dump)
  await waitForLoadState(page, 'done')
  await expect(page.getByTestId('group-mode')).toHaveValue('top5')
  await expect(page.getByTestId('group-mode').locator('option:checked')).toHaveText('Top 5 frames')
})
