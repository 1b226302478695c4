import { test, expect, waitForLoadState, dropFile } from './helpers'

const leakDump = 'public/examples/go-goroutine-leak-dump.txt'

// Regexes that backtrack for years in a JavaScript RegExp; searches run on a linear-time
// engine (RE2), so a link carrying one costs the time of the text it reads.
test('a #q= or #find= link with a backtracking regex runs in linear time', async ({ page }) => {
  await page.goto('./')
  await dropFile(page, leakDump)
  await waitForLoadState(page, 'done')
  const count = page.getByTestId('group-count')
  const all = await count.textContent()

  await page.goto(`./#q=${encodeURIComponent('/(a+)+$/')}&find=${encodeURIComponent('/(a+)+$/')}`)
  await dropFile(page, leakDump)
  await waitForLoadState(page, 'done')
  // No frame text ends in a run of `a`s: nothing matches, and nothing was refused.
  await expect(page.getByRole('alert').filter({ hasText: /regex/i })).toHaveCount(0)
  await expect(page.locator('.group-row')).toHaveCount(0)
  // The tab answers: switching views and searching again work.
  await page.getByRole('tab', { name: 'Flame' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /regex/i })).toHaveCount(0)
  await page.getByRole('tab', { name: 'Stacks' }).click()
  const search = page.getByPlaceholder(/function, file, package or state/)
  // Matches every text (at its end): every group is shown.
  await search.fill('/(\\w+\\s?)*$/')
  await expect(count).toHaveText(all!)
  await search.fill('/main\\.watchdog/')
  await expect(page.locator('.group-row').first()).toBeVisible()
  await expect(page.locator('.group-row').first()).toContainText('watchdog')
})
