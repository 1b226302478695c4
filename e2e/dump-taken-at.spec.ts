import type { Page } from '@playwright/test'
import { test, expect, dropFile, waitForLoadState } from './helpers'

// A Go 1.19 dump with no timestamp on any line: its goroutines parked 61 s before the dump
// (`[semacquire, 1 minutes]`), and nothing says when it was taken.
const undated = 'src/parse/go/__fixtures__/local-go119-gen-dump-n300-wait61s.txt'

async function openTimeline(page: Page) {
  await dropFile(page, undated)
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
