import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { test, expect, dropTexts, waitForLoadState } from './helpers'

// A Go 1.19 dump whose goroutines parked 61 s before it (`[semacquire, 1 minutes]`), without
// the service's dated log lines before its panic: nothing says when it was taken.
const dump = 'src/parse/go/__fixtures__/local-go119-gen-dump-n300-wait61s.txt'
const text = readFileSync(dump, 'utf8')
const undated = text.slice(text.indexOf('panic: '))

async function openTimeline(page: Page) {
  await dropTexts(page, [{ name: 'undated-dump.txt', text: undated }])
  await waitForLoadState(page, 'done')
  await page.getByRole('tab', { name: 'Timeline' }).click()
}

test('"dump taken at" anchors stuck since for an undated dump and survives a reload', async ({
  page,
}) => {
  await page.goto('./')
  await openTimeline(page)
  const caption = page.getByTestId('stuck-since').locator('figcaption')
  await expect(caption).toContainText('no line dates the dump')

  const field = page.getByTestId('dump-taken-at').getByRole('textbox')
  await expect(field).toHaveValue('')
  await field.fill('2026-03-05 16:31')
  await expect(caption).toContainText('dump taken at 2026-03-05 16:31:00.000 UTC, as set')
  await expect(caption).not.toContainText('no line dates')
  await expect(caption).not.toContainText('assumed')

  await page.waitForTimeout(1200) // autosave is debounced (within a second)
  await page.reload()
  await openTimeline(page)
  await expect(page.getByTestId('dump-taken-at').getByRole('textbox')).toHaveValue(
    '2026-03-05 16:31:00',
  )
  await expect(page.getByTestId('stuck-since').locator('figcaption')).toContainText(
    'dump taken at 2026-03-05 16:31:00.000 UTC, as set',
  )
})
