import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Locator } from '@playwright/test'
import { test, expect, waitForLoadState, dropFile } from './helpers'

const log = 'public/examples/api-service-with-restart.log'

/** `grep -c -i -E pattern FILE`, as a reader would count it. */
function grepCount(pattern: string, path: string): number {
  try {
    return Number(execFileSync('grep', ['-ciE', pattern, path], { encoding: 'utf8' }).trim())
  } catch {
    return 0 // grep exits 1 when nothing matches
  }
}

/** The number of events the list says it shows. */
async function shownCount(list: Locator): Promise<number> {
  await expect(list).toHaveAttribute('data-filter-state', 'done')
  const caption = await list.getByTestId('event-count').innerText()
  return Number(caption.match(/[\d,]+/)![0].replace(/,/g, ''))
}

test('the event list filters by text, /regex/ and level, as grep counts, and keeps the filter over a reload', async ({
  page,
}) => {
  const slowOrTimeout = grepCount('timeout|slow request', log)
  const errorsOnly = grepCount('^\\S+ \\S+ (error|fatal)\\S* .*(timeout|slow request)', log)
  const dialed = grepCount('dial tcp', log)
  expect(errorsOnly).toBeGreaterThan(0)
  expect(errorsOnly).toBeLessThan(slowOrTimeout)

  await page.goto('./')
  await dropFile(page, log)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const list = page.getByTestId('event-list')
  const filter = page.getByTestId('event-filter')

  // `/` puts the caret in the filter, as the shortcuts list says.
  await expect(filter).toBeVisible()
  await expect(filter).not.toBeFocused()
  await page.keyboard.press('/')
  await expect(filter).toBeFocused()
  await page.keyboard.type('dial tcp')
  await expect(list.getByTestId('event-count')).toContainText(' of ')
  expect(await shownCount(list)).toBe(dialed)
  for (const row of await list.getByTestId('event-row').all())
    await expect(row).toContainText('dial tcp')

  await filter.fill('/timeout|slow request/')
  await expect(page).toHaveURL(/filter=/)
  expect(await shownCount(list)).toBe(slowOrTimeout)

  await page.getByTestId('event-level').selectOption({ label: 'Error and above' })
  await expect(page).toHaveURL(/level=error/)
  expect(await shownCount(list)).toBe(errorsOnly)
  for (const row of await list.getByTestId('event-row').all())
    await expect(row.locator('.event-level')).toHaveText(/error|fatal/)

  // A reload keeps the filter (in the address, like the Stacks search).
  await page.reload()
  await dropFile(page, log)
  await waitForLoadState(page, 'done')
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true')
  await expect(filter).toHaveValue('/timeout|slow request/')
  await expect(page.getByTestId('event-level')).toHaveValue('5')
  expect(await shownCount(list)).toBe(errorsOnly)

  // A bad /regex/ says so; clearing the filter lists every event again.
  await filter.fill('/(unclosed/')
  await expect(page.getByTestId('timeline').getByRole('alert')).toContainText('regex')
  await filter.fill('')
  await page.getByTestId('event-level').selectOption({ label: 'All levels' })
  await expect(list.getByTestId('event-count')).not.toContainText(' of ')
})

test('JSON log lines are listed by their message, with their level', async ({ page }) => {
  const path = 'src/parse/log/__fixtures__/lnav-bunyan.0.txt'
  const first = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]) as { msg: string }
  await page.goto('./')
  await dropFile(page, path)
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
  const row = page.getByTestId('event-list').getByTestId('event-row').first()
  // bunyan's level 20 is debug.
  await expect(row.locator('.event-level')).toHaveText('debug')
  await expect(row.locator('.event-text')).toHaveText(first.msg)
})
