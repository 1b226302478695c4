import { test, expect, waitForLoadState, dropFile } from './helpers'

test('thousands of nested quotes in the Summary render bounded; the app and the text stay', async ({
  page,
}) => {
  await page.goto('./')
  await dropFile(page, 'public/examples/go-cgo-sigsegv.txt')
  await waitForLoadState(page, 'done')
  const deep = '> '.repeat(3000) + 'still here'
  const summary = page.getByLabel('Summary (Markdown)')
  await summary.fill(deep)
  await page.getByTestId('pm-preview-button').click()
  const preview = page.getByTestId('pm-preview')
  await expect(preview).toContainText('still here')
  expect(await preview.locator('blockquote').count()).toBeLessThanOrEqual(16)
  // The rest of the page is still there, and the text is as typed.
  await expect(page.getByTestId('postmortem-pane')).toBeVisible()
  await expect(page.getByTestId('pane-failed')).toHaveCount(0)
  await expect(page.locator('.group-row').first()).toBeVisible()
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByLabel('Summary (Markdown)')).toHaveValue(deep)
})

test('inside another page’s frame the app refuses to run', async ({ page }) => {
  await page.goto('./')
  await page.evaluate(() => {
    const frame = document.createElement('iframe')
    frame.src = location.href
    frame.title = 'framed'
    document.body.append(frame)
  })
  const framed = page.frameLocator('iframe[title="framed"]')
  await expect(framed.getByTestId('framed-refusal')).toContainText('does not run inside')
  await expect(framed.locator('.app')).toHaveCount(0)
  // The page itself runs.
  await expect(page.locator('.app')).toHaveAttribute('data-load-state', 'idle')
})
