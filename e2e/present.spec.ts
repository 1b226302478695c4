import { test, expect, waitForLoadState, dropFile } from './helpers'

test('presentation mode steps through the pinned evidence with the keyboard', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, 'public/examples/go-cgo-sigsegv.txt')
  await waitForLoadState(page, 'done')
  // Two pins: the crashed group (with a note), then another group.
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await page.getByTestId('stack-detail').getByTestId('note-button').click()
  await page.getByLabel('New note on this group').fill('The C call returned NULL')
  await page.getByRole('button', { name: 'Save note' }).click()
  await page.locator('.group-row-crashed').click()
  const other = page.locator('.group-row:not(.group-row-crashed)').first()
  await other.click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')

  await page.keyboard.press('Shift+P')
  const panel = page.getByTestId('present-panel')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('postmortem-pane')).toBeHidden()
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 2')
  await expect(page.getByTestId('present-note')).toHaveText('The C call returned NULL')
  // The step shows the item in its view: the crashed group, expanded.
  await expect(page.locator('.group-row-crashed')).toHaveAttribute('aria-expanded', 'true')
  // The table keeps the screen's height: laid out as a block it shrank to three rows.
  const table = (await page.locator('.group-table').boundingBox())!
  expect(table.y + table.height).toBeGreaterThan(page.viewportSize()!.height - 40)

  await page.keyboard.press('PageDown')
  await expect(page.getByTestId('present-progress')).toHaveText('2 / 2')
  await expect(page.locator('.group-row-crashed')).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByTestId('present-note')).toHaveCount(0)
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('present-progress')).toHaveText('2 / 2')
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 2')

  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(page.getByTestId('postmortem-pane')).toBeVisible()
})

test('the theme can be chosen for a projector', async ({ page }) => {
  await page.goto('./')
  await page.getByTestId('theme-switch').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  expect(bg).toBe('rgb(21, 23, 27)')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test('an audience window opens the presenter’s inputs and follows its steps', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, 'public/examples/go-cgo-sigsegv.txt')
  await waitForLoadState(page, 'done')
  await page.locator('.group-row-crashed').click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await page.locator('.group-row-crashed').click()
  await page.locator('.group-row:not(.group-row-crashed)').first().click()
  await page.getByTestId('stack-detail').getByTestId('pin-button').click()
  await expect(page.getByTestId('postmortem-pane')).toHaveAttribute('data-dirty', 'false')
  await page.keyboard.press('Shift+P')
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 2')

  // The audience window is started by the address it opens with (#follow=1).
  const popup = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Open an audience window' }).click()
  const audience = await popup
  await waitForLoadState(audience, 'done')
  await expect(audience.getByTestId('present-progress')).toHaveText('1 / 2')
  await expect(audience.getByTestId('present-panel')).toContainText('Following the presenter')
  await page.keyboard.press('PageDown')
  await expect(audience.getByTestId('present-progress')).toHaveText('2 / 2')
  await page.keyboard.press('Escape')
  await expect(audience.getByTestId('present-panel')).toBeHidden()
})
